import { inspect } from 'node:util';
import { DEFAULT_PIN_POLICY, type PinPolicy } from '../common/dto/pin-policy.js';
import { TermiiConfigError, TermiiValidationError } from '../errors/termii.error.js';
import { DEFAULT_PIN_PLACEHOLDER, DEFAULT_TOKEN_CHANNEL } from '../token/dto/token-fields.js';
import type { TokenChannel } from '../token/token-channel.enum.js';
import { propertiesOf, validateInput } from '../validation/validate-input.js';
import { InAppTokenDefaultsRules, MessagingDefaultsRules, TokenDefaultsRules } from './defaults-rules.js';
import { DEFAULT_BULK_BATCH_SIZE, DEFAULT_MESSAGE_CHANNEL } from '../messaging/dto/message-fields.js';
import type { MessageChannel } from '../messaging/message-channel.enum.js';
import type { TermiiModuleOptions } from './termii-module-options.interface.js';

/** Termii's documented example base URL. */
export const DEFAULT_TERMII_BASE_URL = 'https://api.ng.termii.com';

const LOOPBACK_HOST = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\])$/i;
const KNOWN_OPTIONS = new Set([
  'apiKey',
  'baseUrl',
  'timeoutMs',
  'maxRetries',
  'proxy',
  'inAppToken',
  'token',
  'messaging',
]);
/** The `proxy` value that means "follow HTTPS_PROXY / HTTP_PROXY / NO_PROXY". */
export const TERMII_PROXY_FROM_ENV = 'env';

/** The `token` option after validation, with every default applied. */
export interface ResolvedTokenDefaults extends PinPolicy {
  channel: TokenChannel;
  pinPlaceholder: string;
  /** No default: `send` refuses a call without one. */
  senderId?: string;
  /** No default: `sendEmail` refuses a call without one. */
  emailConfigurationId?: string;
}

/** The `messaging` option after validation, with every default applied. */
export interface ResolvedMessagingDefaults {
  channel: MessageChannel;
  bulkBatchSize: number;
  /** No default: `send` and `sendBulk` refuse a call without one. */
  senderId?: string;
}

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
 * A section of the options (`inAppToken`, `token`) checked against `rules`, the decorators that check a
 * call's input: the same rule in both places. Only the fields given are returned.
 * @throws TermiiConfigError naming the first unknown or invalid field, as `section.field` (never its value).
 */
function validatedSection<T extends object>(section: string, rules: new () => T, raw: unknown): Partial<T> {
  if (raw === undefined) return {};
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new TermiiConfigError(section, 'must be an object');
  }
  const known = propertiesOf(rules);
  for (const key of Object.keys(raw)) {
    if (!known.has(key)) throw new TermiiConfigError(`${section}.${key}`, 'is not a known option');
  }
  try {
    return validateInput(rules, raw);
  } catch (error) {
    if (!(error instanceof TermiiValidationError)) throw error;
    const [{ property, messages }] = error.issues;
    // "pinLength must be at most 8" reads "must be at most 8" after the field's full name.
    const reasons = messages.map((m) => (m.startsWith(`${property} `) ? m.slice(property.length + 1) : m));
    throw new TermiiConfigError(`${section}.${property}`, reasons.join('; '));
  }
}

/** The PIN policy of a section, each field left out taking the library's default. */
function pinPolicyOf(given: Partial<PinPolicy>): PinPolicy {
  return {
    pinType: given.pinType ?? DEFAULT_PIN_POLICY.pinType,
    pinAttempts: given.pinAttempts ?? DEFAULT_PIN_POLICY.pinAttempts,
    pinTimeToLive: given.pinTimeToLive ?? DEFAULT_PIN_POLICY.pinTimeToLive,
    pinLength: given.pinLength ?? DEFAULT_PIN_POLICY.pinLength,
  };
}

/**
 * The `proxy` option checked: `undefined` (direct), `'env'`, or a proxy URL as given. Errors name the field
 * and never show the value, which may hold credentials.
 */
function checkProxy(raw: unknown): string | undefined {
  if (raw === undefined) return undefined;
  if (typeof raw !== 'string' || raw.trim() === '') {
    throw new TermiiConfigError('proxy', `must be a proxy URL or '${TERMII_PROXY_FROM_ENV}'`);
  }
  const value = raw.trim();
  if (value === TERMII_PROXY_FROM_ENV) return value;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new TermiiConfigError('proxy', `is not a valid absolute URL (or '${TERMII_PROXY_FROM_ENV}')`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new TermiiConfigError('proxy', 'must use http: or https:');
  }
  if ((url.pathname !== '/' && url.pathname !== '') || url.search || url.hash) {
    throw new TermiiConfigError('proxy', 'must be a proxy origin, without a path, query or fragment');
  }
  if (url.password && !url.username) throw new TermiiConfigError('proxy', 'has a password without a user name');
  return value;
}

