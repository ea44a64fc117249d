import { HttpService } from '@nestjs/axios';
import { Inject, Injectable, Logger, Optional, type OnModuleDestroy } from '@nestjs/common';
import { AxiosHeaders, type AxiosAdapter, type AxiosResponse } from 'axios';
import { setMaxListeners } from 'node:events';
import type { TermiiOperation } from '../errors/termii-api.error.js';
import { TermiiConnectionError, TermiiTimeoutError } from '../errors/termii-transport.error.js';
import { parseJsonKeepingLongIntegers } from '../common/lossless-json.js';
import { TermiiOptions } from '../options/termii-options.js';
import {
  TERMII_REGISTRATION,
  UNNAMED_REGISTRATION,
  type TermiiRegistration,
} from '../registration/termii-registration.js';
import { mapTermiiError } from './map-termii-error.js';
import { TermiiAttempt, type TermiiAttemptAbortReason, type TermiiRequestConfig } from './termii-attempt.js';
import type { TermiiHttpResponse } from './termii-http-response.js';
import { termiiAttemptChannel, type TermiiAttemptEvent } from './termii-diagnostics.js';
import { multipartBody, type TermiiMultipartForm } from './termii-multipart.js';
import { TermiiTransport } from './termii-transport.js';

const BACKOFF_BASE_MS = 100;
const BACKOFF_CAP_MS = 2_000;
// The parts of every request that never change, built once rather than per call. Adapters read the
// headers (`toJSON()` gives each its own copy) and never change them.
const HEADERS = new AxiosHeaders({ 'Content-Type': 'application/json', Accept: 'application/json' });
// No Content-Type on a GET (nor on a DELETE): v3 hosts answer a GET that carries one with an empty 200.
const GET_HEADERS = new AxiosHeaders({ Accept: 'application/json' });
/** Request URLs kept per client: one per operation, plus some of the paths with an id. */
const MAX_CACHED_URLS = 64;
/** A request's headers (spelled so that both the ESM and the CommonJS typings of axios take it). */
type RequestHeaders = InstanceType<typeof AxiosHeaders>;
/** The HTTP methods of Termii's operations: every GET is a read, everything else a write. */
type TermiiMethod = 'get' | 'post' | 'patch' | 'delete';
/** The statuses after which a read is retried: a gateway or an overloaded Termii, worth another try. */
const RETRIED_READ_STATUSES: ReadonlySet<number> = new Set([502, 503, 504]);
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

