import { HttpService } from '@nestjs/axios';
import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { AxiosHeaders, type AxiosAdapter, type AxiosResponse } from 'axios';
import { setMaxListeners } from 'node:events';
import type { TermiiOperation } from '../errors/termii-api.error.js';
import { TermiiConnectionError, TermiiTimeoutError } from '../errors/termii-transport.error.js';
import { TermiiOptions } from '../options/termii-options.js';
import { mapTermiiError } from './map-termii-error.js';
import { TermiiAttempt, type TermiiAttemptAbortReason, type TermiiRequestConfig } from './termii-attempt.js';
import type { TermiiHttpResponse } from './termii-http-response.js';
import { TermiiTransport } from './termii-transport.js';

const BACKOFF_BASE_MS = 100;
const BACKOFF_CAP_MS = 2_000;
// The parts of every request that never change, built once rather than per call. Adapters read the
// headers (`toJSON()` gives each its own copy) and never change them.
const HEADERS = new AxiosHeaders({ 'Content-Type': 'application/json', Accept: 'application/json' });
/** Every status is an answer to interpret, not an exception. */
const ANY_STATUS = () => true;
/**
 * Failures that never reached Termii but are not retried: a proxy's refusal of the tunnel (wrong or missing
 * proxy credentials, a policy) gives the same answer the next time.
 */
const NOT_RETRIED = new Set(['EPROXYAUTH', 'EPROXYREFUSED']);

/** What went wrong below HTTP in one attempt. */
interface TransportFailure {
  code: string | undefined;
  /** A TCP connection was made, so the request may have reached Termii. */
  connected: boolean;
  timedOut: boolean;
}

type Attempt = { response: TermiiHttpResponse } | { failure: TransportFailure };

/**
 * The one place that talks to Termii: URL, body, per-attempt timeout, the retry rule, error mapping and
 * redaction. It uses a private `HttpService` (registered inside `TermiiModule`, never the application's),
 * whose axios adapter carries each attempt: `termiiUndiciAdapter` through this client's `TermiiTransport`
 * (an undici dispatcher: connection pool, proxy), or the testing kit's emulator.
 *
 * Each attempt goes straight to that adapter, past axios's request pipeline (config merging, interceptors,
 * request and response transforms): for a private instance with a fixed config it has nothing to do, and
 * it cost about 25 µs of CPU per call in a hot loop and several times that when interleaved with other
 * work, on the benchmark's machine. Skipping it also means no interceptor ever sees the body and its key.
 *
 * Nothing it throws or logs holds the API key or the request body: a failed attempt's error (an
 * `AxiosError`'s `config.data` is the body, key included) is read for its `code` and then dropped.
 */
@Injectable()
export class TermiiHttpClient implements OnModuleDestroy {
  private readonly logger = new Logger('TermiiHttpClient');
  /** The undici dispatcher (connection pool, proxy) the module's adapter sends through. */
  private readonly transport: TermiiTransport;
  /** Aborted when the module is destroyed: in-flight attempts and backoff waits end at once. */
  private readonly shutdown = new AbortController();
  /** The attempts in flight, aborted at shutdown: cheaper per call than a listener on `shutdown`'s EventTarget. */
  private readonly inFlight = new Set<TermiiAttempt>();
  /** Request URL per path, built once: the paths are the two operations' constants. */
  private readonly urls = new Map<string, string>();

  constructor(
    private readonly options: TermiiOptions,
    private readonly httpService: HttpService,
  ) {
    this.transport = new TermiiTransport(options);
    // One listener per backoff wait in flight: any number is expected, so Node must not warn of a leak past 10.
    setMaxListeners(0, this.shutdown.signal);
    // TermiiModule and TermiiTestingModule both register one; anything else is a wiring mistake, told at start-up.
    if (typeof httpService.axiosRef.defaults.adapter !== 'function') {
      throw new TypeError('TermiiHttpClient needs an axios instance whose adapter is a function');
    }
  }

  /**
   * POSTs `body` (with `api_key` added) to `path`, and hands every HTTP answer to `read`.
   * When `read` returns `undefined`, the answer is turned into the `TermiiError` that fits it.
   */
  async post<T>(
    operation: TermiiOperation,
    path: string,
    body: Record<string, unknown>,
    read: (response: TermiiHttpResponse) => T | undefined,
  ): Promise<T> {
    const url = this.urlOf(path);
    const payload = JSON.stringify({ api_key: this.options.apiKey, ...body });
    for (let attempt = 1; ; attempt++) {
      const started = Date.now();
      const result = await this.attempt(url, payload);
      if ('response' in result) {
        const { response } = result;
        // Nest's own level check first: the line is not even built on the usual production levels.
        if (Logger.isLevelEnabled('verbose')) {
          this.logger.verbose(
            `${operation}: HTTP ${response.status} in ${Date.now() - started} ms (attempt ${attempt})`,
          );
        }
        const value = read(response);
        if (value !== undefined) return value;
        throw mapTermiiError(operation, response, this.options.apiKey);
      }
      const { failure } = result;
      const retryable =
        !failure.connected &&
        !this.shutdown.signal.aborted &&
        attempt <= this.options.maxRetries &&
        !NOT_RETRIED.has(failure.code ?? '');
      if (Logger.isLevelEnabled('verbose')) {
        this.logger.verbose(
          `${operation}: ${failure.timedOut ? 'timeout' : (failure.code ?? 'connection error')} ` +
            `(${failure.connected ? 'connected' : 'not connected'}, attempt ${attempt})`,
        );
      }
      if (retryable) {
        const delay = backoffMs(attempt);
        this.logger.warn(
          `${operation}: Termii not reached (${failure.timedOut ? 'connect timeout' : failure.code}); retrying in ${delay} ms`,
        );
        if (await this.sleep(delay)) continue;
      }
      if (failure.timedOut) {
        throw new TermiiTimeoutError(
          operation,
          this.options.timeoutMs,
          failure.connected ? 'response' : 'connect',
          attempt,
        );
      }
      throw new TermiiConnectionError(operation, failure.code, failure.connected, attempt);
    }
  }

