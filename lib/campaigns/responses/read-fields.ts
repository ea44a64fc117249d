import { nonBlankTextOf } from '../../common/answer-fields.js';
import { readTermiiPage, type TermiiPageContents } from '../../common/pages/termii-page.js';
import type { TermiiHttpResponse } from '../../http/termii-http-response.js';

/**
 * How the Campaign answers are read, value by value: the rules the readers share, written once. Each gives
 * `undefined` for a value that is not what Termii documents.
 */

export {
  decimalOf as amountOf,
  jsonObjectOf as objectOf,
  nonBlankTextOf as textOf,
  wholeNumberOf as countOf,
} from '../../common/answer-fields.js';

/**
 * An id as text: a string as it is, or a JSON number that is a safe integer (longer ones already arrive
 * as their digits, from `parseJsonKeepingLongIntegers`).
 */
export function idOf(value: unknown): string | undefined {
  if (typeof value === 'number') return Number.isSafeInteger(value) ? String(value) : undefined;
  return nonBlankTextOf(value)?.trim();
}

/** The page of a 2xx list answer, each row read with `readItem`; `undefined` for anything else. */
export function pageOf<T>(
  { status, body }: TermiiHttpResponse,
  readItem: (item: unknown) => T | undefined,
): TermiiPageContents<T> | undefined {
  if (status < 200 || status >= 300) return undefined;
  return readTermiiPage(body, readItem);
}
