import { readInteger, readPhoneNumber, readString, type RuleCheck } from '../request-fields.js';

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

/** The SMS routes Send Token takes: `dnd` reaches numbers with DND on, `generic` does not. */
export type TermiiSmsChannel = 'dnd' | 'generic';

/** A Send Token request that passed Termii's rules. */
export interface ValidSendRequest {
  /** From `pin_type`, or `message_type` when only that one was sent. */
  pinType: TermiiPinType;
  /** The recipient's phone number (`to`). */
  phoneNumber: string;
  /** The sender ID (`from`). */
  from: string;
  channel: TermiiSmsChannel;
  pinAttempts: number;
  pinTimeToLive: number;
  pinLength: number;
  pinPlaceholder: string;
  /** Contains `pinPlaceholder` at least once. */
  messageText: string;
}

/** A Voice Token request that passed Termii's rules (voice PINs are numeric). */
export interface ValidVoiceTokenRequest {
  phoneNumber: string;
  pinAttempts: number;
  pinTimeToLive: number;
  pinLength: number;
}

/** A Voice Call request that passed Termii's rules. */
export interface ValidVoiceCallRequest {
  phoneNumber: string;
  /** The caller's code, 4–8 digits without a leading zero (it travels as a JSON number). */
  code: string;
}

/** An Email Token request that passed Termii's rules. */
export interface ValidEmailTokenRequest {
  emailAddress: string;
  code: string;
  emailConfigurationId: string;
}

/** A verify request that passed Termii's rules. */
export interface ValidVerifyRequest {
  pinId: string;
  pin: string;
}

const PIN_TYPES: readonly string[] = ['NUMERIC', 'ALPHANUMERIC'];
const SMS_CHANNELS: readonly string[] = ['dnd', 'generic'];
/** Deliberately loose, as servers check addresses: something, `@`, a domain with a dot, no spaces. */
const EMAIL_ADDRESS = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
/** A code that survives travelling as a JSON number: 4–8 digits, no leading zero. */
const NUMERIC_CODE = /^[1-9][0-9]{3,7}$/;
/** What Email Token codes may hold. */
const EMAIL_CODE = /^[A-Za-z0-9]{4,8}$/;

/** A `pin_type` (or `message_type`): `NUMERIC` or `ALPHANUMERIC`, required. */
function readPinType(body: Record<string, unknown>, field: string, problems: string[]): TermiiPinType | undefined {
  const pinType = body[field];
  if (pinType === undefined || pinType === null || pinType === '') problems.push(`${field} is required`);
  else if (typeof pinType !== 'string' || !PIN_TYPES.includes(pinType))
    problems.push(`${field} must be NUMERIC or ALPHANUMERIC`);
  else return pinType as TermiiPinType;
  return undefined;
}

/** The PIN policy every PIN-issuing endpoint takes: `pin_attempts` ≥ 1, `pin_time_to_live` 0–60, `pin_length` 4–8. */
function readPinPolicy(
  body: Record<string, unknown>,
  problems: string[],
): { pinAttempts?: number; pinTimeToLive?: number; pinLength?: number } {
  return {
    pinAttempts: readInteger(body, 'pin_attempts', 1, Number.MAX_SAFE_INTEGER, problems),
    pinTimeToLive: readInteger(body, 'pin_time_to_live', 0, 60, problems),
    pinLength: readInteger(body, 'pin_length', 4, 8, problems),
  };
}

/** Termii's rules for `POST /api/sms/otp/generate`: every field required, enum, ranges, international phone. */
export function checkGenerateRequest(body: Record<string, unknown>): RuleCheck<ValidGenerateRequest> {
  const problems: string[] = [];
  const pinType = readPinType(body, 'pin_type', problems);
  const phoneNumber = readPhoneNumber(body, 'phone_number', problems);
  const { pinAttempts, pinTimeToLive, pinLength } = readPinPolicy(body, problems);
  if (problems.length > 0) return { ok: false, message: problems.join('; ') };
  return {
    ok: true,
    value: {
      pinType: pinType!,
      phoneNumber: phoneNumber!,
      pinAttempts: pinAttempts!,
      pinTimeToLive: pinTimeToLive!,
      pinLength: pinLength!,
    },
  };
}

/**
 * Termii's rules for `POST /api/sms/otp/send` (Send Token). `pin_type` or `message_type` names the PIN kind:
 * Termii's current table names the first, its samples send the second, so either alone is accepted, and
 * both when they agree. `message_text` must contain `pin_placeholder`, where the PIN goes.
 */
