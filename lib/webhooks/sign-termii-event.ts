import { createHmac, getHashes, timingSafeEqual } from 'node:crypto';
import { TermiiConfigError } from '../errors/termii.error.js';

/** The encodings a signature can be written in. */
export type TermiiSignatureEncoding = 'hex' | 'base64';

/**
 * How an event's signature is computed. Termii documents "a HMAC SHA512 signature of the event payload";
 * it leaves the encoding unsaid, so both inputs are options. The defaults are what Termii's users observe.
 */
export interface TermiiSignatureOptions {
  /** The HMAC's hash, any name `crypto.getHashes()` lists. @default 'sha512' */
  algorithm?: string;
  /** How the digest is written in the header. @default 'hex' (lowercase) */
  encoding?: TermiiSignatureEncoding;
}

/** The default HMAC hash of an event signature. */
export const DEFAULT_TERMII_SIGNATURE_ALGORITHM = 'sha512';
/** The default encoding of an event signature. */
export const DEFAULT_TERMII_SIGNATURE_ENCODING: TermiiSignatureEncoding = 'hex';
/** The header Termii puts the signature in (lowercase, as Node reads header names). */
export const DEFAULT_TERMII_SIGNATURE_HEADER = 'x-termii-signature';

const ENCODINGS: readonly string[] = ['hex', 'base64'];

/**
 * Checks signature options, so that a typo fails where they are given rather than on every event.
 * @throws TermiiConfigError naming the option (never the secret).
 */
export function checkTermiiSignatureOptions(options: TermiiSignatureOptions = {}): Required<TermiiSignatureOptions> {
  const { algorithm = DEFAULT_TERMII_SIGNATURE_ALGORITHM, encoding = DEFAULT_TERMII_SIGNATURE_ENCODING } = options;
  if (typeof algorithm !== 'string' || !getHashes().includes(algorithm.toLowerCase())) {
    throw new TermiiConfigError('algorithm', 'must be a hash name that crypto.getHashes() lists, e.g. "sha512"');
  }
  if (!ENCODINGS.includes(encoding)) throw new TermiiConfigError('encoding', 'must be "hex" or "base64"');
  return { algorithm: algorithm.toLowerCase(), encoding };
}

/**
 * The signature Termii would send in `X-Termii-Signature` for this exact body: the HMAC (SHA-512 by default)
 * of the raw bytes, keyed with `secret`, as lowercase hex (by default). Pure: the same input gives the same
 * string. Sign the bytes you send — a re-serialised object (other spacing, other key order) signs differently.
 */
export function signTermiiEvent(
  rawBody: string | Uint8Array,
  secret: string,
  options: TermiiSignatureOptions = {},
): string {
  if (typeof secret !== 'string' || secret === '') {
    throw new TermiiConfigError('secret', 'is required and must be a non-empty string');
  }
  const { algorithm, encoding } = checkTermiiSignatureOptions(options);
  return createHmac(algorithm, secret).update(rawBody).digest(encoding);
}

/**
 * Whether `signature` is exactly `signTermiiEvent(rawBody, secret, options)` for `secret`, or for any one
 * of a list of secrets (while a secret is being rotated: the old and the new one). Each is compared in
 * constant time, and every secret of the list is tried (no early exit), so the time taken does not tell
 * which one matched. Anything else is false: a missing or repeated header, other whitespace, or (for hex)
 * other letter case — Termii sends lowercase hex, so a digest written another way was not computed the
 * way we expect.
 * @throws TermiiConfigError when a secret is not a non-empty string, or the list is empty.
 */
export function verifyTermiiSignature(
  rawBody: string | Uint8Array,
  signature: string | readonly string[] | undefined,
  secret: string | readonly string[],
  options: TermiiSignatureOptions = {},
): boolean {
  const secrets: readonly unknown[] = typeof secret === 'string' ? [secret] : Array.isArray(secret) ? secret : [];
  if (secrets.length === 0) {
    throw new TermiiConfigError('secret', 'is required: a non-empty string or a non-empty list of them');
  }
  const received = typeof signature === 'string' && signature !== '' ? Buffer.from(signature) : undefined;
  let matched = false;
  for (const candidate of secrets) {
    // signTermiiEvent refuses a candidate that is not a non-empty string.
    const expected = Buffer.from(signTermiiEvent(rawBody, candidate as string, options));
    // timingSafeEqual needs equal lengths; the expected length is public (it follows from the options),
    // so comparing lengths first leaks nothing about the secret.
    const equal = received !== undefined && received.length === expected.length && timingSafeEqual(received, expected);
    matched = equal || matched;
  }
  return matched;
}
