import { applyDecorators } from '@nestjs/common';
import { Expose, plainToInstance, Transform } from 'class-transformer';
import type { TermiiHttpResponse } from '../../http/termii-http-response.js';
import { decimalOf } from '../../common/answer-fields.js';
import { messageIdOf } from '../../common/message-id.js';
import { saysInsufficientBalance } from '../../http/map-termii-error.js';

/**
 * How the Token API's answers are read, field by field: the rules the result classes share, written once.
 * Termii's answers vary between hosts and versions (`pinId` or `pin_id`, `balance` as a number or a string,
 * ids beyond a safe integer), so each rule accepts the known variants and leaves out anything else.
 */

type Body = Record<string, unknown>;

function nonEmptyString(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** `pinId`, from Termii's `pinId` or, on newer hosts, `pin_id`. */
export function PinIdFromTermii(): PropertyDecorator {
  return applyDecorators(
    Expose({ name: 'pinId', toClassOnly: true }),
    Transform(({ obj }: { obj: Body }) => nonEmptyString(obj['pinId']) ?? nonEmptyString(obj['pin_id']), {
      toClassOnly: true,
    }),
  );
}

/** `messageId`, always a string, from `message_id_str` or `message_id`. */
export function MessageIdFromTermii(): PropertyDecorator {
  return applyDecorators(
    Expose({ name: 'message_id', toClassOnly: true }),
    Transform(({ obj }: { obj: Body }) => messageIdOf(obj), { toClassOnly: true }),
  );
}

/**
 * `balance`, a number whether Termii sends `77.5` or `"77.5"`. With `keepText`, a text that is not a number
 * (an unlimited account's `"unlimited"`) is kept as it is rather than left out.
 */
export function BalanceFromTermii(options: { keepText?: boolean } = {}): PropertyDecorator {
  const read = options.keepText
    ? (value: unknown) => decimalOf(value) ?? nonEmptyString(value)
    : (value: unknown) => decimalOf(value);
  return applyDecorators(
    Expose({ name: 'balance', toClassOnly: true }),
    Transform(({ value }: { value: unknown }) => read(value), { toClassOnly: true }),
  );
}

/** A text field Termii names `name`: kept when it is a non-empty string. */
export function TextFromTermii(name: string): PropertyDecorator {
  return applyDecorators(
    Expose({ name, toClassOnly: true }),
    Transform(({ value }: { value: unknown }) => nonEmptyString(value), { toClassOnly: true }),
  );
}

/**
 * A 2xx JSON object answer as an instance of `result` (only the fields it declares, none left `undefined`),
 * or `undefined` for anything else — also for a 2xx whose message says the balance is insufficient, which
 * the error mapper then reports as such.
 */
export function readTermiiAnswer<T extends object>(
  result: new () => T,
  { status, body }: TermiiHttpResponse,
): T | undefined {
  if (status < 200 || status >= 300 || body === null || typeof body !== 'object' || Array.isArray(body)) {
    return undefined;
  }
  if (saysInsufficientBalance(body)) return undefined;
  return plainToInstance(result, body, { excludeExtraneousValues: true, exposeUnsetFields: false });
}

/**
 * Whether an answer without a PIN carries anything Termii documents for it (a `code` text, a message id, a
 * `message` text): the check that tells Termii's receipt from some other JSON.
 */
export function hasReceiptFields(body: unknown): boolean {
  if (body === null || typeof body !== 'object') return false;
  const fields = body as Body;
  return (
    nonEmptyString(fields['code']) !== undefined ||
    messageIdOf(fields) !== undefined ||
    nonEmptyString(fields['message']) !== undefined
  );
}
