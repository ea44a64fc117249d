import { AxiosHeaders, type AxiosAdapter, type AxiosResponse } from 'axios';
import type { IncomingHttpHeaders } from 'node:http';
import type { LookupFunction } from 'node:net';
import * as zlib from 'node:zlib';
import type { Dispatcher } from 'undici';
import type { TermiiAttemptAbortReason, TermiiRequestConfig } from './termii-attempt.js';

/**
 * The most of a body that is read. Success bodies are small and error bodies are read only for a short
 * message; a proxy's error page can be large, and a compressed body can expand without bound.
 */
export const MAX_BODY_BYTES = 4 * 1024 * 1024;
/** Sent unless the request sets its own: some API gateways turn away requests that carry none. */
const USER_AGENT = 'nestjs-termii';
/** Distinct request URLs remembered (one per operation and registration in practice). */
const MAX_CACHED_TARGETS = 64;

/** The error a failed exchange rejects with: only a code, never the undici error (or what it holds). */
export type TermiiTransportError = Error & { code: string | undefined };

/**
 * The axios adapter of `TermiiModule`'s private axios instance: one request through the undici dispatcher
 * of the client's `TermiiTransport` (`config.termiiTransport`), and nothing more.
 *
 * It drives undici's dispatcher API directly: undici parses the answer and keeps the connections; this
 * adapter only collects the body (no stream, no promise per chunk), which makes a call cheaper than
 * undici's own `request()`.
 *
 * - It marks the attempt (`config.termiiAttempt`) connected once undici writes the request on a connection
 *   (through a proxy: once the tunnel is open): only a call that never connected may be retried.
 * - It ends the request when the attempt is aborted (per-attempt timeout, shutdown), rejecting at once
 *   with the attempt's reason; a request still queued for a connection is then never written.
 * - It resolves every status (the client interprets each one) with the body as text, decompressed if the
 *   server compressed it (gzip, deflate, br). A body over `MAX_BODY_BYTES`, once decompressed, or one that
 *   does not decompress, is dropped: the answer keeps its status and has no body.
 * - Below HTTP it rejects with a `TermiiTransportError` whose `code` is Node's (`ECONNREFUSED`,
 *   `ENOTFOUND`, ...): a connection closed before the whole answer is `ECONNRESET`; a proxy's refusal of the
 *   tunnel is `EPROXYAUTH` (407) or `EPROXYREFUSED` (any other status).
 * - `config.lookup`, when set, resolves host names as `dns.lookup` does.
 * - The body must be a string or a `Buffer` (a multipart upload): the client serializes it.
 */
export const termiiUndiciAdapter: AxiosAdapter = (config: TermiiRequestConfig) =>
  new Promise<AxiosResponse>((resolve, reject) => {
    const attempt = config.termiiAttempt;
    if (attempt?.abortReason) return reject(attempt.abortReason);
    const transport = config.termiiTransport;
    if (transport === undefined) return reject(new TypeError('termiiUndiciAdapter needs config.termiiTransport'));
    if (config.data !== undefined && typeof config.data !== 'string' && !Buffer.isBuffer(config.data)) {
      return reject(new TypeError('termiiUndiciAdapter sends string and Buffer bodies only'));
    }
    let target: Target;
    try {
      target = targetOf(config.url ?? '/', config.baseURL);
    } catch (error) {
      return reject(error instanceof Error ? error : new TypeError('Invalid request URL'));
    }
    const reader = new ResponseReader(config, resolve, reject);
    attempt?.onAbort((reason) => reader.abort(reason));
    transport.dispatcherFor(config.lookup as LookupFunction | undefined).dispatch(
      {
        origin: target.origin,
        path: target.path,
        method: methodOf(config.method),
        headers: headersOf(config.headers),
        body: config.data as string | Buffer | undefined,
      },
      reader,
    );
  });

