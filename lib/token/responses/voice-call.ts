import type { TermiiHttpResponse } from '../../http/termii-http-response.js';
import {
  BalanceFromTermii,
  hasReceiptFields,
  MessageIdFromTermii,
  readTermiiAnswer,
  TextFromTermii,
} from './termii-answer-fields.js';

/**
 * Termii took a Voice Call request: it is reading out the app's code in a call. There is no `pinId`:
 * Termii cannot verify these codes, so the app checks what the user types itself.
 */
export class VoiceCall {
  /** Termii's id of the call, always a string, when it gave one. */
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

/** A `VoiceCall` from a 2xx Voice Call answer; `undefined` when the answer has none of Termii's fields. */
export function readVoiceCall(response: TermiiHttpResponse): VoiceCall | undefined {
  return hasReceiptFields(response.body) ? readTermiiAnswer(VoiceCall, response) : undefined;
}
