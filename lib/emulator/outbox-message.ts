import type { TermiiSmsChannel } from './termii-request-rules.js';

/**
 * How the emulator delivered a code: `sms` (Send Token), `voice` (Voice Token), `voice-call` (Voice Call),
 * `email` (Email Token). In-App Token delivers nothing: Termii returns its PIN to the app.
 */
export type TermiiDeliveryChannel = 'sms' | 'voice' | 'voice-call' | 'email';

/** A delivery the emulator made, as a test (or a delivery listener) reads it from its outbox. */
export interface TermiiOutboxMessage {
  /** How it was delivered. */
  channel: TermiiDeliveryChannel;
  /** A phone number in international format, digits only; an email address for `email`. */
  recipient: string;
  /** The code delivered: the PIN the emulator issued (`sms`, `voice`), or the caller's code (`voice-call`, `email`). */
  code: string;
  /** For `sms`, `voice`: the PIN's id, which verify takes. Absent for `voice-call` and `email`, whose codes Termii cannot verify. */
  pinId?: string;
  /** The message id, a string of digits (longer than a safe JS integer, as Termii's are). Unknown to verify. */
  messageId: string;
  /** For `sms`: the SMS as the phone shows it, `message_text` with the PIN in place of `pin_placeholder`. */
  text?: string;
  /** For `sms`: the sender ID (`from`). */
  from?: string;
  /** For `sms`: the route it went by (`dnd` or `generic`). */
  smsChannel?: TermiiSmsChannel;
  /** For `email`: the email configuration id of the request. */
  emailConfigurationId?: string;
  /** What it cost, in the wallet's currency (taken from the balance). */
  cost: number;
  /** Emulator clock time (ms) of the delivery. */
  sentAt: number;
}

/**
 * Called with each delivery as it happens (see `TermiiEmulator.onDelivery`): synchronously, after the message
 * is in the outbox and before the answer goes out. It must not throw; a returned promise is not awaited.
 */
export type TermiiDeliveryListener = (message: TermiiOutboxMessage) => void | Promise<void>;
