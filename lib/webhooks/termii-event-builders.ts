import type { TermiiDeliveryStatus } from './events/termii-delivery-status.js';
import { DEFAULT_TERMII_SIGNATURE_HEADER, signTermiiEvent, type TermiiSignatureOptions } from './sign-termii-event.js';

/**
 * The status text Termii sends for each normalised status (from its "Status of messages sent" table),
 * which the builders write when given a status name.
 */
export const TERMII_STATUS_TEXTS: Readonly<Record<Exclude<TermiiDeliveryStatus, 'unknown'>, string>> = {
  delivered: 'Delivered',
  sent: 'Message Sent',
  failed: 'Message Failed',
  rejected: 'Rejected',
  expired: 'Expired',
  dnd: 'DND Active on Phone Number',
  received: 'Received',
};

/** A Termii event body as it travels: snake_case fields, every value a string (or `null`). */
export type TermiiEventPayload = Record<string, string | null>;

/** What a delivery report built for a test says. */
export interface TermiiDeliveryReportInput {
  /** The `message_id` the send call answered. */
  messageId: string;
  /**
   * The id again as `message_id_str`, as newer hosts send it beside `message_id` (ids are longer than a safe
   * JavaScript integer). @default absent
   */
  messageIdStr?: string;
  /** The phone number the message went to, e.g. `2348109477743`. */
  receiver: string;
  /** A status name (written as Termii's text, e.g. `dnd` → `"DND Active on Phone Number"`) or any raw text. @default 'delivered' */
  status?: TermiiDeliveryStatus | (string & NonNullable<unknown>);
  /** Termii's request id. @default absent, as in older reports */
  id?: string;
  /** The sender ID, e.g. `N-Alert`. @default absent */
  sender?: string;
  /** The text that was sent. */
  message?: string;
  /** When it was sent. @default now */
  sentAt?: Date | string;
  /** What it cost, e.g. `3.9` (written as `"3.9"`). */
  cost?: number | string;
  /** @default 'generic' */
  channel?: string;
}

/** What an inbound message built for a test says. */
export interface TermiiInboundMessageInput {
  /** Who sent it. */
  sender: string;
  /** The text. */
  message: string;
  /** Your number or device that received it. @default absent */
  receiver?: string;
  /** Termii's request id. @default absent */
  id?: string;
  /** Termii's message id. @default absent */
  messageId?: string;
  /** @default now */
  receivedAt?: Date | string;
  /** @default null, as in Termii's sample */
  channel?: string;
}

function statusText(status: string): string {
  return (TERMII_STATUS_TEXTS as Record<string, string>)[status] ?? status;
}

/** `2020-12-16 11:34:36` (UTC), the form of Termii's `sent_at`. */
export function termiiTime(value: Date | string | undefined): string {
  if (typeof value === 'string') return value;
  return (value ?? new Date()).toISOString().slice(0, 19).replace('T', ' ');
}

/** Keeps the fields that have a value, in the given (Termii's documented) order. */
function defined(fields: Record<string, string | null | undefined>): TermiiEventPayload {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as TermiiEventPayload;
}

/**
 * A well-formed delivery report body, as Termii would POST it, e.g.
 * `termiiDeliveryReport({ messageId: '5964465985113503103', receiver: '2348109477743', status: 'dnd' })`.
 */
export function termiiDeliveryReport(input: TermiiDeliveryReportInput): TermiiEventPayload {
  return defined({
    type: 'outbound',
    id: input.id,
    message_id: input.messageId,
    message_id_str: input.messageIdStr,
    receiver: input.receiver,
    sender: input.sender,
    message: input.message,
    sent_at: termiiTime(input.sentAt),
    cost: input.cost === undefined ? undefined : String(input.cost),
    status: statusText(input.status ?? 'delivered'),
    channel: input.channel ?? 'generic',
  });
}

/** A well-formed inbound message body, as Termii would POST it (`cost: null`, status `"Received"`). */
export function termiiInboundMessage(input: TermiiInboundMessageInput): TermiiEventPayload {
  return defined({
    type: 'inbound',
    id: input.id,
    message_id: input.messageId,
    receiver: input.receiver,
    sender: input.sender,
    message: input.message,
    received_at:
      typeof input.receivedAt === 'string' ? input.receivedAt : (input.receivedAt ?? new Date()).toISOString(),
    cost: null,
    status: 'Received',
    channel: input.channel ?? null,
  });
}

/** Options of `signedTermiiEvent`: the signature's inputs and header. */
export interface SignedTermiiEventOptions extends TermiiSignatureOptions {
  /** @default 'x-termii-signature' */
  signatureHeader?: string;
}

/** An event ready to POST: the exact body text and its headers. */
export interface SignedTermiiEvent {
  /** The body text, exactly as signed: send it as it is. */
  body: string;
  /** `Content-Type` and the signature header. */
  headers: Record<string, string>;
}

/**
 * An event ready to POST from a test (fetch, supertest): the exact body text and the headers, signature
 * included. Send `body` as it is: the signature covers these bytes.
 */
export function signedTermiiEvent(
  event: object | string,
  secret: string,
  options: SignedTermiiEventOptions = {},
): SignedTermiiEvent {
  const { signatureHeader = DEFAULT_TERMII_SIGNATURE_HEADER, ...signature } = options;
  const body = typeof event === 'string' ? event : JSON.stringify(event);
  return {
    body,
    headers: {
      'content-type': 'application/json',
      [signatureHeader.toLowerCase()]: signTermiiEvent(body, secret, signature),
    },
  };
}
