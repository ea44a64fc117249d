import type { TermiiOperation } from './termii-api.error.js';
import { TermiiError } from './termii.error.js';

/**
 * No answer came within `timeoutMs`. When the connection had been made, the request may have reached
 * Termii: a send was not retried, a read (`getBalance`) was; a connect timeout is retried like a refused
 * connection.
 */
export class TermiiTimeoutError extends TermiiError {
  /** The error's class name, `TermiiTimeoutError`: kept when the error is serialized or logged. */
  override name = 'TermiiTimeoutError';

  constructor(
    /** Which call failed (see `TermiiOperation`). */
    readonly operation: TermiiOperation,
    /** The per-attempt timeout that ran out. */
    readonly timeoutMs: number,
    /** `connect`: no connection was made; `response`: connected, then no complete answer in time. */
    readonly phase: 'connect' | 'response',
    /** How many attempts were made. */
    readonly attempts: number,
  ) {
    super(
      phase === 'connect'
        ? `Termii ${operation} could not connect within ${timeoutMs} ms (${attempts} attempt${attempts === 1 ? '' : 's'})`
        : attempts === 1
          ? `Termii ${operation} sent no complete answer within ${timeoutMs} ms; the request may have reached Termii and was not retried`
          : `Termii ${operation} sent no complete answer within ${timeoutMs} ms (${attempts} attempts)`,
    );
  }

  /** `true` when the connection was made (`phase: 'response'`): the request may have been carried out. */
  override get mayHaveReachedTermii(): boolean {
    return this.phase === 'response';
  }
}

/**
 * The HTTP exchange failed below HTTP: DNS failure, refused or reset connection, or the client shut down.
 */
export class TermiiConnectionError extends TermiiError {
  /** The error's class name, `TermiiConnectionError`: kept when the error is serialized or logged. */
  override name = 'TermiiConnectionError';
  readonly #mayHaveReachedTermii: boolean;

  constructor(
    /** Which call failed (see `TermiiOperation`). */
    readonly operation: TermiiOperation,
    /** The system error code, e.g. `ECONNREFUSED`, `ENOTFOUND`, `ECONNRESET`, when there was one. */
    readonly code: string | undefined,
    mayHaveReachedTermii: boolean,
    /** How many attempts were made. */
    readonly attempts: number,
  ) {
    super(
      `Termii ${operation} failed: ${code ?? 'connection error'}` +
        (!mayHaveReachedTermii
          ? ` (${attempts} attempt${attempts === 1 ? '' : 's'}, Termii was not reached)`
          : attempts === 1
            ? '; the request may have reached Termii and was not retried'
            : ` (${attempts} attempts)`),
    );
    this.#mayHaveReachedTermii = mayHaveReachedTermii;
  }

  /** Whether a connection had been made, so the request may have reached Termii. */
  override get mayHaveReachedTermii(): boolean {
    return this.#mayHaveReachedTermii;
  }
}

/** Termii answered 2xx with a body that is not the documented shape (HTML, invalid JSON, missing fields). */
export class TermiiResponseError extends TermiiError {
  /** The error's class name, `TermiiResponseError`: kept when the error is serialized or logged. */
  override name = 'TermiiResponseError';

  constructor(
    /** Which call failed (see `TermiiOperation`). */
    readonly operation: TermiiOperation,
    /** The 2xx HTTP status that came with the unexpected body. */
    readonly status: number,
    /** What was wrong with the body, in words (never the body itself). */
    readonly reason: string,
  ) {
    super(`Termii ${operation} answered HTTP ${status} with an unexpected body: ${reason}`);
  }

  /** `true`: Termii answered 2xx, so it most likely took the request; only its answer could not be read. */
  override get mayHaveReachedTermii(): boolean {
    return true;
  }
}