/**
 * The one place that talks to Termii: URL, body, per-attempt timeout, the retry rule (sends vs reads), error
 * mapping, redaction, and one `TERMII_DIAGNOSTICS_CHANNEL` event per attempt. It uses a private
 * `HttpService` (registered inside `TermiiModule`, never the application's), whose axios adapter carries
 * each attempt: `termiiUndiciAdapter` through this client's `TermiiTransport` (an undici dispatcher:
 * connection pool, proxy), or the testing kit's emulator.
 *
 * Each attempt goes straight to that adapter, past axios's request pipeline (config merging, interceptors,
 * request and response transforms): for a private instance with a fixed config it has nothing to do, and
 * it cost about 25 µs of CPU per call in a hot loop and several times that when interleaved with other
 * work, on the benchmark's machine. Skipping it also means no interceptor ever sees the body and its key.
 *
 * Nothing it throws, logs or publishes holds the API key, the balance URL or the request body: a failed attempt's error (an
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
  /**
   * `{"api_key":"…"`: the start of every request body. A `#` field, as the key is in `TermiiOptions`, so that
   * `util.inspect` and `JSON.stringify` of the client never show it.
   */
  readonly #keyJson: string;
  /** Request URL per path, built once: the paths are the operations' constants (never with the key's query). */
  private readonly urls = new Map<string, string>();

  constructor(
    private readonly options: TermiiOptions,
    private readonly httpService: HttpService,
    @Optional()
    @Inject(TERMII_REGISTRATION)
    private readonly registration: TermiiRegistration = UNNAMED_REGISTRATION,
  ) {
    this.transport = new TermiiTransport(options);
    this.#keyJson = `{"api_key":${JSON.stringify(options.apiKey)}`;
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
   * A send: retried only when it surely never reached Termii.
   */
  post<T>(
    operation: TermiiOperation,
    path: string,
    body: Record<string, unknown>,
    read: (response: TermiiHttpResponse) => T | undefined,
  ): Promise<T> {
    return this.write(operation, 'post', path, body, read);
  }

  /**
   * PATCHes `body` (with `api_key` added) to `path`, as `post` does: a write, retried only when it surely
   * never reached Termii.
   */
  patch<T>(
    operation: TermiiOperation,
    path: string,
    body: Record<string, unknown>,
    read: (response: TermiiHttpResponse) => T | undefined,
  ): Promise<T> {
    return this.write(operation, 'patch', path, body, read);
  }

  /**
   * DELETEs `path`, with `api_key` in the query string (as Termii's deletes take it), without a body or a
   * `Content-Type`; every HTTP answer goes to `read` as for `post`. A write: retried only when it surely
   * never reached Termii.
   */
  delete<T>(
    operation: TermiiOperation,
    path: string,
    read: (response: TermiiHttpResponse) => T | undefined,
  ): Promise<T> {
    return this.call(operation, 'delete', this.keyedUrl(path, undefined), undefined, read);
  }

  /**
   * POSTs a `multipart/form-data` body to `path`: `form.file`, then `form.keyed` as a JSON part (content
   * type `application/json`) holding its fields and `api_key` — the one place the key travels, never the
   * URL. Every HTTP answer goes to `read` as for `post`. A write: retried only when it surely never reached
   * Termii (the same body, boundary included, is sent again).
   */
  postMultipart<T>(
    operation: TermiiOperation,
    path: string,
    form: TermiiMultipartForm,
    read: (response: TermiiHttpResponse) => T | undefined,
  ): Promise<T> {
    let multipart: { body: Buffer; contentType: string };
    try {
      multipart = multipartBody(form, this.options.apiKey);
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new TypeError('Multipart body does not serialize'));
    }
    const headers = new AxiosHeaders({ 'Content-Type': multipart.contentType, Accept: 'application/json' });
    return this.call(operation, 'post', this.urlOf(path), multipart.body, read, headers);
  }

  /** A JSON write (`post`, `patch`): `body` with `api_key` first, serialized once. */
  private write<T>(
    operation: TermiiOperation,
    method: 'post' | 'patch',
    path: string,
    body: Record<string, unknown>,
    read: (response: TermiiHttpResponse) => T | undefined,
  ): Promise<T> {
    // Not `async`: the call's own promise is returned as it is, without another promise (and its ticks)
    // around it. A body that does not serialize still rejects rather than throws.
    let payload: string;
    try {
      payload = this.payloadOf(body);
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new TypeError('Request body does not serialize'));
    }
    return this.call(operation, method, this.urlOf(path), payload, read);
  }

  /**
   * GETs `path` with `api_key` and then `query`'s parameters in the query string (Termii's reads take them
   * there; a parameter whose value is `undefined` is left out, never sent as the text "undefined"), without
   * a body or a `Content-Type`, and hands every HTTP answer to `read` as `post` does. A read: also retried
   * after a connection was made, on a timeout, a reset, or HTTP 502/503/504, within `maxRetries`.
   */
  async get<T>(
    operation: TermiiOperation,
    path: string,
    read: (response: TermiiHttpResponse) => T | undefined,
    query?: Readonly<Record<string, string | number | undefined>>,
  ): Promise<T> {
    return this.call(operation, 'get', this.keyedUrl(path, query), undefined, read);
  }

  /**
   * `path`'s URL with `api_key` and then `query`'s parameters (those not `undefined`) in the query string.
   * Built per call and kept nowhere: this URL holds the key, so it must reach no error, log line or event.
   */
  private keyedUrl(path: string, query: Readonly<Record<string, string | number | undefined>> | undefined): string {
    let url = `${this.urlOf(path)}?api_key=${encodeURIComponent(this.options.apiKey)}`;
    for (const name in query) {
      const value = query[name];
      if (value !== undefined) url += `&${encodeURIComponent(name)}=${encodeURIComponent(value)}`;
    }
    return url;
  }

  /** The attempts of one call: timeout, the retry rule, mapping, the verbose log line and the events. */
  private async call<T>(
    operation: TermiiOperation,
    method: TermiiMethod,
    url: string,
    payload: string | Buffer | undefined,
    read: (response: TermiiHttpResponse) => T | undefined,
    headers?: RequestHeaders,
  ): Promise<T> {
    // A read changes nothing at Termii, so it may be repeated even when it may have reached Termii.
    const isRead = method === 'get';
    for (let attempt = 1; ; attempt++) {
      const started = performance.now();
      // One attempt, written out here rather than in an async function of its own: that would cost each call
      // another promise and a result object, measurable at concurrency 1.
      let response: TermiiHttpResponse | undefined;
      let failure: TransportFailure | undefined;
      if (this.shutdown.signal.aborted) {
        // After shutdown nothing is sent: no shutdown is left to abort this attempt, and the transport is closed.
        failure = { code: 'ECLIENTCLOSED', connected: false, timedOut: false };
      } else {
        const state = new TermiiAttempt();
        const timer = setTimeout(timeOut, this.options.timeoutMs, state);
        this.inFlight.add(state);
        try {
          // Read per attempt rather than kept: a test may wrap the instance's adapter after start-up.
          const adapter = this.httpService.axiosRef.defaults.adapter as AxiosAdapter;
          response = responseOf(await adapter(this.requestConfig(method, url, payload, state, headers)));
        } catch (error) {
          failure = {
            code: this.shutdown.signal.aborted ? 'ECLIENTCLOSED' : codeOf(error),
            connected: state.connected,
            timedOut: state.timedOut,
          };
        } finally {
          clearTimeout(timer);
          this.inFlight.delete(state);
        }
      }
      const mayRetry = attempt <= this.options.maxRetries && !this.shutdown.signal.aborted;
      if (response !== undefined) {
        // Nest's own level check first: the line is not even built on the usual production levels.
        if (Logger.isLevelEnabled('verbose')) {
          this.logger.verbose(
            `${operation}: HTTP ${response.status} in ${Math.round(performance.now() - started)} ms (attempt ${attempt})`,
          );
        }
        const value = read(response);
        if (value !== undefined) {
          if (termiiAttemptChannel.hasSubscribers) {
            this.publish(operation, attempt, started, response.status, undefined, undefined, false);
          }
          return value;
        }
        const error = mapTermiiError(operation, response, this.options.apiKey);
        const retry = isRead && mayRetry && RETRIED_READ_STATUSES.has(response.status);
        if (termiiAttemptChannel.hasSubscribers) {
          this.publish(operation, attempt, started, response.status, error.name, undefined, retry);
        }
        if (retry) {
          const delay = backoffMs(attempt);
          this.logger.warn(`${operation}: Termii answered HTTP ${response.status}; retrying in ${delay} ms`);
          if (await this.sleep(delay)) continue;
        }
        throw error;
      }
      // No answer: the attempt failed below HTTP, and `failure` says how.
      const { code, connected, timedOut } = failure as TransportFailure;
      const retryable = (isRead || !connected) && mayRetry && !NOT_RETRIED.has(code ?? '');
      if (Logger.isLevelEnabled('verbose')) {
        this.logger.verbose(
          `${operation}: ${timedOut ? 'timeout' : (code ?? 'connection error')} ` +
            `(${connected ? 'connected' : 'not connected'}, attempt ${attempt})`,
        );
      }
      if (termiiAttemptChannel.hasSubscribers) {
        this.publish(
          operation,
          attempt,
          started,
          undefined,
          timedOut ? 'TermiiTimeoutError' : 'TermiiConnectionError',
          timedOut ? 'ETIMEDOUT' : code,
          retryable,
        );
      }
      if (retryable) {
        const delay = backoffMs(attempt);
        const what = timedOut ? `${connected ? 'response' : 'connect'} timeout` : code;
        this.logger.warn(
          connected
            ? `${operation}: no answer from Termii (${what}); retrying the read in ${delay} ms`
            : `${operation}: Termii not reached (${what}); retrying in ${delay} ms`,
        );
        if (await this.sleep(delay)) continue;
      }
      if (timedOut) {
        throw new TermiiTimeoutError(operation, this.options.timeoutMs, connected ? 'response' : 'connect', attempt);
      }
      throw new TermiiConnectionError(operation, code, connected, attempt);
    }
  }

  /** Publishes one attempt on `TERMII_DIAGNOSTICS_CHANNEL`: called only when someone subscribes. */
  private publish(
    operation: TermiiOperation,
    attempt: number,
    started: number,
    status: number | undefined,
    error: string | undefined,
    code: string | undefined,
    willRetry: boolean,
  ): void {
    const event: TermiiAttemptEvent = {
      registration: this.registration.name,
      operation,
      attempt,
      status,
      error,
      code,
      durationMs: performance.now() - started,
      willRetry,
    };
    termiiAttemptChannel.publish(event);
  }

  /** What the adapter gets: the whole request, as axios's pipeline would have handed it over. */
  private requestConfig(
    method: TermiiMethod,
    url: string,
    payload: string | Buffer | undefined,
    state: TermiiAttempt,
    headers: RequestHeaders | undefined,
  ): TermiiRequestConfig {
    return {
      termiiAttempt: state,
      method,
      url,
      data: payload,
      headers: headers ?? (payload === undefined ? GET_HEADERS : HEADERS),
      validateStatus: ANY_STATUS,
      termiiTransport: this.transport,
    };
  }

  /**
   * `JSON.stringify({ api_key, ...body })`, without copying `body` into a new object: `body`'s JSON spliced
   * after the key's, which is serialized once per client.
   */
  private payloadOf(body: Record<string, unknown>): string {
    const json = JSON.stringify(body);
    // A body of its own `api_key` (which the spread lets override the key), or one whose JSON is not an object
    // (a `toJSON` giving another value), takes the long way. The services pass `toPlain`'s plain objects.
    if (json.charCodeAt(0) !== 0x7b || Object.hasOwn(body, 'api_key')) {
      return JSON.stringify({ api_key: this.options.apiKey, ...body });
    }
    return json.length === 2 ? `${this.#keyJson}}` : `${this.#keyJson},${json.slice(1)}`;
  }

  /** The request URL of `path`, built once per path (one per operation, and up to a bound per id). */
  private urlOf(path: string): string {
    let url = this.urls.get(path);
    if (url === undefined) {
      url = this.options.baseUrl + path;
      // Paths with an id (a phonebook's, a campaign's) are one per id: only so many are kept.
      if (this.urls.size < MAX_CACHED_URLS) this.urls.set(path, url);
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

/** The adapter's answer as the client reads it: the status, the body parsed when it is JSON, `Retry-After`. */
function responseOf(res: AxiosResponse<unknown>): TermiiHttpResponse {
  const { status, data } = res;
  let response: TermiiHttpResponse;
  // No `trim()` first: a blank body does not parse either, and the copy would cost every call.
  if (typeof data !== 'string' || data === '') response = { status, body: undefined, isJson: false };
  else {
    try {
      // Message ids beyond a safe integer, sent as bare JSON numbers, are kept digit for digit (as strings).
      response = { status, body: parseJsonKeepingLongIntegers(data), isJson: true };
    } catch {
      response = { status, body: undefined, isJson: false };
    }
  }
  const retryAfter = headerOf(res.headers, 'retry-after');
  if (retryAfter !== undefined) response.retryAfter = retryAfter;
  return response;
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