/** Collects one answer for the adapter: undici calls it as the exchange goes. */
class ResponseReader implements Dispatcher.DispatchHandler {
  private controller: Dispatcher.DispatchController | undefined = undefined;
  private settled = false;
  private status = 0;
  private statusText = '';
  private headers: IncomingHttpHeaders = {};
  private readonly chunks: Buffer[] = [];
  private size = 0;
  private decoder: zlib.Gunzip | zlib.Inflate | zlib.BrotliDecompress | undefined = undefined;

  constructor(
    private readonly config: TermiiRequestConfig,
    private readonly resolve: (response: AxiosResponse) => void,
    private readonly reject: (error: Error) => void,
  ) {}

  onRequestStart(controller: Dispatcher.DispatchController): void {
    // Aborted while it waited for a connection: end it before a byte is written.
    if (this.settled) return controller.abort(this.config.termiiAttempt?.abortReason ?? new Error('aborted'));
    this.controller = controller;
    this.config.termiiAttempt?.markConnected();
  }

  onResponseStart(
    _controller: Dispatcher.DispatchController,
    statusCode: number,
    headers: IncomingHttpHeaders,
    statusMessage?: string,
  ): void {
    this.status = statusCode;
    this.statusText = statusMessage ?? '';
    this.headers = headers;
    const encoding = headers['content-encoding'];
    if (encoding === undefined) return;
    const decoder = decoderFor(encoding);
    if (decoder === undefined) return;
    this.decoder = decoder;
    decoder.on('data', (chunk: Buffer) => this.take(chunk));
    decoder.on('end', () => this.succeed());
    // A body that does not decompress is unreadable, like one that is not JSON: the status still stands.
    decoder.on('error', () => this.withoutBody());
  }

  onResponseData(_controller: Dispatcher.DispatchController, chunk: Buffer): void {
    if (this.decoder) this.decoder.write(chunk);
    else this.take(chunk);
  }

  onResponseEnd(): void {
    if (this.decoder) this.decoder.end();
    else this.succeed();
  }

  onResponseError(_controller: Dispatcher.DispatchController, error: Error): void {
    if (this.settled) return;
    this.settled = true;
    this.decoder?.destroy();
    this.reject(transportError(error));
  }

  /** The attempt was aborted: reject now, and end the request (at once, or as soon as it starts). */
  abort(reason: TermiiAttemptAbortReason): void {
    if (this.settled) return;
    this.settled = true;
    this.decoder?.destroy();
    this.controller?.abort(reason);
    this.reject(reason);
  }

  private take(chunk: Buffer): void {
    if (this.settled) return;
    this.size += chunk.length;
    if (this.size <= MAX_BODY_BYTES) this.chunks.push(chunk);
    // Too large to be an answer to read.
    else this.withoutBody();
  }

  private succeed(): void {
    if (this.settled) return;
    const { chunks, size } = this;
    this.settle(chunks.length === 1 ? chunks[0].toString('utf8') : Buffer.concat(chunks, size).toString('utf8'));
  }

  /** Answers with the status but no body, and stops reading: the rest of the body is not wanted. */
  private withoutBody(): void {
    if (this.settled) return;
    this.settle(undefined);
    // Destroying the decoder also frees its native memory; aborting a finished request does nothing.
    this.decoder?.destroy();
    this.controller?.abort(new Error('body not read'));
  }

  private settle(data: string | undefined): void {
    this.settled = true;
    // Nothing left to end: a later abort (shutdown racing the answer) must not touch a reused connection.
    this.config.termiiAttempt?.onAbort(ignore);
    this.resolve({
      data,
      status: this.status,
      statusText: this.statusText,
      headers: this.headers,
      config: this.config,
      request: undefined,
    });
  }
}

function ignore(): void {}

/** The methods the client sends, upper-cased once rather than per call. */
const METHODS: Readonly<Record<string, string>> = { get: 'GET', post: 'POST', patch: 'PATCH', delete: 'DELETE' };

function methodOf(method: string | undefined): string {
  return method === undefined ? 'GET' : (METHODS[method] ?? method.toUpperCase());
}

