import type { AxiosAdapter, AxiosResponse, RawAxiosResponseHeaders } from 'axios';
import * as http from 'node:http';
import * as https from 'node:https';
import type { Readable } from 'node:stream';
import * as zlib from 'node:zlib';
import type { TermiiRequestConfig } from './termii-attempt.js';

/**
 * The most of a body that is read. Success bodies are small and error bodies are read only for a short
 * message; a proxy's error page can be large, and a compressed body can expand without bound.
 */
export const MAX_BODY_BYTES = 4 * 1024 * 1024;
/** Sent unless the request sets its own: some API gateways turn away requests that carry none. */
const USER_AGENT = 'nestjs-termii';

/**
 * The axios adapter of `TermiiModule`'s private axios instance: one request over `node:http(s)` with the
 * client's keep-alive agents, and nothing more.
 *
 * It stands in for axios's own http adapter, whose general features (proxies from the environment,
 * redirects, progress events, streamed bodies) the client never uses but paid for on every call: about
 * 80–140 µs of CPU per call on the benchmark's machine, several times what validation and mapping cost.
 *
 * - It marks the attempt (`config.termiiAttempt`) connected once a TCP connection is made: only a call
 *   that never connected may be retried.
 * - It ends the request when the attempt is aborted (per-attempt timeout, shutdown), rejecting with the
 *   attempt's reason: before a socket is assigned nothing is written.
 * - It resolves every status (the client interprets each one) with the body as text, decompressed if the
 *   server compressed it. A body over `MAX_BODY_BYTES`, or one that does not decompress, is dropped: the
 *   answer keeps its status and has no body.
 * - Below HTTP it rejects with Node's own error, whose `code` (`ECONNREFUSED`, `ECONNRESET`, ...) the
 *   client reads. `config.lookup`, when set, resolves host names as `dns.lookup` does.
 * - The body must be a string: the client serializes it.
 */
export const termiiNodeAdapter: AxiosAdapter = (config: TermiiRequestConfig) =>
  new Promise<AxiosResponse>((resolve, reject) => {
    const attempt = config.termiiAttempt;
    if (attempt?.abortReason) return reject(attempt.abortReason);
    if (config.data !== undefined && typeof config.data !== 'string') {
      return reject(new TypeError('termiiNodeAdapter sends string bodies only'));
    }
    const body = config.data as string | undefined;
    const url = new URL(config.url ?? '/', config.baseURL);
    const secure = url.protocol === 'https:';
    if (!secure && url.protocol !== 'http:') return reject(new TypeError(`Unsupported protocol ${url.protocol}`));

    const headers = config.headers.toJSON() as http.OutgoingHttpHeaders;
    headers['Content-Length'] = body === undefined ? 0 : Buffer.byteLength(body);
    if (headers['User-Agent'] === undefined && headers['user-agent'] === undefined) headers['User-Agent'] = USER_AGENT;
    const options: https.RequestOptions = {
      protocol: url.protocol,
      // An IPv6 literal comes bracketed in a URL, and bare in a host name.
      hostname: url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname,
      port: url.port === '' ? undefined : url.port,
      path: url.pathname + url.search,
      method: (config.method ?? 'get').toUpperCase(),
      headers,
      agent: (secure ? config.httpsAgent : config.httpAgent) as http.Agent | undefined,
    };
    if (config.lookup) options.lookup = config.lookup as unknown as http.RequestOptions['lookup'];

    let settled = false;
    const fail = (error: Error) => {
      if (settled) return;
      settled = true;
      req.destroy();
      reject(error);
    };
    const succeed = (res: http.IncomingMessage, data: string | undefined) => {
      if (settled) return;
      settled = true;
      // Nothing left to end: a later abort (shutdown racing the answer) must not touch a reused socket.
      attempt?.onAbort(ignore);
      resolve({
        data,
        status: res.statusCode ?? 0,
        statusText: res.statusMessage ?? '',
        headers: res.headers as RawAxiosResponseHeaders,
        config,
        request: req,
      });
    };

    /** Answers with the status but no body, and drops the connection: the rest of the body is not read. */
    const withoutBody = (res: http.IncomingMessage) => {
      succeed(res, undefined);
      req.destroy();
    };

    const req = (secure ? https : http).request(options, (res) => {
      res.on('error', fail);
      const decoder = decoderFor(res.headers['content-encoding']);
      const stream: Readable = decoder ? res.pipe(decoder) : res;
      // A body that does not decompress is unreadable, like one that is not JSON: the status still stands.
      decoder?.on('error', () => withoutBody(res));
      const chunks: Buffer[] = [];
      let size = 0;
      stream.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size <= MAX_BODY_BYTES) return void chunks.push(chunk);
        // Too large to be an answer to read. Destroying the stream also frees a decompressor's native memory.
        stream.removeAllListeners('data');
        withoutBody(res);
        stream.destroy();
      });
      stream.on('end', () => succeed(res, Buffer.concat(chunks, size).toString('utf8')));
    });
    if (attempt) {
      req.once('socket', (socket) => {
        if (!socket.connecting) attempt.markConnected();
        else socket.once('connect', () => attempt.markConnected());
      });
      attempt.onAbort(fail);
    }
    req.on('error', fail);
    req.end(body);
  });

function ignore(): void {}

/** A decompressor for the body's `Content-Encoding`, or `undefined` for an identity (or unknown) body. */
function decoderFor(encoding: string | undefined): zlib.Gunzip | zlib.Inflate | zlib.BrotliDecompress | undefined {
  switch (encoding?.trim().toLowerCase()) {
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
