import type { TermiiHttpResponse } from '../../http/termii-http-response.js';
import {
  BalanceFromTermii,
  hasReceiptFields,
  MessageIdFromTermii,
  readTermiiAnswer,
  TextFromTermii,
} from './termii-answer-fields.js';

/**
 * Termii took an Email Token request: it is emailing the app's code. There is no `pinId`: Termii cannot
 * verify these codes, so the app checks what the user types itself.
 */
export class SentEmailToken {
  /** Termii's id of the email, always a string, when it gave one. */
  @MessageIdFromTermii()
  messageId?: string;

  /** Termii's word on the request, e.g. `"Successfully Sent"`. */
  @TextFromTermii('message')
  message?: string;

  /** The account's balance after this request, as a number (Termii sends a number or a numeric string). */
  @BalanceFromTermii()
  balance?: number;

  /** The account's name, as Termii gave it. */
  @TextFromTermii('user')
  user?: string;
}

/** A `SentEmailToken` from a 2xx Email Token answer; `undefined` when the answer has none of Termii's fields. */
export function readSentEmailToken(response: TermiiHttpResponse): SentEmailToken | undefined {
  return hasReceiptFields(response.body) ? readTermiiAnswer(SentEmailToken, response) : undefined;
}
