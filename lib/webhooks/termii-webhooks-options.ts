import { inspect } from 'node:util';
import { TermiiConfigError } from '../errors/termii.error.js';
import {
  checkTermiiSignatureOptions,
  DEFAULT_TERMII_SIGNATURE_HEADER,
  type TermiiSignatureEncoding,
} from './sign-termii-event.js';

/** The options of `TermiiWebhooksModule.forRoot` (or what `forRootAsync`'s factory returns). */
export interface TermiiWebhooksModuleOptions {
  /**
   * The signing secret the events are signed with (Termii: "your secret key"; the docs do not settle
   * whether that is a separate webhook secret or the API key — use what your dashboard shows). Required.
   * A list while rotating it: an event signed with any of them is accepted (add the new secret, switch
   * Termii over, then remove the old one). Never logged, never in an error, hidden from `util.inspect` and
   * `JSON.stringify`.
   */
  secret: string | readonly string[];
  /** The header that carries the signature (any letter case). @default 'x-termii-signature' */
  signatureHeader?: string;
  /** The HMAC's hash. @default 'sha512' */
  algorithm?: string;
  /** How the signature is written. @default 'hex' (lowercase; other letter case is rejected) */
  encoding?: TermiiSignatureEncoding;
  /** Bodies larger than this many bytes are answered 413 and never read as events. @default 65536 (64 KiB) */
  maxBodyBytes?: number;
  /** How many recent events are remembered to deliver a replay once; `0` turns the check off. @default 10000 */
  replayCacheSize?: number;
  /** How long an event is remembered, in milliseconds. @default 86400000 (24 h) */
  replayTtlMs?: number;
}

const KNOWN_OPTIONS = new Set([
  'secret',
  'signatureHeader',
  'algorithm',
  'encoding',
  'maxBodyBytes',
  'replayCacheSize',
  'replayTtlMs',
]);
// An HTTP header name (RFC 9110 token).
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9a-z-]+$/i;

function integer(value: unknown, fallback: number, field: string, min: number, max: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min || value > max) {
    throw new TermiiConfigError(field, `must be an integer from ${min} to ${max}`);
  }
  return value;
}

/** The most secrets accepted at once: a rotation needs two; a few more cover overlapping ones. */
const MAX_SECRETS = 8;

/** The secret option as a list, each a non-empty string. */
function secretsOf(secret: unknown): readonly string[] {
  const secrets: unknown[] = typeof secret === 'string' ? [secret] : Array.isArray(secret) ? secret : [];
  if (secrets.length === 0 || secrets.some((s) => typeof s !== 'string' || s.trim() === '')) {
    throw new TermiiConfigError('secret', 'is required: a non-empty string, or a list of them (while rotating)');
  }
  if (secrets.length > MAX_SECRETS) {
    throw new TermiiConfigError('secret', `takes at most ${MAX_SECRETS} secrets (each event is checked against all)`);
  }
  return Object.freeze([...(secrets as string[])]);
}

/**
 * The webhook options after validation and defaults. The secrets live in a private field, so
 * `util.inspect`, `JSON.stringify` and loggers never show them.
 */
export class TermiiWebhooksOptions {
  readonly #secrets: readonly string[];

  private constructor(
    secrets: readonly string[],
    /** The signature header, lowercase. */
    readonly signatureHeader: string,
    readonly algorithm: string,
    readonly encoding: TermiiSignatureEncoding,
    readonly maxBodyBytes: number,
    readonly replayCacheSize: number,
    readonly replayTtlMs: number,
  ) {
    this.#secrets = secrets;
  }

  /** The signing secrets (one, or several while rotating), for the one place that checks signatures. */
  get secrets(): readonly string[] {
    return this.#secrets;
  }

  /** Serialises without the secrets (a list shows how many there are). */
  toJSON(): Record<string, unknown> {
    return {
      secret: this.#secrets.length === 1 ? '[REDACTED]' : this.#secrets.map(() => '[REDACTED]'),
      signatureHeader: this.signatureHeader,
      algorithm: this.algorithm,
      encoding: this.encoding,
      maxBodyBytes: this.maxBodyBytes,
      replayCacheSize: this.replayCacheSize,
      replayTtlMs: this.replayTtlMs,
    };
  }

  [inspect.custom](): string {
    return `TermiiWebhooksOptions ${inspect(this.toJSON())}`;
  }

  /**
   * Validates the user's options and applies the defaults.
   * @throws TermiiConfigError naming the first invalid field (never its value).
   */
  static resolve(options: TermiiWebhooksModuleOptions | undefined | null): TermiiWebhooksOptions {
    if (options instanceof TermiiWebhooksOptions) return options;
    if (options === null || typeof options !== 'object') {
      throw new TermiiConfigError('options', 'must be an object with at least secret');
    }
    for (const key of Object.keys(options)) {
      if (!KNOWN_OPTIONS.has(key)) throw new TermiiConfigError(key, 'is not a known webhook option');
    }
    const { signatureHeader = DEFAULT_TERMII_SIGNATURE_HEADER } = options;
    const secrets = secretsOf(options.secret);
    if (typeof signatureHeader !== 'string' || !HEADER_NAME.test(signatureHeader)) {
      throw new TermiiConfigError('signatureHeader', 'must be an HTTP header name, e.g. "x-termii-signature"');
    }
    const signature = checkTermiiSignatureOptions({ algorithm: options.algorithm, encoding: options.encoding });
    return new TermiiWebhooksOptions(
      secrets,
      signatureHeader.toLowerCase(),
      signature.algorithm,
      signature.encoding,
      integer(options.maxBodyBytes, 64 * 1024, 'maxBodyBytes', 1, 16 * 1024 * 1024),
      integer(options.replayCacheSize, 10_000, 'replayCacheSize', 0, 10_000_000),
      integer(options.replayTtlMs, 24 * 60 * 60 * 1000, 'replayTtlMs', 1, 30 * 24 * 60 * 60 * 1000),
    );
  }
}
