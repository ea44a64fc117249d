import type { PinType } from '../common/pin-type.enum.js';

/** Defaults for the In-App Token fields a `generate` call leaves out. */
export interface InAppTokenDefaults {
  /** @default PinType.NUMERIC */
  pinType?: PinType;
  /** How many times the PIN may be tried before it expires (≥ 1). @default 3 */
  pinAttempts?: number;
  /** Minutes the PIN stays valid (0–60). @default 5 */
  pinTimeToLive?: number;
  /** Length of the PIN (4–8). @default 6 */
  pinLength?: number;
}

/** Options of `TermiiModule.forRoot()` / `forRootAsync()`. */
export interface TermiiModuleOptions {
  /** Your Termii API key. Sent in the request body; never logged, never kept in an error. */
  apiKey: string;
  /**
   * Your account's base URL from the Termii dashboard. A trailing `/` or `/api` is removed.
   * Must be `https:`, except for loopback hosts (`localhost`, `127.0.0.0/8`, `[::1]`), which may use `http:`.
   * @default 'https://api.ng.termii.com'
   */
  baseUrl?: string;
  /** Timeout of each attempt, in milliseconds. @default 10000 */
  timeoutMs?: number;
  /**
   * Retries of a call that surely never reached Termii (DNS failure, refused connection, connect timeout).
   * Nothing that may have reached Termii is retried: a second generate is a second PIN.
   * @default 2
   */
  maxRetries?: number;
  /**
   * Defaults for the fields an `InAppTokenService.generate` call leaves out; each field has its own default.
   * @default { pinType: PinType.NUMERIC, pinAttempts: 3, pinTimeToLive: 5, pinLength: 6 }
   */
  inAppToken?: InAppTokenDefaults;
}