/** The proxy as it may be shown: its origin, with any credentials replaced. */
function redactProxy(proxy: string | undefined): string | undefined {
  if (proxy === undefined || proxy === TERMII_PROXY_FROM_ENV) return proxy;
  const url = new URL(proxy);
  return url.username || url.password ? `${url.protocol}//[REDACTED]@${url.host}` : url.origin;
}

/**
 * The module options after validation and defaults: what the HTTP client and the services use.
 * The API key and the proxy URL (which may hold credentials) live in private fields, so `util.inspect`,
 * `JSON.stringify` and loggers never show them.
 */
export class TermiiOptions {
  readonly #apiKey: string;
  readonly #proxy: string | undefined;
  readonly baseUrl: string;
  readonly timeoutMs: number;
  readonly maxRetries: number;
  readonly inAppToken: Readonly<Required<NonNullable<TermiiModuleOptions['inAppToken']>>>;
  /** The defaults of `TokenService` calls. */
  readonly token: Readonly<ResolvedTokenDefaults>;
  /** The defaults of `MessagingService` calls, and the bulk batch size. */
  readonly messaging: Readonly<ResolvedMessagingDefaults>;

  private constructor(
    apiKey: string,
    proxy: string | undefined,
    rest: Pick<TermiiOptions, 'baseUrl' | 'timeoutMs' | 'maxRetries' | 'inAppToken' | 'token' | 'messaging'>,
  ) {
    this.#apiKey = apiKey;
    this.#proxy = proxy;
    this.baseUrl = rest.baseUrl;
    this.timeoutMs = rest.timeoutMs;
    this.maxRetries = rest.maxRetries;
    this.inAppToken = rest.inAppToken;
    this.token = rest.token;
    this.messaging = rest.messaging;
  }

  /** The API key, for the one place that builds request bodies. */
  get apiKey(): string {
    return this.#apiKey;
  }

  /**
   * The forward proxy: `undefined` for a direct connection, `'env'` to follow the proxy environment
   * variables, or the proxy URL (credentials included), for the one place that builds the transport.
   */
  get proxy(): string | undefined {
    return this.#proxy;
  }

  /** Serialises without the key, and without the proxy's credentials. */
  toJSON(): Record<string, unknown> {
    return {
      apiKey: '[REDACTED]',
      baseUrl: this.baseUrl,
      timeoutMs: this.timeoutMs,
      maxRetries: this.maxRetries,
      ...(this.#proxy !== undefined ? { proxy: redactProxy(this.#proxy) } : {}),
      inAppToken: this.inAppToken,
      token: this.token,
      messaging: this.messaging,
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
    const { apiKey, timeoutMs = 10_000, maxRetries = 2 } = options;
    if (typeof apiKey !== 'string' || apiKey.trim() === '') {
      throw new TermiiConfigError('apiKey', 'is required and must be a non-empty string');
    }
    if (/\s/.test(apiKey)) throw new TermiiConfigError('apiKey', 'must not contain white space');
    const baseUrl = normaliseBaseUrl(options.baseUrl);
    if (!isInteger(timeoutMs, 1, 600_000)) {
      throw new TermiiConfigError('timeoutMs', 'must be an integer number of milliseconds from 1 to 600000');
    }
    if (!isInteger(maxRetries, 0, 10)) throw new TermiiConfigError('maxRetries', 'must be an integer from 0 to 10');
    const proxy = checkProxy(options.proxy);
    const inAppToken = validatedSection('inAppToken', InAppTokenDefaultsRules, options.inAppToken);
    const token = validatedSection('token', TokenDefaultsRules, options.token);
    const messaging = validatedSection('messaging', MessagingDefaultsRules, options.messaging);
    return new TermiiOptions(apiKey, proxy, {
      baseUrl,
      timeoutMs,
      maxRetries,
      inAppToken: Object.freeze(pinPolicyOf(inAppToken)),
      token: Object.freeze({
        ...pinPolicyOf(token),
        channel: token.channel ?? DEFAULT_TOKEN_CHANNEL,
        pinPlaceholder: token.pinPlaceholder ?? DEFAULT_PIN_PLACEHOLDER,
        ...(token.senderId !== undefined ? { senderId: token.senderId } : {}),
        ...(token.emailConfigurationId !== undefined ? { emailConfigurationId: token.emailConfigurationId } : {}),
      }),
      messaging: Object.freeze({
        channel: messaging.channel ?? DEFAULT_MESSAGE_CHANNEL,
        bulkBatchSize: messaging.bulkBatchSize ?? DEFAULT_BULK_BATCH_SIZE,
        ...(messaging.senderId !== undefined ? { senderId: messaging.senderId } : {}),
      }),
    });
  }
}