  private async attempt(url: string, payload: string): Promise<Attempt> {
    // After shutdown nothing is sent: no shutdown is left to abort this attempt, and the transport is closed.
    if (this.shutdown.signal.aborted) return { failure: { code: 'ECLIENTCLOSED', connected: false, timedOut: false } };
    const state = new TermiiAttempt();
    const timer = setTimeout(timeOut, this.options.timeoutMs, state);
    this.inFlight.add(state);
    try {
      // Read per attempt rather than kept: a test may wrap the instance's adapter after start-up.
      const adapter = this.httpService.axiosRef.defaults.adapter as AxiosAdapter;
      const res: AxiosResponse<unknown> = await adapter(this.requestConfig(url, payload, state));
      const response = parseBody(res.status, res.data);
      const retryAfter = headerOf(res.headers, 'retry-after');
      if (retryAfter !== undefined) response.retryAfter = retryAfter;
      return { response };
    } catch (error) {
      return {
        failure: {
          code: this.shutdown.signal.aborted ? 'ECLIENTCLOSED' : codeOf(error),
          connected: state.connected,
          timedOut: state.timedOut,
        },
      };
    } finally {
      clearTimeout(timer);
      this.inFlight.delete(state);
    }
  }

  /** What the adapter gets: the whole request, as axios's pipeline would have handed it over. */
  private requestConfig(url: string, payload: string, state: TermiiAttempt): TermiiRequestConfig {
    return {
      termiiAttempt: state,
      method: 'post',
      url,
      data: payload,
      headers: HEADERS,
      validateStatus: ANY_STATUS,
      termiiTransport: this.transport,
    };
  }

  /** The request URL of `path`, built once per path (there is one per operation). */
  private urlOf(path: string): string {
    let url = this.urls.get(path);
    if (url === undefined) {
      url = this.options.baseUrl + path;
      this.urls.set(path, url);
    }
    return url;
  }

  /** Waits `ms`, unless the module shuts down first; resolves `false` then. */
  private sleep(ms: number): Promise<boolean> {
    return new Promise((resolve) => {
      if (this.shutdown.signal.aborted) return resolve(false);
      const onShutdown = () => {
        clearTimeout(timer);
        resolve(false);
      };
      const timer = setTimeout(() => {
        this.shutdown.signal.removeEventListener('abort', onShutdown);
        resolve(true);
      }, ms);
      this.shutdown.signal.addEventListener('abort', onShutdown, { once: true });
    });
  }

  /** Ends in-flight calls and backoff waits, and closes every connection (kept-alive or being set up). */
  async onModuleDestroy(): Promise<void> {
    this.shutdown.abort();
    for (const attempt of this.inFlight) attempt.abort(abortReason('ECLIENTCLOSED', 'Termii client closed'));
    await this.transport.destroy();
  }
}

function abortReason(code: TermiiAttemptAbortReason['code'], message: string): TermiiAttemptAbortReason {
  return Object.assign(new Error(message), { code });
}

/** The per-attempt deadline: a module-level function given the attempt, so no closure is made per call. */
function timeOut(attempt: TermiiAttempt): void {
  attempt.timedOut = true;
  attempt.abort(abortReason('ETIMEDOUT', 'Termii attempt timed out'));
}

/** Exponential backoff with full jitter, between half and all of the step. */
function backoffMs(attempt: number): number {
  const step = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** (attempt - 1));
  return Math.round(step / 2 + Math.random() * (step / 2));
}

/** The answer with its body parsed when it is JSON. */
function parseBody(status: number, text: unknown): TermiiHttpResponse {
  if (typeof text !== 'string' || text.trim() === '') return { status, body: undefined, isJson: false };
  try {
    return { status, body: JSON.parse(text) as unknown, isJson: true };
  } catch {
    return { status, body: undefined, isJson: false };
  }
}

/** A response header's value, from node's lower-cased headers or axios's `AxiosHeaders`. */
function headerOf(headers: AxiosResponse['headers'], name: string): string | undefined {
  const value: unknown = headers instanceof AxiosHeaders ? headers.get(name) : headers[name];
  return typeof value === 'string' ? value : undefined;
}

/** The system error code of a failed request (`ECONNREFUSED`, `ENOTFOUND`, ...), never the error itself. */
function codeOf(error: unknown): string | undefined {
  if (error === null || typeof error !== 'object') return undefined;
  const { code, cause } = error as { code?: unknown; cause?: { code?: unknown } };
  if (typeof cause?.code === 'string') return cause.code;
  return typeof code === 'string' ? code : undefined;
}
