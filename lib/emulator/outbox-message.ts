import type { TermiiSmsChannel } from './token/token-request-rules.js';

/**
 * How the emulator delivered something: `sms` (Send Token, or a message on the `dnd` / `generic` route or
 * from Termii's numbers), `voice` (Voice Token, or a voice message), `voice-call` (Voice Call), `email`
 * (Email Token), `whatsapp` (a WhatsApp message or template). In-App Token delivers nothing: Termii
 * returns its PIN to the app.
 */
export type TermiiDeliveryChannel = 'sms' | 'voice' | 'voice-call' | 'email' | 'whatsapp';

/** A WhatsApp message's media file, as the emulator delivered it. */
export interface TermiiOutboxMedia {
  /** The file's URL, as sent. */
  url: string;
  /** Its caption, when one was sent. */
  caption?: string;
}

/** A WhatsApp template, as the emulator delivered it. */
export interface TermiiOutboxTemplate {
  /** The template's id (`template_id`). */
  templateId: string;
  /** The WhatsApp device it went from (`device_id`). */
  deviceId: string;
  /** The template's variables, as sent. */
  data: Record<string, unknown>;
}

/** A delivery the emulator made, as a test (or a delivery listener) reads it from its outbox. */
export interface TermiiOutboxMessage {
  /** How it was delivered. */
  channel: TermiiDeliveryChannel;
  /** A phone number in international format, digits only; an email address for `email`. */
  recipient: string;
  /**
   * The code delivered, for the Token API: the PIN the emulator issued (`sms`, `voice`), or the caller's code
   * (`voice-call`, `email`). Absent for messages, which carry `text`.
   */
  code?: string;
  /** For Send Token and Voice Token: the PIN's id, which verify takes. */
  pinId?: string;
  /**
   * The message id, a string of digits (longer than a safe JS integer, as Termii's are). One request to
   * several recipients is one outbox entry per recipient, all with the request's message id.
   */
  messageId: string;
  /** The text as the phone shows it (Send Token: `message_text` with the PIN in place of `pin_placeholder`). */
  text?: string;
  /** The sender ID (`from`), or for WhatsApp the device name. */
  from?: string;
  /** For `sms`: the route it went by (`dnd` or `generic`). */
  smsChannel?: TermiiSmsChannel;
  /** For messages: Termii's `type` as sent (`plain`, `unicode`, or `voice` for a voice message). */
  messageType?: string;
  /** For messages: the pages (SMS parts) it was billed as. */
  pages?: number;
  /** For a WhatsApp message with media: the file's URL and caption. */
  media?: TermiiOutboxMedia;
  /** For a WhatsApp template: its id, the device and the variables. */
  template?: TermiiOutboxTemplate;
  /** For `email`: the email configuration id of the request. */
  emailConfigurationId?: string;
  /** For a campaign's messages: the campaign's id (its history reads them back by it). */
  campaignId?: string;
  /**
   * Termii's status text of the delivery: `Message Sent` when it left, `DND Active on Phone Number` when the
   * generic route did not deliver it; a delivery report's status replaces it.
   */
  status: string;
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