interface Target {
  origin: string;
  path: string;
}

const targets = new Map<string, Target>();

/**
 * The origin and path of a request URL, parsed once per URL. A URL with a query is parsed every time and
 * never kept: the balance read carries the API key in its query, and no cache may outlive it.
 */
function targetOf(url: string, baseURL: string | undefined): Target {
  const cacheable = !url.includes('?');
  const key = baseURL === undefined ? url : `${baseURL}\n${url}`;
  let target = cacheable ? targets.get(key) : undefined;
  if (target === undefined) {
    const parsed = new URL(url, baseURL);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
      throw new TypeError(`Unsupported protocol ${parsed.protocol}`);
    }
    target = { origin: parsed.origin, path: parsed.pathname + parsed.search };
    if (!cacheable) return target;
    if (targets.size >= MAX_CACHED_TARGETS) targets.clear();
    targets.set(key, target);
  }
  return target;
}

const headerSets = new WeakMap<object, Record<string, string>>();

/**
 * The request headers as undici takes them, with a `User-Agent` unless one is set and without a
 * `Content-Length` (undici sets it from the body). Built once per headers object: the client sends the
 * same, never changed, object with every request.
 */
function headersOf(headers: TermiiRequestConfig['headers'] | undefined): Record<string, string> {
  if (headers === undefined || headers === null) return { 'user-agent': USER_AGENT };
  let built = headerSets.get(headers);
  if (built === undefined) {
    built = {};
    const raw = headers instanceof AxiosHeaders ? headers.toJSON() : (headers as Record<string, unknown>);
    for (const [name, value] of Object.entries(raw)) {
      const lower = name.toLowerCase();
      if (lower === 'content-length' || value === undefined || value === null || value === false) continue;
      if (Array.isArray(value)) built[lower] = value.join(', ');
      else if (typeof value === 'string' || typeof value === 'number' || value === true) built[lower] = String(value);
    }
    built['user-agent'] ??= USER_AGENT;
    headerSets.set(headers, built);
  }
  return built;
}

/** A decompressor for the body's `Content-Encoding`, or `undefined` for an identity (or unknown) body. */
function decoderFor(encoding: string | string[]): zlib.Gunzip | zlib.Inflate | zlib.BrotliDecompress | undefined {
  switch ((Array.isArray(encoding) ? encoding.join(',') : encoding).trim().toLowerCase()) {
    case 'gzip':
    case 'x-gzip':
      return zlib.createGunzip();
    case 'deflate':
      return zlib.createInflate();
    case 'br':
      return zlib.createBrotliDecompress();
    default:
      return undefined;
  }
}

const PROXY_REFUSAL = /^Proxy response \((\d{3})\)/;

/** undici's error reduced to a code, in Node's terms where undici has its own. */
function transportError(error: Error): TermiiTransportError {
  const { code, cause } = error as { code?: unknown; cause?: { code?: unknown } };
  let result: string | undefined = typeof cause?.code === 'string' ? cause.code : undefined;
  if (result === undefined && typeof code === 'string') result = code;
  switch (result) {
    case 'UND_ERR_SOCKET':
      // The connection closed before the whole answer came: what Node reports as a reset.
      result = 'ECONNRESET';
      break;
    case 'UND_ERR_CONNECT_TIMEOUT':
      result = 'ETIMEDOUT';
      break;
    case 'UND_ERR_DESTROYED':
    case 'UND_ERR_CLOSED':
      result = 'ECLIENTCLOSED';
      break;
    case 'UND_ERR_ABORTED': {
      // undici's ProxyAgent refuses the tunnel with this message; no request was written.
      const refusal = PROXY_REFUSAL.exec(error.message);
      if (refusal) result = refusal[1] === '407' ? 'EPROXYAUTH' : 'EPROXYREFUSED';
      break;
    }
  }
  return Object.assign(new Error(`Termii request failed: ${result ?? 'transport error'}`), { code: result });
}
