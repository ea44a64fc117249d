/**
 * How a field of Termii's answers is read, value by value: the rules every product's readers share, written
 * once. Termii writes the same field as a string on one host and a number on another, so each rule accepts
 * the known forms and gives `undefined` for anything else, which a reader leaves out (or refuses).
 */

/** A JSON object (not `null`, not an array), or `undefined`. */
export function jsonObjectOf(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

/** A non-blank string, as written. */
export function nonBlankTextOf(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

/** A whole number ≥ 0 (a count, a page number), from a JSON number or a string of up to 15 digits. */
export function wholeNumberOf(value: unknown): number | undefined {
  const number = typeof value === 'string' && /^\s*\d{1,15}\s*$/.test(value) ? Number(value) : value;
  return typeof number === 'number' && Number.isSafeInteger(number) && number >= 0 ? number : undefined;
}

const DECIMAL = /^\s*-?\d+(\.\d+)?\s*$/;

/** An amount (a balance, a cost): a finite number, from a JSON number or a decimal string (`"3.9"`). */
export function decimalOf(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  return typeof value === 'string' && DECIMAL.test(value) ? Number(value) : undefined;
}
