/** Termii's PIN kinds, as its API spells them. */
export type TermiiPinType = 'NUMERIC' | 'ALPHANUMERIC';

/** A generate request that passed Termii's rules. */
export interface ValidGenerateRequest {
  pinType: TermiiPinType;
  phoneNumber: string;
  pinAttempts: number;
  /** Minutes; 0 means no time limit (see `TermiiEmulator`). */
  pinTimeToLive: number;
  pinLength: number;
}

/** A verify request that passed Termii's rules. */
export interface ValidVerifyRequest {
  pinId: string;
  pin: string;
}

/** The outcome of checking a request body: the typed request, or the text of a 400 `{ message }`. */
export type RuleCheck<T> = { ok: true; value: T } | { ok: false; message: string };

/** International format, digits only, no `+`, no leading 0: E.164 without its plus sign. */
const INTERNATIONAL_PHONE = /^[1-9][0-9]{7,14}$/;
const PIN_TYPES: readonly string[] = ['NUMERIC', 'ALPHANUMERIC'];

/**
 * An integer field: a JSON integer, or a string of digits (lenient servers accept those, and some Termii
 * SDKs send them), within `[min, max]`.
 */
function readInteger(
  body: Record<string, unknown>,
  field: string,
  min: number,
  max: number,
  problems: string[],
): number | undefined {
  const raw = body[field];
  if (raw === undefined || raw === null || raw === '') {
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

function readString(body: Record<string, unknown>, field: string, problems: string[]): string | undefined {
  const raw = body[field];
  if (raw === undefined || raw === null || raw === '') {
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

/** Termii's rules for `POST /api/sms/otp/generate`: every field required, enum, ranges, international phone. */
export function checkGenerateRequest(body: Record<string, unknown>): RuleCheck<ValidGenerateRequest> {
  const problems: string[] = [];
  const pinType = body['pin_type'];
  if (pinType === undefined || pinType === null || pinType === '') problems.push('pin_type is required');
  else if (typeof pinType !== 'string' || !PIN_TYPES.includes(pinType))
    problems.push('pin_type must be NUMERIC or ALPHANUMERIC');
  const phoneNumber = readString(body, 'phone_number', problems);
  if (phoneNumber !== undefined && !INTERNATIONAL_PHONE.test(phoneNumber)) {
    problems.push('phone_number must be in international format, digits only, e.g. 2348109477743');
  }
  const pinAttempts = readInteger(body, 'pin_attempts', 1, Number.MAX_SAFE_INTEGER, problems);
  const pinTimeToLive = readInteger(body, 'pin_time_to_live', 0, 60, problems);
  const pinLength = readInteger(body, 'pin_length', 4, 8, problems);
  if (problems.length > 0) return { ok: false, message: problems.join('; ') };
  return {
    ok: true,
    value: {
      pinType: pinType as TermiiPinType,
      phoneNumber: phoneNumber!,
      pinAttempts: pinAttempts!,
      pinTimeToLive: pinTimeToLive!,
      pinLength: pinLength!,
    },
  };
}

/** Termii's rules for `POST /api/sms/otp/verify`: `pin_id` and `pin` required. */
export function checkVerifyRequest(body: Record<string, unknown>): RuleCheck<ValidVerifyRequest> {
  const problems: string[] = [];
  const pinId = readString(body, 'pin_id', problems);
  const pin = readString(body, 'pin', problems);
  if (problems.length > 0) return { ok: false, message: problems.join('; ') };
  return { ok: true, value: { pinId: pinId!, pin: pin! } };
}