export function checkSendRequest(body: Record<string, unknown>): RuleCheck<ValidSendRequest> {
  const problems: string[] = [];
  const given = ['pin_type', 'message_type'].filter(
    (field) => !(body[field] === undefined || body[field] === null || body[field] === ''),
  );
  let pinType: TermiiPinType | undefined;
  if (given.length === 0) problems.push('pin_type (or message_type) is required');
  else {
    const kinds = given.map((field) => readPinType(body, field, problems));
    if (kinds.every((kind) => kind !== undefined)) {
      if (kinds.length === 2 && kinds[0] !== kinds[1]) problems.push('pin_type and message_type must be the same');
      else pinType = kinds[0];
    }
  }
  const phoneNumber = readPhoneNumber(body, 'to', problems);
  const from = readString(body, 'from', problems);
  if (from !== undefined && from.trim() === '') problems.push('from must be a sender ID');
  const channel = readString(body, 'channel', problems);
  if (channel !== undefined && !SMS_CHANNELS.includes(channel)) problems.push('channel must be dnd or generic');
  const { pinAttempts, pinTimeToLive, pinLength } = readPinPolicy(body, problems);
  const pinPlaceholder = readString(body, 'pin_placeholder', problems);
  const messageText = readString(body, 'message_text', problems);
  if (pinPlaceholder !== undefined && messageText !== undefined && !messageText.includes(pinPlaceholder)) {
    problems.push('message_text must contain pin_placeholder');
  }
  if (problems.length > 0) return { ok: false, message: problems.join('; ') };
  return {
    ok: true,
    value: {
      pinType: pinType!,
      phoneNumber: phoneNumber!,
      from: from!,
      channel: channel as TermiiSmsChannel,
      pinAttempts: pinAttempts!,
      pinTimeToLive: pinTimeToLive!,
      pinLength: pinLength!,
      pinPlaceholder: pinPlaceholder!,
      messageText: messageText!,
    },
  };
}

/** Termii's rules for `POST /api/sms/otp/send/voice` (Voice Token): the phone and the PIN policy, no PIN kind. */
export function checkVoiceTokenRequest(body: Record<string, unknown>): RuleCheck<ValidVoiceTokenRequest> {
  const problems: string[] = [];
  const phoneNumber = readPhoneNumber(body, 'phone_number', problems);
  const { pinAttempts, pinTimeToLive, pinLength } = readPinPolicy(body, problems);
  if (problems.length > 0) return { ok: false, message: problems.join('; ') };
  return {
    ok: true,
    value: {
      phoneNumber: phoneNumber!,
      pinAttempts: pinAttempts!,
      pinTimeToLive: pinTimeToLive!,
      pinLength: pinLength!,
    },
  };
}

/**
 * Termii's rules for `POST /api/sms/otp/call` (Voice Call): `code` is a number of 4–8 digits. A string of
 * digits is read as the number it spells, as the integer fields are, so `"0123"` is the 3-digit 123.
 */
export function checkVoiceCallRequest(body: Record<string, unknown>): RuleCheck<ValidVoiceCallRequest> {
  const problems: string[] = [];
  const phoneNumber = readPhoneNumber(body, 'phone_number', problems);
  const raw = body['code'];
  let code: string | undefined;
  if (raw === undefined || raw === null || raw === '') problems.push('code is required');
  else {
    const value = typeof raw === 'string' && /^\d{1,9}$/.test(raw.trim()) ? Number(raw.trim()) : raw;
    if (typeof value !== 'number' || !Number.isInteger(value) || !NUMERIC_CODE.test(String(value))) {
      problems.push('code must be a number of 4 to 8 digits (a leading zero cannot travel in a number)');
    } else code = String(value);
  }
  if (problems.length > 0) return { ok: false, message: problems.join('; ') };
  return { ok: true, value: { phoneNumber: phoneNumber!, code: code! } };
}

/** Termii's rules for `POST /api/email/otp/send` (Email Token): an address, a code, the dashboard's configuration id. */
export function checkEmailTokenRequest(body: Record<string, unknown>): RuleCheck<ValidEmailTokenRequest> {
  const problems: string[] = [];
  const emailAddress = readString(body, 'email_address', problems);
  if (emailAddress !== undefined && !EMAIL_ADDRESS.test(emailAddress)) {
    problems.push('email_address must be an email address');
  }
  const code = readString(body, 'code', problems);
  if (code !== undefined && !EMAIL_CODE.test(code)) problems.push('code must be 4 to 8 letters or digits');
  const emailConfigurationId = readString(body, 'email_configuration_id', problems);
  if (problems.length > 0) return { ok: false, message: problems.join('; ') };
  return { ok: true, value: { emailAddress: emailAddress!, code: code!, emailConfigurationId: emailConfigurationId! } };
}

/** Termii's rules for `POST /api/sms/otp/verify`: `pin_id` and `pin` required. */
export function checkVerifyRequest(body: Record<string, unknown>): RuleCheck<ValidVerifyRequest> {
  const problems: string[] = [];
  const pinId = readString(body, 'pin_id', problems);
  const pin = readString(body, 'pin', problems);
  if (problems.length > 0) return { ok: false, message: problems.join('; ') };
  return { ok: true, value: { pinId: pinId!, pin: pin! } };
}
