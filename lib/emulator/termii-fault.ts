import type { TermiiOperationPath } from './termii-paths.js';

/**
 * A failure to inject in place of Termii's normal answer, for the next request(s).
 *
 * Every kind except `delay` replaces the request's processing: the request is recorded but no PIN is
 * generated or checked, as when a proxy in front of Termii answers. `delay` processes the request normally
 * and holds the answer.
 */
export type TermiiFault =
  /**
   * Answer with this status and body. A string `body` is sent as is (`text/html` unless `contentType` says
   * otherwise); any other value is sent as JSON; no body sends an empty one.
   */
  | {
      /** The kind of fault. */
      kind: 'respond';
      /** The HTTP status to answer. */
      status: number;
      /** The body: a string as is, anything else as JSON, none for an empty body. */
      body?: unknown;
      /** The `Content-Type` of the body, when the default does not fit. */
      contentType?: string;
      /** More response headers, e.g. `{ 'retry-after': '30' }`. */
      headers?: Record<string, string>;
      /** Hold the answer this long first (ms). */
      delayMs?: number;
    }
  /** Answer normally, but only after `delayMs` (use it with a small client `timeoutMs` to cause a timeout). */
  | {
      /** The kind of fault. */
      kind: 'delay';
      /** How long to hold the normal answer (ms). */
      delayMs: number;
    }
  /** Read the request, then drop the connection without an answer (after `delayMs`, if given). */
  | {
      /** The kind of fault. */
      kind: 'drop';
      /** How long to wait before dropping (ms). */
      delayMs?: number;
    }
  /** Read the request and never answer. */
  | {
      /** The kind of fault. */
      kind: 'hang';
    }
  /** Send the status line and headers, then never the body. */
  | {
      /** The kind of fault. */
      kind: 'stall';
      /** The status line's status. @default 200 */
      status?: number;
    };

/** Which requests a queued fault applies to. */
export interface TermiiFaultOptions {
  /** How many of the next matching requests get the fault. @default 1 */
  times?: number;
  /** Only requests to this operation (e.g. `'send'`, `'getBalance'`); by default, any request. */
  operation?: TermiiOperationPath;
}

/** Termii's answer to a send the wallet cannot pay (with status 400). */
export const INSUFFICIENT_BALANCE_BODY = Object.freeze({ message: 'Insufficient balance' });

const DEFAULT_HTML_PAGE =
  '<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>';

/** Builders for the faults a test usually wants. */
export const TermiiFaults = Object.freeze({
  /** A JSON error answer, Termii's usual `{ "message": ... }` by default. */
  status(status: number, body: unknown = { message: `Simulated HTTP ${status}` }): TermiiFault {
    return { kind: 'respond', status, body };
  },
  /** An HTML page, as a proxy in front of Termii answers. */
  html(status = 502, html = DEFAULT_HTML_PAGE): TermiiFault {
    return { kind: 'respond', status, body: html, contentType: 'text/html; charset=utf-8' };
  },
  /** A 429 with `Retry-After`: a number of seconds, or an HTTP date string. */
  rateLimited(retryAfter: number | string = 30): TermiiFault {
    return {
      kind: 'respond',
      status: 429,
      body: { message: 'Too many requests' },
      headers: { 'retry-after': String(retryAfter) },
    };
  },
  /** A 401 as Termii answers a key it does not accept. */
  unauthorized(): TermiiFault {
    return { kind: 'respond', status: 401, body: { message: 'Unauthorized' } };
  },
  /**
   * Termii's answer when the wallet cannot pay: 400 `{ "message": "Insufficient balance" }`, the very answer
   * the emulator gives when its balance runs out (see `setBalance`).
   */
  insufficientBalance(): TermiiFault {
    return { kind: 'respond', status: 400, body: { ...INSUFFICIENT_BALANCE_BODY } };
  },
  /** A status with a body that is not JSON at all (default: a 2xx, which the client must reject). */
  invalidJson(status = 200): TermiiFault {
    return { kind: 'respond', status, body: '{"status": "success", "data": ', contentType: 'application/json' };
  },
  /** Valid JSON that is not the documented shape (default: a 2xx without `data`). */
  wrongShape(status = 200, body: unknown = { status: 'success' }): TermiiFault {
    return { kind: 'respond', status, body };
  },
  /** An answer with no body at all. */
  empty(status: number): TermiiFault {
    return { kind: 'respond', status };
  },
  /** The normal answer, late by `ms`. */
  delay(ms: number): TermiiFault {
    return { kind: 'delay', delayMs: ms };
  },
  /** The connection dropped after the request was read. */
  drop(afterMs?: number): TermiiFault {
    return afterMs === undefined ? { kind: 'drop' } : { kind: 'drop', delayMs: afterMs };
  },
  /** No answer, ever. */
  hang(): TermiiFault {
    return { kind: 'hang' };
  },
  /** Headers, then no body, ever. */
  stall(status = 200): TermiiFault {
    return { kind: 'stall', status };
  },
});
