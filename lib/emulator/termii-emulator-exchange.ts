/** An HTTP request as the emulator sees it, whichever face (HTTP server or axios adapter) received it. */
export interface TermiiEmulatorRequest {
  /** The HTTP method, e.g. `POST`. */
  method: string;
  /** The request path, optionally with a query string, e.g. `/api/sms/otp/generate`. */
  path: string;
  /** Header names in any case; a repeated header may be given as an array. */
  headers?: Record<string, string | string[] | undefined>;
  /** The raw request body. */
  body: string;
}

/** An HTTP answer of the emulator. */
export interface TermiiEmulatorResponse {
  /** The HTTP status code. */
  status: number;
  /** Header names in lower case. */
  headers: Record<string, string>;
  /** The response body as sent (JSON for Termii's answers; HTML, empty or malformed for some faults). */
  body: string;
}

/**
 * What a face must do with a request. The emulator is pure logic, so waiting and dropping connections are
 * left to the face that owns the transport (a socket for the sandbox, a promise for the axios adapter).
 */
export type TermiiEmulatorReply =
  /** Answer with `response`, after `delayMs`. */
  | {
      /** What to do. */
      action: 'respond';
      /** The answer to send. */
      response: TermiiEmulatorResponse;
      /** How long to hold it first (ms). */
      delayMs: number;
    }
  /** After `delayMs`, drop the connection without an answer (the client sees a reset). */
  | {
      /** What to do. */
      action: 'drop';
      /** How long to wait before dropping (ms). */
      delayMs: number;
    }
  /** Never answer; the client's timeout (or the face closing) ends the exchange. */
  | {
      /** What to do. */
      action: 'hang';
    }
  /** Send the status line and headers of `response`, then stall: the body never comes. */
  | {
      /** What to do. */
      action: 'stall';
      /** The answer whose status line and headers are sent. */
      response: TermiiEmulatorResponse;
    };
