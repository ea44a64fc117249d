/**
 * The field rules the Insights readers share: Termii writes the same field as a string on one host and a
 * number on another (`"62120"` / `62120`), so each rule accepts both and leaves anything else out.
 */

import { jsonObjectOf } from '../../common/answer-fields.js';

/** Whether `value` is a JSON object (not `null`, not an array). */
export function isJsonObject(value: unknown): value is Record<string, unknown> {
  return jsonObjectOf(value) !== undefined;
}

/**
 * A non-blank string, trimmed; a finite number as its text (a code such as `620` may come bare). `undefined`
 * for anything else, so that a field Termii left empty is left out rather than kept as `""`.
 */
export function textOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value.trim() === '' ? undefined : value.trim();
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  return undefined;
}
