import { TermiiValidationError } from '../errors/termii.error.js';

/** The longest id accepted in a path. Termii's ids are numbers or UUIDs; the bound keeps a runaway string out of a URL. */
export const MAX_PATH_SEGMENT_LENGTH = 128;

// What would change which resource the URL names, once a server or a proxy decodes it: a separator, a query
// or fragment start, a dot segment, a backslash (some servers take it for `/`), and control characters.
const FORBIDDEN: readonly [RegExp, string][] = [
  [/\//, 'must not contain "/"'],
  [/\\/, 'must not contain "\\"'],
  [/\?/, 'must not contain "?"'],
  [/#/, 'must not contain "#"'],
  [/\.\./, 'must not contain ".."'],
  [/[\u0000-\u001f\u007f]/, 'must not contain control characters'],
];

/**
 * An id (a phonebook's, a campaign's) checked as one segment of a request path, as text (not yet encoded).
 * A number is taken as its digits (a safe, non-negative integer only: larger ids arrive as strings).
 * @throws TermiiValidationError naming `property` when the id is not a non-blank string of at most 128
 * characters, or contains `/`, `\`, `?`, `#`, `..` or a control character: such an id would name another
 * path, so nothing is sent.
 */
export function checkTermiiId(property: string, value: unknown): string {
  const problems: string[] = [];
  let text: string | undefined;
  if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0) text = String(value);
  else if (typeof value === 'string') text = value;
  if (text === undefined) {
    problems.push(`${property} must be a string (or a whole number)`);
  } else if (text.trim() === '' || text === '.') {
    problems.push(`${property} must not be empty`);
  } else if (text.length > MAX_PATH_SEGMENT_LENGTH) {
    problems.push(`${property} must be at most ${MAX_PATH_SEGMENT_LENGTH} characters`);
  } else {
    for (const [pattern, why] of FORBIDDEN) if (pattern.test(text)) problems.push(`${property} ${why}`);
  }
  if (problems.length > 0 || text === undefined) throw new TermiiValidationError([{ property, messages: problems }]);
  return text;
}

/** An id as one segment of a request path: checked by `checkTermiiId`, then percent-encoded. */
export function termiiPathSegment(property: string, value: unknown): string {
  return encodeURIComponent(checkTermiiId(property, value));
}

/** `template` with its `{id}` replaced by `id`, checked and encoded by `termiiPathSegment` under `property`. */
export function termiiPathWithId(template: string, property: string, id: unknown): string {
  return template.replace('{id}', termiiPathSegment(property, id));
}
