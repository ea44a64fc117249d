import { TermiiError } from './termii.error.js';

/**
 * The Termii operation a call was making, as errors and diagnostics events name it:
 * - Token API: In-App Token's `generate`, `send` (SMS), `sendVoice` (Voice Token), `call` (Voice Call),
 *   `sendEmail` (Email Token), and the `verify` they share;
 * - Messaging: `sendMessage`, `sendBulkMessage`, `sendMessageFromNumber`, `sendTemplate`;
 * - Sender IDs: `listSenderIds`, `requestSenderId`;
 * - Insights: `getBalance`, `searchNumber`, `getNumberStatus`, `getHistory`;
 * - Campaigns: `listPhonebooks`, `createPhonebook`, `updatePhonebook`, `deletePhonebook`, `listContacts`,
 *   `addContact`, `uploadContacts`, `sendCampaign`, `listCampaigns`, `getCampaignHistory`, `retryCampaign`.
 *
 * The reads (every GET: the lists, the balance and the insights) change nothing at Termii, so they may be
 * retried after a connection was made; every other operation is a write, never retried once connected.
 */
export type TermiiOperation =
  | 'generate'
  | 'verify'
  | 'send'
  | 'sendVoice'
  | 'call'
  | 'sendEmail'
  | 'sendMessage'
  | 'sendBulkMessage'
  | 'sendMessageFromNumber'
  | 'sendTemplate'
  | 'listSenderIds'
  | 'requestSenderId'
  | 'getBalance'
  | 'searchNumber'
  | 'getNumberStatus'
  | 'getHistory'
  | 'listPhonebooks'
  | 'createPhonebook'
  | 'updatePhonebook'
  | 'deletePhonebook'
  | 'listContacts'
  | 'addContact'
  | 'uploadContacts'
  | 'sendCampaign'
  | 'listCampaigns'
  | 'getCampaignHistory'
  | 'retryCampaign';

/** Termii answered with an HTTP status that is an error for this operation. */
export class TermiiApiError extends TermiiError {
  /** The error's class name, `TermiiApiError`: kept when the error is serialized or logged. */
  override name = 'TermiiApiError';

  constructor(
    /** Which call failed. */
    readonly operation: TermiiOperation,
    /** The HTTP status Termii (or a proxy in front of it) answered. */
    readonly status: number,
    /** Termii's own `message` text, when the body had one (redacted and shortened). */
    readonly termiiMessage?: string,
  ) {
    super(
      `Termii ${operation} failed with HTTP ${status}` +
        (termiiMessage === undefined ? ' (no Termii message in the body)' : `: ${termiiMessage}`),
    );
  }

  /**
   * `false` for a 4xx (Termii, or a proxy in front of it, refused the request: nothing was done); `true` for
   * any other status, 5xx above all: the request may have been carried out before the failure.
   */
  override get mayHaveReachedTermii(): boolean {
    return this.status < 400 || this.status >= 500;
  }
}

/** Termii refused the API key (HTTP 401 or 403): wrong key, wrong base URL, or an inactive account. */
export class TermiiAuthenticationError extends TermiiApiError {
  /** The error's class name, `TermiiAuthenticationError`: kept when the error is serialized or logged. */
  override name = 'TermiiAuthenticationError';
}

/**
 * Termii says the account's balance cannot pay for the request ("Insufficient balance", whatever the HTTP
 * status and case): top up the wallet on the Termii dashboard. Nothing was sent to the user.
 */
export class TermiiInsufficientBalanceError extends TermiiApiError {
  /** The error's class name, `TermiiInsufficientBalanceError`: kept when the error is serialized or logged. */
  override name = 'TermiiInsufficientBalanceError';

  /** `false` whatever the status: Termii refused to pay for the request, so nothing went out. */
  override get mayHaveReachedTermii(): boolean {
    return false;
  }
}

/** Termii is rate-limiting this account (HTTP 429). Not retried automatically. */
export class TermiiRateLimitError extends TermiiApiError {
  /** The error's class name, `TermiiRateLimitError`: kept when the error is serialized or logged. */
  override name = 'TermiiRateLimitError';

  constructor(
    operation: TermiiOperation,
    status: number,
    termiiMessage: string | undefined,
    /** How long Termii asked to wait, from its `Retry-After` header, when it sent one. */
    readonly retryAfterMs?: number,
  ) {
    super(operation, status, termiiMessage);
  }
}

/**
 * Termii (or a proxy in front of it) failed with HTTP 5xx. A write is not retried (the request may have been
 * processed); a read (a GET: `getBalance`, the lists, the insights) is retried on 502, 503 and 504 within
 * `maxRetries`.
 */
export class TermiiServerError extends TermiiApiError {
  /** The error's class name, `TermiiServerError`: kept when the error is serialized or logged. */
  override name = 'TermiiServerError';
}
