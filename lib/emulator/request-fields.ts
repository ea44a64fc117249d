/**
 * How the emulator reads the fields of a request body, as Termii's servers check them: the readers every
 * product's rules share. Each pushes what is wrong, in words, onto `problems` (answered as one 400
 * `{ message }`), and returns the value when it is right.
 */

/** The outcome of checking a request body: the typed request, or the text of a 400 `{ message }`. */
export type RuleCheck<T> = { ok: true; value: T } | { ok: false; message: string };

/** International format, digits only, no `+`, no leading 0: E.164 without its plus sign. */
export const INTERNATIONAL_PHONE = /^[1-9][0-9]{7,14}$/;

/** Whether a field is absent as servers count it: missing, `null` or the empty string. */
export function isAbsent(value: unknown): boolean {
  return value === undefined || value === null || value === '';
}

/**
 * An integer field: a JSON integer, or a string of digits (lenient servers accept those, and some Termii
 * SDKs send them), within `[min, max]`.
 */
export function readInteger(
  body: Record<string, unknown>,
  field: string,
  min: number,
  max: number,
  problems: string[],
): number | undefined {
  const raw = body[field];
  if (isAbsent(raw)) {
    problems.push(`${field} is required`);
    return undefined;
  }
  const value = typeof raw === 'string' && /^\d{1,9}$/.test(raw.trim()) ? Number(raw.trim()) : raw;
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    problems.push(`${field} must be an integer`);
    return undefined;
  }
  if (value < min || value > max) {
    problems.push(
      max === Number.MAX_SAFE_INTEGER
        ? `${field} must be at least ${min}`
        : `${field} must be between ${min} and ${max}`,
    );
    return undefined;
  }
  return value;
}

/** A required text field; a JSON number is read as its text. */
export function readString(body: Record<string, unknown>, field: string, problems: string[]): string | undefined {
  const raw = body[field];
  if (isAbsent(raw)) {
    problems.push(`${field} is required`);
    return undefined;
  }
  // A number is accepted where Termii's samples send a string, as lenient servers do.
  if (typeof raw === 'number' && Number.isFinite(raw)) return String(raw);
  if (typeof raw !== 'string') {
    problems.push(`${field} must be a string`);
    return undefined;
  }
  return raw;
}

/** A phone number field in international format, digits only (a JSON number is accepted, as `readString` does). */
export function readPhoneNumber(body: Record<string, unknown>, field: string, problems: string[]): string | undefined {
  const phoneNumber = readString(body, field, problems);
  if (phoneNumber === undefined) return undefined;
  if (!INTERNATIONAL_PHONE.test(phoneNumber)) {
    problems.push(`${field} must be in international format, digits only, e.g. 2348109477743`);
    return undefined;
  }
  return phoneNumber;
}
