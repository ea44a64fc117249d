import { MESSAGING_PATHS } from '../../messaging/messaging.paths.js';
import type { TermiiEmulatorProduct, TermiiEmulatorState } from '../emulator-state.js';
import { jsonAnswer, type TermiiEmulatorRoute } from '../emulator-route.js';
import type { TermiiEmulatorResponse } from '../termii-emulator-exchange.js';
import { deliverMessage, type TermiiMessageDelivery, type TermiiMessageToDeliver } from './deliver-message.js';
import {
  checkMessageRequest,
  checkNumberMessageRequest,
  checkTemplateRequest,
  type ValidMessageRequest,
} from './messaging-request-rules.js';

/** Termii's answer text to a message it took. */
const SUCCESSFULLY_SENT = 'Successfully Sent';

/**
 * Termii's Messaging API as the emulator plays it: one message to up to 100 recipients (SMS on `dnd` or
 * `generic`, WhatsApp text or media, voice), bulk SMS (up to 100 a request, as Termii's current docs say),
 * the Number API, and WhatsApp templates. Every one goes through the one delivery path (`deliverMessage`):
 * sender-ID registry, payment up front per page and per recipient, one outbox entry per recipient with the
 * request's message id. Answers are Termii's current shape, the message id also as `message_id_str`.
 */
export class TermiiMessagingProduct implements TermiiEmulatorProduct {
  readonly routes: readonly TermiiEmulatorRoute[];

  constructor(private readonly state: TermiiEmulatorState) {
    const post = (
      operation: TermiiEmulatorRoute['operation'],
      path: string,
      answer: (body: Record<string, unknown>) => TermiiEmulatorResponse,
    ): TermiiEmulatorRoute => ({
      operation,
      method: 'POST',
      path,
      answer: ({ body }) => answer(body as Record<string, unknown>),
    });
    this.routes = [
      post('sendMessage', MESSAGING_PATHS.sendMessage, (body) => this.send(body, false)),
      post('sendBulkMessage', MESSAGING_PATHS.sendBulkMessage, (body) => this.send(body, true)),
      post('sendMessageFromNumber', MESSAGING_PATHS.sendMessageFromNumber, (body) => this.sendFromNumber(body)),
      post('sendTemplate', MESSAGING_PATHS.sendTemplate, (body) => this.sendTemplate(body, false)),
      post('sendTemplate', MESSAGING_PATHS.sendTemplateWithMedia, (body) => this.sendTemplate(body, true)),
    ];
  }

  reset(): void {}

  /** Termii's answer to a message it took: the current shape, with the id as `message_id` and `message_id_str`. */
  private answer(delivery: TermiiMessageDelivery): TermiiEmulatorResponse {
    if (!delivery.ok) return delivery.response;
    return jsonAnswer(200, {
      code: 'ok',
      balance: this.state.wallet.balance,
      message_id: delivery.messageId,
      message: SUCCESSFULLY_SENT,
      user: this.state.accountName,
      message_id_str: delivery.messageId,
    });
  }

  private send(body: Record<string, unknown>, bulk: boolean): TermiiEmulatorResponse {
    const check = checkMessageRequest(body, { bulk });
    if (!check.ok) return jsonAnswer(400, { message: check.message });
    return this.answer(deliverMessage(this.state, messageOf(check.value)));
  }

  private sendFromNumber(body: Record<string, unknown>): TermiiEmulatorResponse {
    const check = checkNumberMessageRequest(body);
    if (!check.ok) return jsonAnswer(400, { message: check.message });
    const { recipient, text, type } = check.value;
    // Termii's own numbers: no sender ID to check, and no DND route to block on.
    return this.answer(
      deliverMessage(this.state, { channel: 'sms', recipients: [recipient], text, messageType: type }),
    );
  }

  private sendTemplate(body: Record<string, unknown>, withMedia: boolean): TermiiEmulatorResponse {
    const check = checkTemplateRequest(body, { withMedia });
    if (!check.ok) return jsonAnswer(400, { message: check.message });
    const { recipient, template, media } = check.value;
    return this.answer(
      deliverMessage(this.state, {
        channel: 'whatsapp',
        recipients: [recipient],
        template,
        ...(media !== undefined ? { media } : {}),
      }),
    );
  }
}

/** What a checked `/api/sms/send` (or bulk) request delivers, by its channel. */
function messageOf(request: ValidMessageRequest): TermiiMessageToDeliver {
  const { recipients, from, channel, type, text, media } = request;
  const common = { recipients, from, messageType: type, ...(text !== undefined ? { text } : {}) };
  switch (channel) {
    case 'dnd':
    case 'generic':
      return { ...common, channel: 'sms', smsChannel: channel };
    case 'whatsapp':
      // `from` names a WhatsApp device there, not a sender ID: the registry is not asked.
      return { ...common, channel: 'whatsapp', checkSenderId: false, ...(media !== undefined ? { media } : {}) };
    case 'voice':
      return { ...common, channel: 'voice' };
  }
}
