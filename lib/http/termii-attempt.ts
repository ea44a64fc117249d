import type { InternalAxiosRequestConfig } from 'axios';
import type { TermiiTransport } from './termii-transport.js';

/** Why an attempt was ended from outside: its timeout ran out, or the module shut down. */
export type TermiiAttemptAbortReason = Error & { code: 'ETIMEDOUT' | 'ECLIENTCLOSED' };

/**
 * One attempt of a call, handed through the request config's `termiiAttempt` field to the axios adapter
 * that carries it: the module's undici adapter, or the testing kit's in-memory one. It learns whether a
 * connection was made, and it is the attempt's cancellation channel: a single callback rather than an
 * `AbortController` (an `EventTarget`, plus axios's handling of its signal: about 5–10 µs of CPU per call
 * on the benchmark's machine).
 */
export class TermiiAttempt {
  /** A connection was made, so the request may have reached Termii: the attempt must not be retried. */
  connected = false;
  timedOut = false;
  /** Set by `abort`: the attempt's timeout ran out or the module shut down. */
  abortReason: TermiiAttemptAbortReason | undefined = undefined;
  private abortListener: ((reason: TermiiAttemptAbortReason) => void) | undefined = undefined;

  markConnected(): void {
    this.connected = true;
  }

  /** Ends the attempt: runs the callback given to `onAbort` (once, even if aborted again). */
  abort(reason: TermiiAttemptAbortReason): void {
    if (this.abortReason) return;
    this.abortReason = reason;
    const listener = this.abortListener;
    this.abortListener = undefined;
    listener?.(reason);
  }

  /**
   * Sets what ends this attempt's request when it is aborted: one callback, a later one replaces it. Runs it
   * at once if the attempt is already aborted.
   */
  onAbort(listener: (reason: TermiiAttemptAbortReason) => void): void {
    if (this.abortReason) listener(this.abortReason);
    else this.abortListener = listener;
  }
}

/**
 * A request config as `TermiiHttpClient` hands it to an adapter: axios's, plus the attempt it reports to
 * and the transport (undici dispatcher) that `termiiUndiciAdapter` sends through.
 */
export type TermiiRequestConfig = InternalAxiosRequestConfig & {
  termiiAttempt?: TermiiAttempt;
  termiiTransport?: TermiiTransport;
};
