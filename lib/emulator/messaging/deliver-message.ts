import { smsPageCount } from '../../common/sms-encoding.js';
import type { TermiiEmulatorResponse } from '../termii-emulator-exchange.js';
import { jsonAnswer } from '../emulator-route.js';
import { DND_ACTIVE_STATUS } from '../insights/dnd-list.js';
import type { TermiiDeliveryChannel, TermiiOutboxMessage } from '../outbox-message.js';
import { SENDER_ID_REFUSED_BODY, SENDER_ID_REFUSED_STATUS } from '../sender-ids/sender-id-registry.js';
import type { TermiiEmulatorState } from '../emulator-state.js';
import { INSUFFICIENT_BALANCE_BODY } from '../termii-fault.js';
import { newMessageId } from '../termii-outbox.js';
import type { TermiiSmsChannel } from '../token/token-request-rules.js';

/** Termii's status of a message that left. */
export const MESSAGE_SENT_STATUS = 'Message Sent';

/** A message to deliver, as a product read it from its request. */
export interface TermiiMessageToDeliver {
  channel: TermiiDeliveryChannel;
  /** For `sms`: the route; `generic` does not reach numbers on the DND list. */
  smsChannel?: TermiiSmsChannel;
  /** The sender ID, checked against the registry; `undefined` for Termii's own numbers (Number API). */
  from?: string;
  /** Whether `from` is checked against the sender-ID registry (not for a WhatsApp device name). @default true */
  checkSenderId?: boolean;
  /** International format, digits only; one outbox entry each. */
  recipients: readonly string[];
  text?: string;
  /** Termii's `type` as sent: `plain` and `unicode` decide the pages of an SMS. */
  messageType?: string;
  media?: TermiiOutboxMessage['media'];
  template?: TermiiOutboxMessage['template'];
  /** Fields to copy onto each outbox entry (e.g. a PIN's `code` and `pinId`). */
  extra?: Partial<Pick<TermiiOutboxMessage, 'code' | 'pinId' | 'emailConfigurationId' | 'campaignId'>>;
}

/** A delivered message: its id and what it cost in all; or Termii's refusal, and nothing delivered. */
export type TermiiMessageDelivery =
  | { ok: true; messageId: string; cost: number; messages: TermiiOutboxMessage[] }
  | { ok: false; response: TermiiEmulatorResponse };

/** The pages a message is billed as: SMS by its text's length and encoding; one for any other channel. */
function pagesOf(message: TermiiMessageToDeliver): number {
  if (message.channel !== 'sms' || message.text === undefined) return 1;
  return smsPageCount(message.text, message.messageType === 'unicode' ? 'unicode' : 'gsm7');
}

/**
 * The one way every product delivers a message (Send Token, messages, templates, campaigns): the sender ID
 * is checked against the registry (404 "Invalid Sender Id"), the whole request is paid for up front — its
 * channel's price per page and per recipient — or refused with 400 "Insufficient balance" and nothing sent;
 * then one outbox entry per recipient, all with the request's message id. On the `generic` route a number on
 * the DND list gets nothing: its entry says `DND Active on Phone Number` (it is still billed, as Termii does).
 */
export function deliverMessage(state: TermiiEmulatorState, message: TermiiMessageToDeliver): TermiiMessageDelivery {
  const { from, checkSenderId = true } = message;
  if (from !== undefined && checkSenderId && state.senderIds.refuses(from)) {
    return { ok: false, response: jsonAnswer(SENDER_ID_REFUSED_STATUS, SENDER_ID_REFUSED_BODY) };
  }
  const pages = pagesOf(message);
  const price = state.wallet.prices[message.channel] * pages;
  if (!state.wallet.canPay(price * message.recipients.length)) {
    return { ok: false, response: jsonAnswer(400, INSUFFICIENT_BALANCE_BODY) };
  }
  const messageId = newMessageId();
  const now = state.now();
  const messages: TermiiOutboxMessage[] = [];
  let total = 0;
  for (const recipient of message.recipients) {
    const cost = state.wallet.spend(price);
    total += cost;
    const blocked = message.channel === 'sms' && message.smsChannel === 'generic' && state.dnd.has(recipient);
    messages.push(
      state.outbox.deliver({
        channel: message.channel,
        recipient,
        messageId,
        ...message.extra,
        ...(message.text !== undefined ? { text: message.text } : {}),
        ...(from !== undefined ? { from } : {}),
        ...(message.smsChannel !== undefined ? { smsChannel: message.smsChannel } : {}),
        ...(message.messageType !== undefined ? { messageType: message.messageType } : {}),
        ...(message.channel === 'sms' ? { pages } : {}),
        ...(message.media !== undefined ? { media: { ...message.media } } : {}),
        ...(message.template !== undefined ? { template: structuredClone(message.template) } : {}),
        status: blocked ? DND_ACTIVE_STATUS : MESSAGE_SENT_STATUS,
        cost,
        sentAt: now,
      }),
    );
  }
  return { ok: true, messageId, cost: Math.round(total * 10_000) / 10_000, messages };
}
