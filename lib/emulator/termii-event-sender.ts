import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { TermiiConfigError, TermiiError } from '../errors/termii.error.js';
import {
  checkTermiiSignatureOptions,
  DEFAULT_TERMII_SIGNATURE_HEADER,
  signTermiiEvent,
  type TermiiSignatureEncoding,
} from '../webhooks/sign-termii-event.js';

/** Where and how a `TermiiEventSender` posts events. */
export interface TermiiEventSenderOptions {
  /** The app's webhook URL, e.g. `http://127.0.0.1:3000/termii/events` (http: or https:). */
  url: string;
  /** The signing secret the app checks. Never in an error or `util.inspect` output. */
  secret: string;
  /** @default 'x-termii-signature' */
  signatureHeader?: string;
  /** @default 'sha512' */
  algorithm?: string;
  /** @default 'hex' */
  encoding?: TermiiSignatureEncoding;
  /** How long one delivery (connect, send, whole answer) may take. @default 5000 */
  timeoutMs?: number;
  /** Extra certificate authorities for an https: URL (e.g. a test's self-signed certificate). */
  ca?: string | Buffer | Array<string | Buffer>;
}

/** What the webhook endpoint answered to one event. */
export interface TermiiEventDelivery {
  /** The HTTP status, e.g. 200, 401. */
  status: number;
  /** The answer's body as text (at most 64 KiB are kept). */
  body: string;
  /** The exact body that was sent and signed. */
  sentBody: string;
}

/** An event could not be delivered: no answer in time, or no connection. Names the URL without credentials. */
export class TermiiEventDeliveryError extends TermiiError {
  /** The error's class name, `TermiiEventDeliveryError`: kept when the error is serialized or logged. */
  override name = 'TermiiEventDeliveryError';

  constructor(
    /**
     * `timeout`: no complete answer within `timeoutMs`; `connection`: the exchange failed below HTTP;
     * `aborted`: the caller's signal ended it (e.g. the sandbox closing).
     */
    readonly reason: 'timeout' | 'connection' | 'aborted',
    /** The webhook URL, without user info, query or fragment. */
    readonly url: string,
    /** The system error code (`ECONNREFUSED`…), when there was one. */
    readonly code?: string,
  ) {
    super(
      reason === 'timeout'
        ? `The Termii event to ${url} got no complete answer in time`
        : reason === 'aborted'
          ? `The Termii event to ${url} was abandoned before its answer`
          : `The Termii event to ${url} could not be delivered: ${code ?? 'connection error'}`,
    );
  }
}

const MAX_ANSWER_BYTES = 64 * 1024;

/** Options of one `TermiiEventSender.send`. */
export interface TermiiEventSendOptions {
  /** Ends the exchange when it aborts (the promise then rejects with reason `aborted`). */
  signal?: AbortSignal;
}

/**
 * Posts Termii events, signed as Termii signs them, to a webhook URL, and returns what the endpoint
 * answered. The emulator uses it for delivery reports; a test can use it to send any event. One request
 * per event on its own connection (closed after the answer, so nothing outlives the sender's user), no
 * retries, no redirects followed.
 */
export class TermiiEventSender {
  readonly #secret: string;
  readonly #url: URL;
  readonly #signature: { algorithm: string; encoding: TermiiSignatureEncoding };
  readonly #header: string;
  readonly #timeoutMs: number;
  readonly #ca: TermiiEventSenderOptions['ca'];

  /** @throws TermiiConfigError naming the first invalid option (never the secret). */
  constructor(options: TermiiEventSenderOptions) {
    let url: URL;
    try {
      url = new URL(options.url);
    } catch {
      throw new TermiiConfigError('url', 'is not a valid absolute URL');
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
      throw new TermiiConfigError('url', 'must use http: or https:');
    if (typeof options.secret !== 'string' || options.secret === '') {
      throw new TermiiConfigError('secret', 'is required and must be a non-empty string');
    }
    const timeoutMs = options.timeoutMs ?? 5_000;
    if (!Number.isSafeInteger(timeoutMs) || timeoutMs < 1 || timeoutMs > 600_000) {
      throw new TermiiConfigError('timeoutMs', 'must be an integer number of milliseconds from 1 to 600000');
    }
    this.#url = url;
    this.#secret = options.secret;
    this.#signature = checkTermiiSignatureOptions({ algorithm: options.algorithm, encoding: options.encoding });
    this.#header = (options.signatureHeader ?? DEFAULT_TERMII_SIGNATURE_HEADER).toLowerCase();
    this.#timeoutMs = timeoutMs;
    this.#ca = options.ca;
  }

  /** The webhook URL, without user info, query or fragment (safe to log). */
  get url(): string {
    return `${this.#url.origin}${this.#url.pathname}`;
  }

  /**
   * Signs and posts one event: an object (sent as `JSON.stringify(event)`) or the exact body text.
   * Resolves with whatever the endpoint answered, 4xx and 5xx included.
   * @throws TermiiEventDeliveryError when no complete answer came within `timeoutMs` or the connection failed.
   */
  send(event: object | string, options: TermiiEventSendOptions = {}): Promise<TermiiEventDelivery> {
    const { signal } = options;
    const sentBody = typeof event === 'string' ? event : JSON.stringify(event);
    const bytes = Buffer.from(sentBody);
    const headers = {
      'content-type': 'application/json',
      'content-length': String(bytes.length),
      'user-agent': 'nestjs-termii-emulator',
      [this.#header]: signTermiiEvent(bytes, this.#secret, this.#signature),
    };
    const send = this.#url.protocol === 'https:' ? httpsRequest : httpRequest;
    return new Promise<TermiiEventDelivery>((resolve, reject) => {
      if (signal?.aborted) return reject(new TermiiEventDeliveryError('aborted', this.url));
      let settled = false;
      const onAbort = (): void => fail(new TermiiEventDeliveryError('aborted', this.url));
      const fail = (error: TermiiEventDeliveryError): void => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        req.destroy();
        reject(error);
      };
      const timer = setTimeout(() => fail(new TermiiEventDeliveryError('timeout', this.url)), this.#timeoutMs);
      // `agent: false`: a connection of its own, closed after the answer, never parked in a shared pool.
      const requestOptions = { method: 'POST', headers, agent: false, ...(this.#ca ? { ca: this.#ca } : {}) };
      const req = send(this.#url, requestOptions, (res) => {
        readAnswer(res).then(
          (body) => {
            if (settled) return;
            settled = true;
            clearTimeout(timer);
            signal?.removeEventListener('abort', onAbort);
            resolve({ status: res.statusCode ?? 0, body, sentBody });
          },
          (error: NodeJS.ErrnoException) => fail(new TermiiEventDeliveryError('connection', this.url, error.code)),
        );
      });
      req.once('error', (error: NodeJS.ErrnoException) =>
        fail(new TermiiEventDeliveryError('connection', this.url, error.code)),
      );
      signal?.addEventListener('abort', onAbort, { once: true });
      req.end(bytes);
    });
  }
}

/** The answer's body as text, keeping at most `MAX_ANSWER_BYTES` (the rest is read and dropped). */
function readAnswer(res: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let kept = 0;
    res.on('data', (chunk: Buffer) => {
      if (kept >= MAX_ANSWER_BYTES) return;
      const part = chunk.subarray(0, MAX_ANSWER_BYTES - kept);
      chunks.push(part);
      kept += part.length;
    });
    res.once('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    res.once('error', reject);
    res.once('aborted', () => reject(Object.assign(new Error('aborted'), { code: 'ECONNRESET' })));
  });
}
