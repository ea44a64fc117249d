import type { TermiiHttpResponse } from '../../http/termii-http-response.js';
import { MessageIdFromTermii, PinIdFromTermii, readTermiiAnswer, TextFromTermii } from './termii-answer-fields.js';

/** Termii took a Send Token request: it generated a PIN and is sending it by SMS. Verify it with `verify`. */
export class SentToken {
  /** Termii's id of the PIN, needed to verify what the user types (from `pinId`, or `pin_id` on newer hosts). */
  @PinIdFromTermii()
  pinId!: string;

  /** The phone number the SMS goes to, as Termii echoed it (`to` or `phone_number`), else the number sent. */
  @TextFromTermii('to')
  to!: string;

  /** Termii's word on the SMS, e.g. `"Message Sent"`, when it gave one. */
  @TextFromTermii('smsStatus')
  smsStatus?: string;

  /** Termii's id of the SMS, always a string (from `message_id_str` or `message_id`), when it gave one. */
  @MessageIdFromTermii()
  messageId?: string;
}

/** A `SentToken` from a 2xx Send Token answer; `undefined` when the answer has no PIN id. */
export function readSentToken(response: TermiiHttpResponse, sentTo: string): SentToken | undefined {
  const token = readTermiiAnswer(SentToken, response);
  if (token?.pinId === undefined) return undefined;
  const { phone_number: phoneNumber } = response.body as Record<string, unknown>;
  token.to ??= typeof phoneNumber === 'string' && phoneNumber !== '' ? phoneNumber : sentTo;
  return token;
}
