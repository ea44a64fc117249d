import type { TermiiHttpResponse } from '../../http/termii-http-response.js';
import {
  BalanceFromTermii,
  MessageIdFromTermii,
  readTermiiAnswer,
  TextFromTermii,
} from '../../token/responses/termii-answer-fields.js';

/** Termii took a message: it is on its way to every recipient of the request. */
export class SentMessage {
  /**
   * Termii's id of the message, one for the whole request, always a string: `message_id_str` when Termii
   * sends it, else `message_id`, digit for digit even when it came as a bare JSON number (ids have 19–25
   * digits, beyond a safe JavaScript integer). Delivery reports carry it.
   */
  @MessageIdFromTermii()
  messageId!: string;

  /**
   * The account's balance after this request: a number (Termii sends a number or a numeric string), or
   * Termii's text when it is not a number, e.g. `"unlimited"`.
   */
  @BalanceFromTermii({ keepText: true })
  balance?: number | string;

  /** The account's name, as Termii gave it. */
  @TextFromTermii('user')
  user?: string;
}

/** A `SentMessage` from a 2xx answer; `undefined` (a `TermiiResponseError`) when it carries no message id. */
export function readSentMessage(response: TermiiHttpResponse): SentMessage | undefined {
  const sent = readTermiiAnswer(SentMessage, response);
  return sent?.messageId === undefined ? undefined : sent;
}

/** A `SentMessage` from a 2xx template answer, documented both as an object and as an array of one. */
export function readSentTemplate(response: TermiiHttpResponse): SentMessage | undefined {
  const { body } = response;
  if (!Array.isArray(body)) return readSentMessage(response);
  return body.length === 1 ? readSentMessage({ ...response, body: body[0] }) : undefined;
}
