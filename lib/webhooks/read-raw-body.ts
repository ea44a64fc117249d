import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';

/**
 * The request as the controller sees it, under either Nest HTTP adapter:
 * - Express: the `IncomingMessage` itself, with Nest's `rawBody` and body-parser's `_body` mark;
 * - Fastify: Fastify's request, with Nest's `rawBody`, the parsed `body`, and the `IncomingMessage` in `raw`.
 * Only what both have in common (`headers`, `rawBody`) is read without checking which one it is.
 */
export interface TermiiEventRequest {
  headers: IncomingHttpHeaders;
  /** The exact bytes, kept by Nest's JSON and form parsers when the app was created with `rawBody: true`. */
  rawBody?: Buffer;
  /** Express (body-parser): set once a parser has read the body. */
  _body?: boolean;
  /** Fastify: the Node request underneath. */
  raw?: IncomingMessage;
}

/** What reading the body came to. */
export type RawBodyResult =
  | { kind: 'body'; body: Buffer }
  | { kind: 'too-large' }
  /**
   * A JSON or form parser read the request without keeping its bytes: the app was not created with
   * `rawBody: true` (Nest's parsers of these two types keep them when it is).
   */
  | { kind: 'no-raw-body' }
  /**
   * A parser for another content type read the request without keeping its bytes (e.g. Fastify's own
   * `text/plain` parser): whatever it was, it was not a JSON event, and its signature cannot be checked.
   */
  | { kind: 'not-json' };

/** The content types whose parsers Nest's `rawBody: true` makes keep the bytes, on both adapters. */
const RAW_BODY_TYPES = new Set(['application/json', 'application/x-www-form-urlencoded']);

/**
 * The exact bytes of the request body, which is what the signature covers.
 *
 * - With `rawBody: true`, Nest keeps them in `req.rawBody` for the content types it parses (JSON, forms),
 *   under Express and Fastify alike.
 * - When no body parser read the request (Express: another or no content type, or `bodyParser: false`), the
 *   stream is still unread: it is read here, stopping past `maxBytes`.
 * - When a parser read it and kept nothing, the bytes are gone; re-serialising `req.body` would not give
 *   them back (spacing, key order, escapes), so the caller reports the configuration (JSON, forms) or
 *   refuses a body that cannot be an event (any other type).
 */
export async function readRawBody(req: TermiiEventRequest, maxBytes: number): Promise<RawBodyResult> {
  if (Buffer.isBuffer(req.rawBody)) {
    return req.rawBody.length > maxBytes ? { kind: 'too-large' } : { kind: 'body', body: req.rawBody };
  }
  const declared = Number(req.headers['content-length']);
  const stream = nodeRequestOf(req);
  if (stream === undefined || req._body === true || stream.readableEnded) {
    if (Number.isFinite(declared) && declared > maxBytes) return { kind: 'too-large' };
    return RAW_BODY_TYPES.has(mediaTypeOf(req.headers)) ? { kind: 'no-raw-body' } : { kind: 'not-json' };
  }
  if (Number.isFinite(declared) && declared > maxBytes) return discard(stream);
  return await new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer | string): void => {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      size += bytes.length;
      if (size <= maxBytes) return void chunks.push(bytes);
      stream.off('data', onData).off('end', onEnd).off('error', reject);
      resolve(discard(stream));
    };
    const onEnd = (): void => resolve({ kind: 'body', body: Buffer.concat(chunks) });
    stream.on('data', onData).once('end', onEnd).once('error', reject);
  });
}

/** The Node request stream: the request itself under Express, `req.raw` under Fastify. */
function nodeRequestOf(req: TermiiEventRequest): IncomingMessage | undefined {
  const candidate = (typeof (req as Partial<IncomingMessage>).on === 'function' ? req : req.raw) as
    IncomingMessage | undefined;
  return typeof candidate?.on === 'function' ? candidate : undefined;
}

/** `application/json` from `Application/JSON; charset=utf-8`; `''` when absent. */
function mediaTypeOf(headers: IncomingHttpHeaders): string {
  return (headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
}

/** Lets the rest of an oversized body flow away unread, so that the 413 answer can be written. */
function discard(stream: IncomingMessage): RawBodyResult {
  stream.resume();
  return { kind: 'too-large' };
}
