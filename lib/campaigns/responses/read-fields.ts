import { readTermiiPage, type TermiiPageContents } from '../../common/pages/termii-page.js';
import type { TermiiHttpResponse } from '../../http/termii-http-response.js';

/**
 * How the Campaign answers are read, value by value: the rules the readers share, written once. Each gives
 * `undefined` for a value that is not what Termii documents.
 */

/** A JSON object (not an array), or `undefined`. */
export function objectOf(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

/** A non-blank text. */
export function textOf(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

/**
 * An id as text: a string as it is, or a JSON number that is a safe integer (longer ones already arrive
 * as their digits, from `parseJsonKeepingLongIntegers`).
 */
export function idOf(value: unknown): string | undefined {
  if (typeof value === 'number') return Number.isSafeInteger(value) ? String(value) : undefined;
  return textOf(value)?.trim();
}

/** A count: a whole number ≥ 0, from a JSON number or a string of digits. */
export function countOf(value: unknown): number | undefined {
  const number = typeof value === 'string' && /^\s*\d{1,15}\s*$/.test(value) ? Number(value) : value;
  return typeof number === 'number' && Number.isSafeInteger(number) && number >= 0 ? number : undefined;
}

/** An amount: a finite number, from a JSON number or a numeric string (`"3.9"`). */
export function amountOf(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value !== 'string' || !/^\s*-?\d+(\.\d+)?\s*$/.test(value)) return undefined;
  return Number(value);
}

/** The page of a 2xx list answer, each row read with `readItem`; `undefined` for anything else. */
export function pageOf<T>(
  { status, body }: TermiiHttpResponse,
  readItem: (item: unknown) => T | undefined,
): TermiiPageContents<T> | undefined {
  if (status < 200 || status >= 300) return undefined;
  return readTermiiPage(body, readItem);
}
