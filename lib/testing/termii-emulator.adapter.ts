import { AxiosError, AxiosHeaders, CanceledError, type AxiosAdapter, type AxiosResponse } from 'axios';
import type { TermiiEmulator } from '../emulator/termii-emulator.js';
import type { TermiiEmulatorResponse } from '../emulator/termii-emulator-exchange.js';
import type { TermiiRequestConfig } from '../http/termii-attempt.js';

/** Any base works: only the path and query of the request URL reach the emulator. */
const PLACEHOLDER_ORIGIN = 'http://termii.emulator.invalid';

function requestBody(data: unknown): string {
  if (data === undefined || data === null) return '';
  if (typeof data === 'string') return data;
  if (data instanceof Uint8Array) return Buffer.from(data).toString('utf8');
  return JSON.stringify(data);
}

/**
 * An axios adapter that hands each request to `emulator` instead of the network: the in-memory face of
 * the emulator, used by `TermiiTestingModule`.
 *
 * It behaves like a network as `TermiiHttpClient` sees one: every request reaches the emulator, so it
 * marks the attempt connected (nothing it answers may be retried); it ends when the client aborts the
 * attempt (its per-attempt timeout and shutdown, through `termiiAttempt.onAbort`) or when `config.signal`
 * aborts (for a caller without a `termiiAttempt`); a `drop` fault becomes an `ECONNRESET` error; `hang` and
 * `stall` faults never settle until one of those aborts.
 */
export function createTermiiEmulatorAdapter(emulator: TermiiEmulator): AxiosAdapter {
  return (config: TermiiRequestConfig) =>
    new Promise<AxiosResponse>((resolve, reject) => {
      const attempt = config.termiiAttempt;
      const signal = config.signal as AbortSignal | undefined;
      if (attempt?.abortReason || signal?.aborted) return reject(new CanceledError(undefined, config));
      const url = new URL(config.url ?? '/', config.baseURL ?? PLACEHOLDER_ORIGIN);
      const headers = config.headers instanceof AxiosHeaders ? config.headers.toJSON() : (config.headers ?? {});
      const reply = emulator.handle({
        method: (config.method ?? 'get').toUpperCase(),
        path: url.pathname + url.search,
        headers: headers,
        body: requestBody(config.data),
      });
      // The request has reached the "server": from here on, a failure must not be retried.
      attempt?.markConnected();

      let timer: NodeJS.Timeout | undefined;
      let settled = false;
      const onAbort = () => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        signal?.removeEventListener('abort', onAbort);
        reject(new CanceledError(undefined, config));
      };
      attempt?.onAbort(onAbort);
      signal?.addEventListener('abort', onAbort, { once: true });
      const settleLater = (delayMs: number, settle: () => void) => {
        timer = setTimeout(() => {
          if (settled) return;
          settled = true;
          signal?.removeEventListener('abort', onAbort);
          settle();
        }, delayMs);
      };

      switch (reply.action) {
        case 'respond':
          return settleLater(reply.delayMs, () => answer(config, reply.response, resolve, reject));
        case 'drop':
          return settleLater(reply.delayMs, () => {
            const error = new AxiosError('socket hang up', 'ECONNRESET', config);
            reject(error);
          });
        case 'hang':
        case 'stall':
          // Nothing more ever arrives; only an abort ends the exchange.
          return;
      }
    });
}

/** Resolves or rejects as axios's own adapters do, according to `validateStatus`. */
function answer(
  config: TermiiRequestConfig,
  response: TermiiEmulatorResponse,
  resolve: (value: AxiosResponse) => void,
  reject: (reason: unknown) => void,
): void {
  const axiosResponse: AxiosResponse = {
    data: response.body,
    status: response.status,
    statusText: '',
    headers: new AxiosHeaders(response.headers),
    config,
    request: {},
  };
  const valid = config.validateStatus
    ? config.validateStatus(response.status)
    : response.status >= 200 && response.status < 300;
  if (valid) return resolve(axiosResponse);
  reject(
    new AxiosError(
      `Request failed with status code ${response.status}`,
      response.status >= 500 ? AxiosError.ERR_BAD_RESPONSE : AxiosError.ERR_BAD_REQUEST,
      config,
      {},
      axiosResponse,
    ),
  );
}
