import { termiiTime } from '../../webhooks/termii-event-builders.js';
import { jsonAnswer } from '../emulator-route.js';
import type { TermiiEmulatorState } from '../emulator-state.js';
import type { TermiiOutboxMessage } from '../outbox-message.js';
import type { TermiiEmulatorResponse } from '../termii-emulator-exchange.js';

/** Termii's `sms_type` of a delivery: the route of an SMS, `voice` for calls, `whatsapp`. */
function smsTypeOf(message: TermiiOutboxMessage): string {
  if (message.channel === 'sms') return message.smsChannel ?? 'generic';
  return message.channel === 'whatsapp' ? 'whatsapp' : 'voice';
}

/** One History row in Termii's documented shape (`sender` absent on voice rows, as Termii leaves it out). */
function rowOf(message: TermiiOutboxMessage): Record<string, unknown> {
  const smsType = smsTypeOf(message);
  return {
    ...(smsType !== 'voice' && message.from !== undefined ? { sender: message.from } : {}),
    receiver: message.recipient,
    message: message.text ?? message.media?.caption ?? '',
    amount: message.cost,
    reroute: 0,
    status: message.status,
    sms_type: smsType,
    send_by: 'api',
    message_id: message.messageId,
    created_at: termiiTime(new Date(message.sentAt)),
  };
}

/**
 * History (`GET /api/sms/inbox`): a bare array, newest first, of every SMS, voice (Voice Token and Voice
 * Call) and WhatsApp delivery in the outbox — not emails, which Termii's SMS inbox does not list — each with
 * its outbox status (`Message Sent` until a delivery report gave another); `message_id` keeps one message's.
 */
export function messageHistoryAnswer(state: TermiiEmulatorState, query: URLSearchParams): TermiiEmulatorResponse {
  const messageId = query.get('message_id');
  const rows = state.outbox.messages
    .filter((message) => message.channel !== 'email' && (messageId === null || message.messageId === messageId))
    .reverse()
    .map(rowOf);
  return jsonAnswer(200, rows);
}
