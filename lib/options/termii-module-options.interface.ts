import type { PinType } from '../common/pin-type.enum.js';
import type { TokenChannel } from '../token/token-channel.enum.js';
import type { MessageChannel } from '../messaging/message-channel.enum.js';

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

/**
 * Defaults for the fields a `TokenService` call leaves out; a call's own value always wins. The PIN policy
 * fields (`pinType`, `pinAttempts`, `pinTimeToLive`, `pinLength`) have the same defaults and ranges as
 * `inAppToken`'s.
 */
export interface TokenDefaults extends InAppTokenDefaults {
  /**
   * The approved sender ID (Termii's `from`) of `send`. No default: a `send` with no sender ID, neither here
   * nor in the call, is refused with a `TermiiValidationError` before anything is sent.
   */
  senderId?: string;
  /** The SMS route of `send`: `dnd` reaches numbers with Do-Not-Disturb on, `generic` does not. @default TokenChannel.DND */
  channel?: TokenChannel;
  /** The text in `messageText` that Termii replaces with the PIN. @default '< 1234 >' */
  pinPlaceholder?: string;
  /**
   * The email configuration of `sendEmail`, from the Termii dashboard. No default: a `sendEmail` with none,
   * neither here nor in the call, is refused with a `TermiiValidationError` before anything is sent.
   */
  emailConfigurationId?: string;
}

/** Defaults for the fields a `MessagingService` call leaves out; a call's own value always wins. */
export interface MessagingDefaults {
  /**
   * The approved sender ID (Termii's `from`) of `send` and `sendBulk`. No default: a call with no `from`,
   * neither here nor in the call, is refused with a `TermiiValidationError` before anything is sent.
   */
  senderId?: string;
  /**
   * The SMS route of `send` and `sendBulk`: `dnd` reaches numbers with Do-Not-Disturb on, `generic` does not.
   * Only these two: WhatsApp and voice are chosen per call (`from` names a device for WhatsApp).
   * @default MessageChannel.DND
   */
  channel?: MessageChannel.DND | MessageChannel.GENERIC;
  /**
   * Recipients per request of `sendBulk` (1–10 000): Termii's current docs cap a request at 100, older ones
   * at 10 000. @default 100
   */
  bulkBatchSize?: number;
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
   * An HTTP(S) forward proxy between the app and Termii. Either the proxy's URL (`http:` or `https:`, e.g.
   * `http://user:password@proxy.corp:3128`; credentials in it are kept as secret as the API key), or
   * `'env'` to follow the environment as curl does: `HTTPS_PROXY` / `HTTP_PROXY` (or their lower-case
   * forms) by the base URL's protocol, except for the hosts listed in `NO_PROXY`. Requests go to Termii
   * through a `CONNECT` tunnel, so TLS runs end to end between the app and Termii.
   * @default undefined (direct: no proxy, and the proxy environment variables are not read)
   */
  proxy?: string;
  /**
   * Defaults for the fields an `InAppTokenService.generate` call leaves out; each field has its own default.
   * @default { pinType: PinType.NUMERIC, pinAttempts: 3, pinTimeToLive: 5, pinLength: 6 }
   */
  inAppToken?: InAppTokenDefaults;
  /**
   * Defaults for the fields a `TokenService` call leaves out; each field has its own default, and each call
   * may override each one.
   * @default { channel: TokenChannel.DND, pinPlaceholder: '< 1234 >', pinType: PinType.NUMERIC, pinAttempts: 3, pinTimeToLive: 5, pinLength: 6 }
   */
  token?: TokenDefaults;
  /**
   * Defaults for the fields a `MessagingService` call leaves out, and the bulk batch size.
   * @default { channel: MessageChannel.DND, bulkBatchSize: 100 }
   */
  messaging?: MessagingDefaults;
}
