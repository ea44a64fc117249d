import type { TermiiHttpResponse } from '../../http/termii-http-response.js';
import {
  BalanceFromTermii,
  MessageIdFromTermii,
  PinIdFromTermii,
  readTermiiAnswer,
  TextFromTermii,
} from './termii-answer-fields.js';

/** Termii took a Voice Token request: it generated a numeric PIN and is reading it out in a call. Verify it with `verify`. */
export class SentVoiceToken {
  /** Termii's id of the PIN, needed to verify what the user types (from `pinId`, or `pin_id`). */
  @PinIdFromTermii()
  pinId!: string;

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

/** A `SentVoiceToken` from a 2xx Voice Token answer; `undefined` when the answer has no PIN id. */
export function readSentVoiceToken(response: TermiiHttpResponse): SentVoiceToken | undefined {
  const token = readTermiiAnswer(SentVoiceToken, response);
  return token?.pinId === undefined ? undefined : token;
}
