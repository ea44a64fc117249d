import { inspect } from 'node:util';
import { TermiiConfigError } from '../errors/termii.error.js';
import { PinType } from '../common/pin-type.enum.js';
import type { TermiiModuleOptions } from './termii-module-options.interface.js';

/** Termii's documented example base URL. */
export const DEFAULT_TERMII_BASE_URL = 'https://api.ng.termii.com';

const LOOPBACK_HOST = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i;
const KNOWN_OPTIONS = new Set(['apiKey', 'baseUrl', 'timeoutMs', 'maxRetries', 'inAppToken']);
const KNOWN_TOKEN_DEFAULTS = new Set(['pinType', 'pinAttempts', 'pinTimeToLive', 'pinLength']);

function isInteger(value: unknown, min: number, max: number): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max;
}

function normaliseBaseUrl(raw: unknown): string {
  if (raw === undefined) return DEFAULT_TERMII_BASE_URL;
  if (typeof raw !== 'string' || raw.trim() === '') {
    throw new TermiiConfigError('baseUrl', 'must be a non-empty URL string');
  }
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new TermiiConfigError('baseUrl', 'is not a valid absolute URL');
  }
  if (url.username || url.password) throw new TermiiConfigError('baseUrl', 'must not contain credentials');
  if (url.search || url.hash) throw new TermiiConfigError('baseUrl', 'must not contain a query or a fragment');
  const loopback = LOOPBACK_HOST.test(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    throw new TermiiConfigError(
      'baseUrl',
      'must use https: (http: is allowed only for localhost, 127.0.0.0/8 and [::1])',
    );
  }
  // Users paste the base URL with or without a trailing "/" or "/api"; every path we call starts with /api.
  const path = url.pathname.replace(/\/+$/, '').replace(/\/api$/i, '');
  return `${url.origin}${path}`;
}

/**
 * The module options after validation and defaults: what the HTTP client and the services use.
 * The API key lives in a private field, so `util.inspect`, `JSON.stringify` and loggers never show it.
 */
export class TermiiOptions {
  readonly #apiKey: string;
  readonly baseUrl: string;
  readonly timeoutMs: number;
  readonly maxRetries: number;
  readonly inAppToken: Readonly<Required<NonNullable<TermiiModuleOptions['inAppToken']>>>;

  private constructor(
    apiKey: string,
    rest: Pick<TermiiOptions, 'baseUrl' | 'timeoutMs' | 'maxRetries' | 'inAppToken'>,
  ) {
    this.#apiKey = apiKey;
    this.baseUrl = rest.baseUrl;
    this.timeoutMs = rest.timeoutMs;
    this.maxRetries = rest.maxRetries;
    this.inAppToken = rest.inAppToken;
  }

  /** The API key, for the one place that builds request bodies. */
  get apiKey(): string {
    return this.#apiKey;
  }

  /** Serialises without the key. */
  toJSON(): Record<string, unknown> {
    return {
      apiKey: '[REDACTED]',
      baseUrl: this.baseUrl,
      timeoutMs: this.timeoutMs,
      maxRetries: this.maxRetries,
      inAppToken: this.inAppToken,
    };
  }

  [inspect.custom](): string {
    return `TermiiOptions ${inspect(this.toJSON())}`;
  }

  /**
   * Validates the user's options and applies the defaults.
   * @throws TermiiConfigError naming the first invalid field (never its value).
   */
  static resolve(options: TermiiModuleOptions | undefined | null): TermiiOptions {
    if (options instanceof TermiiOptions) return options;
    if (options === null || typeof options !== 'object') {
      throw new TermiiConfigError('options', 'must be an object with at least apiKey');
    }
    for (const key of Object.keys(options)) {
      if (!KNOWN_OPTIONS.has(key)) throw new TermiiConfigError(key, 'is not a known option');
    }
    const { apiKey, timeoutMs = 10_000, maxRetries = 2, inAppToken = {} } = options;
    if (typeof apiKey !== 'string' || apiKey.trim() === '') {
      throw new TermiiConfigError('apiKey', 'is required and must be a non-empty string');
    }
    if (/\s/.test(apiKey)) throw new TermiiConfigError('apiKey', 'must not contain white space');
    const baseUrl = normaliseBaseUrl(options.baseUrl);
    if (!isInteger(timeoutMs, 1, 600_000)) {
      throw new TermiiConfigError('timeoutMs', 'must be an integer number of milliseconds from 1 to 600000');
    }
    if (!isInteger(maxRetries, 0, 10)) throw new TermiiConfigError('maxRetries', 'must be an integer from 0 to 10');
    if (inAppToken === null || typeof inAppToken !== 'object') {
      throw new TermiiConfigError('inAppToken', 'must be an object');
    }
    for (const key of Object.keys(inAppToken)) {
      if (!KNOWN_TOKEN_DEFAULTS.has(key)) throw new TermiiConfigError(`inAppToken.${key}`, 'is not a known option');
    }
    const { pinType = PinType.NUMERIC, pinAttempts = 3, pinTimeToLive = 5, pinLength = 6 } = inAppToken;
    if (!Object.values(PinType).includes(pinType)) {
      throw new TermiiConfigError('inAppToken.pinType', 'must be NUMERIC or ALPHANUMERIC');
    }
    if (!isInteger(pinAttempts, 1, Number.MAX_SAFE_INTEGER)) {
      throw new TermiiConfigError('inAppToken.pinAttempts', 'must be an integer of at least 1');
    }
    if (!isInteger(pinTimeToLive, 0, 60)) {
      throw new TermiiConfigError('inAppToken.pinTimeToLive', 'must be an integer number of minutes from 0 to 60');
    }
    if (!isInteger(pinLength, 4, 8))
      throw new TermiiConfigError('inAppToken.pinLength', 'must be an integer from 4 to 8');
    return new TermiiOptions(apiKey, {
      baseUrl,
      timeoutMs,
      maxRetries,
      inAppToken: Object.freeze({ pinType, pinAttempts, pinTimeToLive, pinLength }),
    });
  }
}
