import type { IncomingMessage } from 'node:http';

/** The request as the controller sees it under Express: Nest's `rawBody`, body-parser's `_body` mark. */
export type TermiiEventRequest = IncomingMessage & { rawBody?: Buffer; _body?: boolean };

/** What reading the body came to. */
export type RawBodyResult =
  | { kind: 'body'; body: Buffer }
  | { kind: 'too-large' }
  /** A body parser read the request without keeping its bytes: the app was not created with `rawBody: true`. */
  | { kind: 'no-raw-body' };

/**
 * The exact bytes of the request body, which is what the signature covers.
 *
 * - With `rawBody: true`, Nest keeps them in `req.rawBody` for the content types it parses (JSON, forms).
 * - When no body parser read the request (another or no content type, or `bodyParser: false`), the stream
 *   is still unread: it is read here, stopping past `maxBytes`.
 * - When a parser read it and kept nothing, the bytes are gone; re-serialising `req.body` would not give
 *   them back (spacing, key order, escapes), so the caller reports the configuration instead.
 */
export async function readRawBody(req: TermiiEventRequest, maxBytes: number): Promise<RawBodyResult> {
  if (Buffer.isBuffer(req.rawBody)) {
    return req.rawBody.length > maxBytes ? { kind: 'too-large' } : { kind: 'body', body: req.rawBody };
  }
  if (req._body === true || req.readableEnded || typeof req.on !== 'function') return { kind: 'no-raw-body' };
  const declared = Number(req.headers['content-length']);
  if (Number.isFinite(declared) && declared > maxBytes) return discard(req);
  return await new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer | string): void => {
      const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
      size += bytes.length;
      if (size <= maxBytes) return void chunks.push(bytes);
      req.off('data', onData).off('end', onEnd).off('error', reject);
      resolve(discard(req));
    };
    const onEnd = (): void => resolve({ kind: 'body', body: Buffer.concat(chunks) });
    req.on('data', onData).once('end', onEnd).once('error', reject);
  });
}

/** Lets the rest of an oversized body flow away unread, so that the 413 answer can be written. */
function discard(req: TermiiEventRequest): RawBodyResult {
  req.resume();
  return { kind: 'too-large' };
}
