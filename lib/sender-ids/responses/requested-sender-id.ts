import type { TermiiHttpResponse } from '../../http/termii-http-response.js';
import { saysInsufficientBalance, termiiMessageOf } from '../../http/map-termii-error.js';
import { hasReceiptFields } from '../../token/responses/termii-answer-fields.js';

/** Termii took a sender-ID request: the new sender ID is `pending` until Termii approves it. */
export interface RequestedSenderId {
  /** Termii's word on the request, e.g. `"Sender Id requested. You will be contacted by your account manager."`. */
  termiiMessage?: string;
}

/**
 * A `RequestedSenderId` from a 2xx answer; `undefined` (a `TermiiResponseError`) for anything without Termii's
 * receipt fields (`code`, `message`). Termii's text is read as errors read it (control characters dropped,
 * shortened); the request holds no key it could echo, but the rule is the same.
 */
export function readRequestedSenderId(response: TermiiHttpResponse, apiKey: string): RequestedSenderId | undefined {
  const { status, body } = response;
  if (status < 200 || status >= 300 || !hasReceiptFields(body) || Array.isArray(body)) return undefined;
  if (saysInsufficientBalance(body)) return undefined;
  const termiiMessage = termiiMessageOf(body, apiKey);
  return termiiMessage === undefined ? {} : { termiiMessage };
}
