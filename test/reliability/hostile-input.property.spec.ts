/**
 * Hostile input, property-based (fast-check), for every operation (`generate`, `verify`, `TokenService`'s
 * `send`, `sendVoice`, `call` and `sendEmail`, and `MessagingService.send`): generated valid inputs always pass validation and produce
 * exactly the documented wire body; generated invalid inputs — out of range, wrong types, NaN, Infinity,
 * huge strings, Unicode digits, prototype-polluting keys, extra fields — always throw
 * `TermiiValidationError`, and nothing is sent.
 *
 * The thousands of runs need no network: the module's private axios instance gets an adapter that records
 * what would be sent (the exact body text the client serialised, API key included) and answers as Termii
 * does. A bounded sample of valid inputs then goes to a real loopback server, to check the bytes on the wire.
 *
 * Runs and seed: TERMII_FC_RUNS (default 2000 per property) and TERMII_FC_SEED (default fixed, so CI is
 * reproducible). A failure prints fast-check's report with its seed and path; rerun with that seed.
 */
import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { HttpService } from '@nestjs/axios';
import type { INestApplicationContext } from '@nestjs/common';
import type { AxiosResponse, InternalAxiosRequestConfig } from 'axios';
import fc from 'fast-check';
import {
  InAppTokenService,
  InsightsService,
  MessageChannel,
  MessagingService,
  PinType,
  TermiiValidationError,
  TokenChannel,
  TokenService,
  type TermiiModuleOptions,
} from 'nestjs-termii';
import { reply, startScriptedServer, type ScriptedServer } from '../support/scripted-server.js';
import { createTermiiApp } from '../support/termii-app.js';

const RUNS = Number(process.env['TERMII_FC_RUNS'] ?? 2_000);
const SEED = Number(process.env['TERMII_FC_SEED'] ?? 20_260_505);
const WIRE_SAMPLE_RUNS = 100;
const API_KEY = 'TLpropertyKey-0b6e2f';
/** Module defaults unlike the library's own, so that a default the service forgot to apply shows. */
const DEFAULTS = { pinType: PinType.ALPHANUMERIC, pinAttempts: 7, pinTimeToLive: 0, pinLength: 8 } as const;
/** `token` defaults unlike both the library's and `inAppToken`'s, so that a mix-up shows too. */
const TOKEN_DEFAULTS = {
  pinType: PinType.NUMERIC,
  pinAttempts: 5,
  pinTimeToLive: 30,
  pinLength: 7,
  senderId: 'ModuleSID',
  channel: TokenChannel.GENERIC,
  pinPlaceholder: '##PIN##',
  emailConfigurationId: 'module-cfg',
} as const;
/** `messaging` defaults unlike `token`'s, so that a mix-up shows. */
const MESSAGING_DEFAULTS = { senderId: 'MsgSID', channel: MessageChannel.GENERIC } as const;
const OPTIONS: TermiiModuleOptions = {
  apiKey: API_KEY,
  inAppToken: DEFAULTS,
  token: TOKEN_DEFAULTS,
  messaging: MESSAGING_DEFAULTS,
};
const PARAMS = { numRuns: RUNS, seed: SEED, endOnFailure: true } as const;

interface Sent {
  url: string;
  body: string;
}

/** A documented success answer for a request to `path`, as Termii gives it. */
function termiiAnswer(path: string, request: Record<string, unknown>): unknown {
  switch (path) {
    case '/api/sms/otp/generate':
      return { status: 'success', data: { pin_id: 'pin-1', otp: '123456', phone_number: request['phone_number'] } };
    case '/api/sms/otp/verify':
      return { pinId: request['pin_id'], verified: 'True', msisdn: '2348109477743' };
    case '/api/sms/otp/send':
      return { pinId: 'pin-2', to: request['to'], smsStatus: 'Message Sent' };
    case '/api/sms/otp/send/voice':
      return {
        code: 'ok',
        message_id: '453166532802459832',
        pinId: 'pin-3',
        message: 'Successfully Sent',
        balance: 77.5,
      };
    default:
      return { code: 'ok', message_id: '9122821270554876574', message: 'Successfully Sent', balance: '9', user: 'T' };
  }
}

/**
 * Replaces the network of the module's private axios instance: records each request, answers as Termii
 * does. Each TermiiModule registration has its own axios instance, so this touches only `app`.
 */
function recordRequests(app: INestApplicationContext): { sent: Sent[] } {
  const sent: Sent[] = [];
  const axios = app.get(HttpService, { strict: false }).axiosRef;
  axios.defaults.adapter = async (config: InternalAxiosRequestConfig): Promise<AxiosResponse> => {
    const body = String(config.data);
    sent.push({ url: String(config.url), body });
    const path = new URL(String(config.url)).pathname;
    const answer = termiiAnswer(path, JSON.parse(body) as Record<string, unknown>);
    return { status: 200, statusText: 'OK', headers: {}, config, data: JSON.stringify(answer) };
  };
  return { sent };
}

// ---------- valid inputs ----------

const SEPARATORS = [' ', '-', '.', '(', ')'];
/** An E.164 number without '+', then written as people write it: separators anywhere, maybe one leading '+'. */
const phoneNumber = fc
  .tuple(fc.integer({ min: 1, max: 9 }), fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 7, maxLength: 14 }))
  .map(([first, rest]) => `${first}${rest.join('')}`)
  .chain((digits) =>
    fc
      .tuple(
        fc.boolean(),
        fc.array(fc.array(fc.constantFrom(...SEPARATORS), { maxLength: 2 }), {
          minLength: digits.length + 1,
          maxLength: digits.length + 1,
        }),
      )
      .map(([plus, separators]) => ({
        digits,
        written:
          (plus ? '+' : '') +
          [...digits].map((d, i) => separators[i].join('') + d).join('') +
          separators[digits.length].join(''),
      })),
  );

/** An optional field: left out, explicitly `undefined`, or given. */
function optional<T>(arb: fc.Arbitrary<T>): fc.Arbitrary<{ present: false } | { present: true; value: T | undefined }> {
  return fc.oneof(
    fc.constant({ present: false as const }),
    fc.constant({ present: true as const, value: undefined }),
    arb.map((value) => ({ present: true as const, value })),
  );
}

const validGenerate = fc.record({
  phone: phoneNumber,
  pinType: optional(fc.constantFrom(PinType.NUMERIC, PinType.ALPHANUMERIC)),
  pinAttempts: optional(
    fc.oneof(
      fc.integer({ min: 1, max: 10 }),
      fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER }),
      fc.constant(Number.MAX_SAFE_INTEGER),
    ),
  ),
  pinTimeToLive: optional(fc.integer({ min: 0, max: 60 })),
  pinLength: optional(fc.integer({ min: 4, max: 8 })),
});
type ValidGenerate = typeof validGenerate extends fc.Arbitrary<infer T> ? T : never;

function generateInput(v: ValidGenerate): Record<string, unknown> {
  const input: Record<string, unknown> = { phoneNumber: v.phone.written };
  for (const key of ['pinType', 'pinAttempts', 'pinTimeToLive', 'pinLength'] as const) {
    const field = v[key];
    if (field.present) input[key] = field.value;
  }
  return input;
}

/** The documented body, in Termii's field order, with the defaults for what was left out. */
function expectedGenerateBody(v: ValidGenerate): string {
  const pick = <K extends keyof typeof DEFAULTS>(key: K) => {
    const field = v[key];
    return field.present && field.value !== undefined ? field.value : DEFAULTS[key];
  };
  return JSON.stringify({
    api_key: API_KEY,
    pin_type: pick('pinType'),
    phone_number: v.phone.digits,
    pin_attempts: pick('pinAttempts'),
    pin_time_to_live: pick('pinTimeToLive'),
    pin_length: pick('pinLength'),
  });
}

const validVerify = fc.record({
  pinId: fc.oneof(fc.uuid(), fc.string({ minLength: 1, maxLength: 128 })),
  pin: fc.stringMatching(/^[A-Za-z0-9]{4,8}$/),
});

// ---------- invalid inputs ----------

const UNICODE_DIGITS = [
  '٢٣٤٨١٠٩٤٧٧٧٤٣',
  '２３４８１０９４７７７４３',
  '२३४८१०९४७७७४३',
  '𝟐𝟑𝟒𝟖𝟏𝟎𝟗𝟒𝟕𝟕𝟕𝟒𝟑',
  '234８109477743',
];
const POLLUTING_KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'valueOf',
  'hasOwnProperty',
  '__defineGetter__',
  'isPrototypeOf',
];
const WIRE_KEYS = ['api_key', 'phone_number', 'pin_type', 'pin_attempts', 'pin_time_to_live', 'pin_length', 'pin_id'];
const hugeString = fc
  .constantFrom(100_000, 1_000_000)
  .chain((n) => fc.constantFrom('9'.repeat(n), 'a'.repeat(n), ' '.repeat(n) + '1', `+${'٣'.repeat(n)}`));

/** Values of the wrong type for any field. */
const wrongType = fc.oneof(
  fc.boolean(),
  fc.constant(NaN),
  fc.constant(Infinity),
  fc.constant(-Infinity),
  fc.bigInt(),
  fc.array(fc.anything(), { maxLength: 3 }),
  fc.object({ maxDepth: 1 }),
  fc.constant(Symbol('x')),
  fc.func(fc.anything()),
  fc.date(),
  fc.constant(new String('2348109477743')),
  fc.constant(new Number(6)),
);

/** Numbers a bounded integer field must reject: outside [min, max] or not an integer. */
function badNumber(min: number, max: number): fc.Arbitrary<unknown> {
  return fc.oneof(
    fc.integer({ min: Number.MIN_SAFE_INTEGER, max: min - 1 }),
    ...(max < Number.MAX_SAFE_INTEGER ? [fc.integer({ min: max + 1, max: Number.MAX_SAFE_INTEGER })] : []),
    fc.constantFrom(2 ** 53, 1e21, 1e300, Number.MAX_VALUE, -0.5, min + 0.5, -Number.MIN_VALUE),
    fc.double({ noInteger: true }),
    fc.constantFrom(String(min), `${max}`, ' 6', '6.0', '0x6'),
    wrongType,
  );
}

const badPhone = fc.oneof(
  fc.constantFrom(...UNICODE_DIGITS),
  fc.stringMatching(/^0[0-9]{7,14}$/), // local form
  fc.stringMatching(/^[1-9][0-9]{0,6}$/), // too short
  fc.stringMatching(/^[1-9][0-9]{15,30}$/), // too long
  fc.stringMatching(/^\+\+[1-9][0-9]{7,14}$/),
  fc.stringMatching(/^[1-9][0-9]{3,6}[A-Za-z#*,;/][0-9]{3,6}$/),
  // White space inside is a separator and dropped (so '234 810\n9477743' is valid); NUL is not.
  fc.constantFrom('', ' ', '+', '()', '\n', '2348109477743\u0000', '\u00002348109477743'),
  hugeString,
  wrongType,
  fc.integer({ min: 10_000_000, max: Number.MAX_SAFE_INTEGER }),
);

/** One key that `generate`/`verify` must reject, with any value. */
const extraKey = fc.oneof(
  fc.constantFrom(...POLLUTING_KEYS, ...WIRE_KEYS),
  fc
    .string({ minLength: 1, maxLength: 20 })
    .filter(
      (k) => !['phoneNumber', 'pinType', 'pinAttempts', 'pinTimeToLive', 'pinLength', 'pinId', 'pin'].includes(k),
    ),
  fc.constantFrom('x'.repeat(100_000), 'evil\nkey\u001b[31m'),
);

type Mutation =
  | { kind: 'set'; property: string; value: unknown }
  | { kind: 'delete'; property: string }
  | { kind: 'extra'; property: string; value: unknown };

const generateMutation: fc.Arbitrary<Mutation> = fc.oneof(
  badPhone.map((value) => ({ kind: 'set' as const, property: 'phoneNumber', value })),
  fc.constant({ kind: 'delete' as const, property: 'phoneNumber' }),
  fc
    .oneof(
      fc.string({ maxLength: 12 }).filter((s) => s !== 'NUMERIC' && s !== 'ALPHANUMERIC'),
      fc.constantFrom('numeric', 'NUMERIC ', ''),
      wrongType,
    )
    .map((value) => ({ kind: 'set' as const, property: 'pinType', value })),
  badNumber(1, Number.MAX_SAFE_INTEGER).map((value) => ({ kind: 'set' as const, property: 'pinAttempts', value })),
  badNumber(0, 60).map((value) => ({ kind: 'set' as const, property: 'pinTimeToLive', value })),
  badNumber(4, 8).map((value) => ({ kind: 'set' as const, property: 'pinLength', value })),
  fc
    .tuple(extraKey, fc.anything({ maxDepth: 1 }))
    .map(([property, value]) => ({ kind: 'extra' as const, property, value })),
);

const verifyMutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc
    .oneof(fc.constant(''), fc.string({ minLength: 129, maxLength: 300 }), hugeString, wrongType)
    .map((value) => ({ kind: 'set' as const, property: 'pinId', value })),
  fc.constantFrom('pinId', 'pin').map((property) => ({ kind: 'delete' as const, property })),
  fc
    .oneof(
      fc.stringMatching(/^[A-Za-z0-9]{0,3}$/),
      fc.stringMatching(/^[A-Za-z0-9]{9,20}$/),
      fc.stringMatching(/^[A-Za-z0-9]{2,4}[^A-Za-z0-9][A-Za-z0-9]{1,3}$/),
      fc.constantFrom('١٢٣٤', '１２３４', '12 34', '1234\n', ' 1234'),
      hugeString,
      fc.integer(),
      wrongType,
    )
    .map((value) => ({ kind: 'set' as const, property: 'pin', value })),
  fc
    .tuple(extraKey, fc.anything({ maxDepth: 1 }))
    .map(([property, value]) => ({ kind: 'extra' as const, property, value })),
);

// ---------- TokenService: valid inputs ----------

/** Every property some Token API input declares: an unknown key for an operation that does not declare it. */
const ALL_PROPERTIES = [
  'phoneNumber',
  'pinType',
  'pinAttempts',
  'pinTimeToLive',
  'pinLength',
  'pinId',
  'pin',
  'messageText',
  'pinPlaceholder',
  'senderId',
  'channel',
  'code',
  'emailAddress',
  'emailConfigurationId',
];
const TOKEN_WIRE_KEYS = [
  ...WIRE_KEYS,
  'to',
  'from',
  'message_type',
  'message_text',
  'pin_placeholder',
  'email_address',
];

/** One key an operation declaring `declared` must reject, with any value. */
function extraKeyFor(declared: readonly string[]): fc.Arbitrary<string> {
  const unknown = (k: string) => !declared.includes(k);
  return fc.oneof(
    fc.constantFrom(...POLLUTING_KEYS, ...TOKEN_WIRE_KEYS, ...ALL_PROPERTIES.filter(unknown)).filter(unknown),
    fc.string({ minLength: 1, maxLength: 20 }).filter((k) => !ALL_PROPERTIES.includes(k)),
    fc.constantFrom('x'.repeat(100_000), 'evil\nkey\u001b[31m'),
  );
}

const pinPolicy = {
  pinAttempts: optional(
    fc.oneof(fc.integer({ min: 1, max: 10 }), fc.integer({ min: 1, max: Number.MAX_SAFE_INTEGER })),
  ),
  pinTimeToLive: optional(fc.integer({ min: 0, max: 60 })),
  pinLength: optional(fc.integer({ min: 4, max: 8 })),
};
const senderId = fc.oneof(
  fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9 ._&'-]{1,9}[A-Za-z0-9]$/),
  fc.stringMatching(/^[0-9]{3,15}$/),
);
/** A placeholder Termii can find: 1 to 32 characters, not blank, no control characters. */
const placeholder = fc
  .string({ minLength: 1, maxLength: 32, unit: 'binary' })
  // At most 32 UTF-16 units (an astral character is two), not blank, no control characters.
  .filter((p) => p.length <= 32 && /\S/.test(p) && !/[\u0000-\u001f\u007f]/.test(p));

const validSend = fc.record({
  phone: phoneNumber,
  pinType: optional(fc.constantFrom(PinType.NUMERIC, PinType.ALPHANUMERIC)),
  ...pinPolicy,
  senderId: optional(senderId),
  channel: optional(fc.constantFrom(TokenChannel.DND, TokenChannel.GENERIC)),
  pinPlaceholder: optional(placeholder),
  before: fc.string({ maxLength: 200, unit: 'binary' }),
  after: fc.string({ maxLength: 200, unit: 'binary' }),
});
type ValidSend = typeof validSend extends fc.Arbitrary<infer T> ? T : never;

/** The value of an optional field as sent: the given one, else `fallback`. */
function given<T>(field: { present: false } | { present: true; value: T | undefined }, fallback: T): T {
  return field.present && field.value !== undefined ? field.value : fallback;
}

function sendInput(v: ValidSend): Record<string, unknown> {
  const placeholderInForce = given(v.pinPlaceholder, TOKEN_DEFAULTS.pinPlaceholder);
  const input: Record<string, unknown> = {
    phoneNumber: v.phone.written,
    messageText: v.before + placeholderInForce + v.after,
  };
  for (const key of [
    'pinType',
    'pinAttempts',
    'pinTimeToLive',
    'pinLength',
    'senderId',
    'channel',
    'pinPlaceholder',
  ] as const) {
    const field = v[key];
    if (field.present) input[key] = field.value;
  }
  return input;
}

/** The documented Send Token body: `pin_type` and `message_type` alike, the `token` defaults for what was left out. */
function expectedSendBody(v: ValidSend): string {
  const pinType = given(v.pinType, TOKEN_DEFAULTS.pinType);
  const placeholderInForce = given(v.pinPlaceholder, TOKEN_DEFAULTS.pinPlaceholder);
  return JSON.stringify({
    api_key: API_KEY,
    pin_type: pinType,
    message_type: pinType,
    to: v.phone.digits,
    from: given(v.senderId, TOKEN_DEFAULTS.senderId),
    channel: given(v.channel, TOKEN_DEFAULTS.channel),
    pin_attempts: given(v.pinAttempts, TOKEN_DEFAULTS.pinAttempts),
    pin_time_to_live: given(v.pinTimeToLive, TOKEN_DEFAULTS.pinTimeToLive),
    pin_length: given(v.pinLength, TOKEN_DEFAULTS.pinLength),
    pin_placeholder: placeholderInForce,
    message_text: v.before + placeholderInForce + v.after,
  });
}

const validSendVoice = fc.record({ phone: phoneNumber, ...pinPolicy });
type ValidSendVoice = typeof validSendVoice extends fc.Arbitrary<infer T> ? T : never;

function sendVoiceInput(v: ValidSendVoice): Record<string, unknown> {
  const input: Record<string, unknown> = { phoneNumber: v.phone.written };
  for (const key of ['pinAttempts', 'pinTimeToLive', 'pinLength'] as const) {
    const field = v[key];
    if (field.present) input[key] = field.value;
  }
  return input;
}

function expectedSendVoiceBody(v: ValidSendVoice): string {
  return JSON.stringify({
    api_key: API_KEY,
    phone_number: v.phone.digits,
    pin_attempts: given(v.pinAttempts, TOKEN_DEFAULTS.pinAttempts),
    pin_time_to_live: given(v.pinTimeToLive, TOKEN_DEFAULTS.pinTimeToLive),
    pin_length: given(v.pinLength, TOKEN_DEFAULTS.pinLength),
  });
}

const validCall = fc.record({ phone: phoneNumber, code: fc.stringMatching(/^[1-9][0-9]{3,7}$/) });

const emailAddress = fc.stringMatching(
  /^[A-Za-z0-9]([A-Za-z0-9_+-]{0,10}[A-Za-z0-9])?(\.[A-Za-z0-9]{1,8})?@[a-z0-9]([a-z0-9-]{0,10}[a-z0-9])?\.[a-z]{2,6}$/,
);
const validSendEmail = fc.record({
  emailAddress,
  code: fc.stringMatching(/^[A-Za-z0-9]{4,8}$/),
  emailConfigurationId: optional(fc.stringMatching(/^[\x21-\x7e]{1,128}$/)),
});
type ValidSendEmail = typeof validSendEmail extends fc.Arbitrary<infer T> ? T : never;

function sendEmailInput(v: ValidSendEmail): Record<string, unknown> {
  const input: Record<string, unknown> = { emailAddress: v.emailAddress, code: v.code };
  if (v.emailConfigurationId.present) input['emailConfigurationId'] = v.emailConfigurationId.value;
  return input;
}

function expectedSendEmailBody(v: ValidSendEmail): string {
  return JSON.stringify({
    api_key: API_KEY,
    email_address: v.emailAddress,
    code: v.code,
    email_configuration_id: given(v.emailConfigurationId, TOKEN_DEFAULTS.emailConfigurationId),
  });
}

// ---------- TokenService: invalid inputs ----------

const set = (property: string) => (value: unknown) => ({ kind: 'set' as const, property, value });
const badPinPolicy = [
  badNumber(1, Number.MAX_SAFE_INTEGER).map(set('pinAttempts')),
  badNumber(0, 60).map(set('pinTimeToLive')),
  badNumber(4, 8).map(set('pinLength')),
];
const badPinType = fc
  .oneof(
    fc.string({ maxLength: 12 }).filter((s) => s !== 'NUMERIC' && s !== 'ALPHANUMERIC'),
    fc.constantFrom('numeric', 'NUMERIC ', ''),
    wrongType,
  )
  .map(set('pinType'));
/** An alphanumeric PIN or code that breaks the 4–8 letters-or-digits rule. */
const badPinText = fc.oneof(
  fc.stringMatching(/^[A-Za-z0-9]{0,3}$/),
  fc.stringMatching(/^[A-Za-z0-9]{9,20}$/),
  fc.stringMatching(/^[A-Za-z0-9]{2,4}[^A-Za-z0-9][A-Za-z0-9]{1,3}$/),
  fc.constantFrom('١٢٣٤', '１２３４', '12 34', '1234\n', ' 1234'),
  hugeString,
  fc.integer(),
  wrongType,
);

const SEND_PROPERTIES = [
  'phoneNumber',
  'messageText',
  'pinType',
  'pinAttempts',
  'pinTimeToLive',
  'pinLength',
  'senderId',
  'channel',
  'pinPlaceholder',
];
const sendMutation: fc.Arbitrary<Mutation> = fc.oneof(
  badPhone.map(set('phoneNumber')),
  fc.constantFrom('phoneNumber', 'messageText').map((property) => ({ kind: 'delete' as const, property })),
  // White space only holds no placeholder; the rest breaks the text's own rules.
  fc
    .oneof(fc.constantFrom('', ' ', '\n\t '), fc.string({ minLength: 1_001, maxLength: 1_200 }), hugeString, wrongType)
    .map(set('messageText')),
  badPinType,
  ...badPinPolicy,
  fc
    .oneof(
      fc.stringMatching(/^[A-Za-z][A-Za-z0-9]{11,29}$/), // too long, and not all digits
      fc.stringMatching(/^[A-Za-z0-9]{0,2}$/),
      fc.stringMatching(/^[0-9]{16,30}$/),
      fc.constantFrom('   ', 'Ac\nme', 'Acme\u0000', 'Açme', 'Ac/me', '+2348109477743'),
      hugeString,
      wrongType,
    )
    .map(set('senderId')),
  fc
    .oneof(
      fc.string({ maxLength: 12 }).filter((s) => s !== 'dnd' && s !== 'generic'),
      fc.constantFrom('DND', 'Generic', 'WhatsApp', 'email'),
      wrongType,
    )
    .map(set('channel')),
  fc
    .oneof(
      fc.constantFrom('', ' ', '\t\n', '<\u0000>', 'a\nb'),
      fc.string({ minLength: 33, maxLength: 100 }),
      hugeString,
      wrongType,
    )
    .map(set('pinPlaceholder')),
  fc
    .tuple(extraKeyFor(SEND_PROPERTIES), fc.anything({ maxDepth: 1 }))
    .map(([property, value]) => ({ kind: 'extra' as const, property, value })),
);

const SEND_VOICE_PROPERTIES = ['phoneNumber', 'pinAttempts', 'pinTimeToLive', 'pinLength'];
const sendVoiceMutation: fc.Arbitrary<Mutation> = fc.oneof(
  badPhone.map(set('phoneNumber')),
  fc.constant({ kind: 'delete' as const, property: 'phoneNumber' }),
  ...badPinPolicy,
  fc
    .tuple(extraKeyFor(SEND_VOICE_PROPERTIES), fc.anything({ maxDepth: 1 }))
    .map(([property, value]) => ({ kind: 'extra' as const, property, value })),
);

const CALL_PROPERTIES = ['phoneNumber', 'code'];
const callMutation: fc.Arbitrary<Mutation> = fc.oneof(
  badPhone.map(set('phoneNumber')),
  fc.constantFrom('phoneNumber', 'code').map((property) => ({ kind: 'delete' as const, property })),
  fc
    .oneof(
      fc.stringMatching(/^0[0-9]{3,7}$/), // a leading zero would not survive a JSON number
      fc.stringMatching(/^[0-9]{0,3}$/),
      fc.stringMatching(/^[1-9][0-9]{8,20}$/),
      fc.stringMatching(/^[1-9][0-9]{1,3}[A-Za-z .+-][0-9]{1,3}$/),
      fc.constantFrom('١٢٣٤', '１２３４', '1234\n', ' 1234', '1e4', '12.5', '-1234', '0x1F'),
      fc.integer({ min: 1000, max: 99_999_999 }),
      hugeString,
      wrongType,
    )
    .map(set('code')),
  fc
    .tuple(extraKeyFor(CALL_PROPERTIES), fc.anything({ maxDepth: 1 }))
    .map(([property, value]) => ({ kind: 'extra' as const, property, value })),
);

const SEND_EMAIL_PROPERTIES = ['emailAddress', 'code', 'emailConfigurationId'];
const sendEmailMutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc
    .oneof(
      fc.string({ maxLength: 40 }).filter((s) => !s.includes('@')),
      fc.constantFrom(
        '',
        '@',
        'ada@',
        '@example.com',
        'ada @example.com',
        'ada@example',
        'ada@@example.com',
        'ada@example.com\n',
      ),
      hugeString.map((h) => `${h}@example.com`),
      wrongType,
    )
    .map(set('emailAddress')),
  fc.constantFrom('emailAddress', 'code').map((property) => ({ kind: 'delete' as const, property })),
  badPinText.map(set('code')),
  fc
    .oneof(
      fc.constantFrom('', ' ', 'cfg 1', 'cfg\n1', 'çfg', 'cfg\u0000'),
      fc.stringMatching(/^[A-Za-z0-9]{129,200}$/),
      hugeString,
      wrongType,
    )
    .map(set('emailConfigurationId')),
  fc
    .tuple(extraKeyFor(SEND_EMAIL_PROPERTIES), fc.anything({ maxDepth: 1 }))
    .map(([property, value]) => ({ kind: 'extra' as const, property, value })),
);

/** Applies a mutation to a valid input; own keys only, so that `__proto__` is a key and not the prototype. */
function mutate(input: Record<string, unknown>, mutation: Mutation): Record<string, unknown> {
  const out = { ...input };
  if (mutation.kind === 'delete') delete out[mutation.property];
  else
    Object.defineProperty(out, mutation.property, {
      value: mutation.value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  return out;
}

function polluted(): boolean {
  const probe = {} as Record<string, unknown>;
  return (
    Object.keys(Object.prototype).length > 0 ||
    probe['polluted'] !== undefined ||
    typeof probe['phoneNumber'] !== 'undefined'
  );
}

async function validationError(call: Promise<unknown>): Promise<TermiiValidationError | string> {
  try {
    const value = await call;
    return `resolved: ${JSON.stringify(value)}`;
  } catch (error) {
    return error instanceof TermiiValidationError ? error : `threw ${String(error)}`;
  }
}

describe('hostile input, property-based', () => {
  let app: INestApplicationContext;
  let service: InAppTokenService;
  let sent: Sent[];

  beforeAll(async () => {
    ({ app, service } = await createTermiiApp(OPTIONS));
    ({ sent } = recordRequests(app));
  });
  afterAll(async () => {
    await app.close();
  });

  it(`valid generate input always passes and sends exactly the documented body (${RUNS} runs)`, async () => {
    await fc.assert(
      fc.asyncProperty(validGenerate, async (v) => {
        sent.length = 0;
        const token = await service.generate(generateInput(v) as never);
        expect(sent).toEqual([
          { url: 'https://api.ng.termii.com/api/sms/otp/generate', body: expectedGenerateBody(v) },
        ]);
        expect(token.phoneNumber).toBe(v.phone.digits);
      }),
      PARAMS,
    );
  });

  it(`valid verify input always passes and sends exactly { api_key, pin_id, pin } (${RUNS} runs)`, async () => {
    await fc.assert(
      fc.asyncProperty(validVerify, async (v) => {
        sent.length = 0;
        const result = await service.verify(v);
        expect(sent).toEqual([
          {
            url: 'https://api.ng.termii.com/api/sms/otp/verify',
            body: JSON.stringify({ api_key: API_KEY, pin_id: v.pinId, pin: v.pin }),
          },
        ]);
        expect(result.status).toBe('verified');
      }),
      PARAMS,
    );
  });

  it(`invalid generate input always throws TermiiValidationError naming the property, and sends nothing (${RUNS} runs)`, async () => {
    await fc.assert(
      fc.asyncProperty(validGenerate, generateMutation, async (v, mutation) => {
        sent.length = 0;
        const error = await validationError(service.generate(mutate(generateInput(v), mutation) as never));
        expect(error).toBeInstanceOf(TermiiValidationError);
        const { issues } = error as TermiiValidationError;
        expect(issues.length).toBeGreaterThan(0);
        if (mutation.property.length <= 64 && !/[\u0000-\u001f]/.test(mutation.property)) {
          expect(issues.map((i) => i.property)).toContain(mutation.property);
        }
        expect(sent).toEqual([]);
        expect(polluted()).toBe(false);
      }),
      PARAMS,
    );
  });

  it(`invalid verify input always throws TermiiValidationError naming the property, and sends nothing (${RUNS} runs)`, async () => {
    await fc.assert(
      fc.asyncProperty(validVerify, verifyMutation, async (v, mutation) => {
        sent.length = 0;
        const error = await validationError(service.verify(mutate(v, mutation) as never));
        expect(error).toBeInstanceOf(TermiiValidationError);
        if (mutation.property.length <= 64 && !/[\u0000-\u001f]/.test(mutation.property)) {
          expect((error as TermiiValidationError).issues.map((i) => i.property)).toContain(mutation.property);
        }
        expect(sent).toEqual([]);
        expect(polluted()).toBe(false);
      }),
      PARAMS,
    );
  });

  it(`input that is not an object is refused, nothing sent (${RUNS} runs)`, async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.constant(null),
          fc.constant(undefined),
          fc.string(),
          fc.double(),
          fc.boolean(),
          fc.bigInt(),
          fc.array(fc.anything(), { maxLength: 3 }),
        ),
        fc.constantFrom('generate', 'verify'),
        async (input, operation) => {
          sent.length = 0;
          const error = await validationError(
            operation === 'generate' ? service.generate(input as never) : service.verify(input as never),
          );
          expect(error).toBeInstanceOf(TermiiValidationError);
          expect((error as TermiiValidationError).issues).toEqual([
            { property: 'input', messages: ['input must be an object'] },
          ]);
          expect(sent).toEqual([]);
        },
      ),
      PARAMS,
    );
  });

  it('an error for hostile keys stays short and on one line: names are shortened and control characters escaped', async () => {
    const huge = 'k'.repeat(1_000_000);
    const input = { phoneNumber: '2348109477743', [huge]: 1, 'evil\nkey\u001b[31m': 2 };
    const error = await validationError(service.generate(input));
    expect(error).toBeInstanceOf(TermiiValidationError);
    const { message, issues } = error as TermiiValidationError;
    expect(message.length).toBeLessThan(1_000);
    expect(message).not.toMatch(/[\u0000-\u001f]/);
    for (const issue of issues) {
      expect(issue.property.length).toBeLessThanOrEqual(64);
      expect(issue.property).not.toMatch(/[\u0000-\u001f]/);
      for (const text of issue.messages) expect(text.length).toBeLessThan(300);
    }
    expect(sent).toEqual([]);
  });

  it('a thousand unknown keys give a bounded message', async () => {
    const input: Record<string, unknown> = { phoneNumber: '2348109477743' };
    for (let i = 0; i < 1_000; i++) input[`extra${i}`] = i;
    const error = (await validationError(service.generate(input as never))) as TermiiValidationError;
    expect(error).toBeInstanceOf(TermiiValidationError);
    expect(error.issues).toHaveLength(1_000);
    expect(error.message.length).toBeLessThan(2_000);
  });
});

describe(`hostile input: a sample of ${WIRE_SAMPLE_RUNS} valid inputs checked on a real loopback server`, () => {
  let server: ScriptedServer;
  let app: INestApplicationContext;
  let service: InAppTokenService;

  beforeAll(async () => {
    server = await startScriptedServer((req, res) => {
      const body = req.json as Record<string, unknown>;
      if (req.path.endsWith('/generate'))
        reply(res, 200, {
          status: 'success',
          data: { pin_id: 'pin-1', otp: '123456', phone_number: body['phone_number'] },
        });
      else reply(res, 200, { pinId: body['pin_id'], verified: 'True' });
    });
    ({ app, service } = await createTermiiApp({ ...OPTIONS, baseUrl: server.url }));
  });
  afterAll(async () => {
    await app.close();
    await server.close();
  });

  it('generate: the bytes on the wire are the documented body, as JSON, once', async () => {
    await fc.assert(
      fc.asyncProperty(validGenerate, async (v) => {
        server.requests.length = 0;
        await service.generate(generateInput(v) as never);
        expect(server.requests).toHaveLength(1);
        const [request] = server.requests;
        expect(request).toMatchObject({ method: 'POST', path: '/api/sms/otp/generate', text: expectedGenerateBody(v) });
        expect(request.headers['content-type']).toMatch(/^application\/json/);
        // Integers travel as JSON integers, not strings, exponents or decimals.
        expect(request.text).toMatch(/"pin_attempts":\d+,"pin_time_to_live":\d+,"pin_length":\d+\}$/);
      }),
      { ...PARAMS, numRuns: WIRE_SAMPLE_RUNS },
    );
  });

  it('verify: the bytes on the wire are { api_key, pin_id, pin }, once', async () => {
    await fc.assert(
      fc.asyncProperty(validVerify, async (v) => {
        server.requests.length = 0;
        await service.verify(v);
        expect(server.requests).toHaveLength(1);
        expect(server.requests[0]).toMatchObject({
          method: 'POST',
          path: '/api/sms/otp/verify',
          text: JSON.stringify({ api_key: API_KEY, pin_id: v.pinId, pin: v.pin }),
        });
      }),
      { ...PARAMS, numRuns: WIRE_SAMPLE_RUNS },
    );
  });
});

/** One TokenService operation under test: its valid inputs, their wire body, and its mutations. */
interface TokenOperation<V> {
  name: 'send' | 'sendVoice' | 'call' | 'sendEmail';
  path: string;
  valid: fc.Arbitrary<V>;
  input: (v: V) => Record<string, unknown>;
  body: (v: V) => string;
  mutation: fc.Arbitrary<Mutation>;
}

const TOKEN_OPERATIONS = [
  {
    name: 'send',
    path: '/api/sms/otp/send',
    valid: validSend,
    input: sendInput,
    body: expectedSendBody,
    mutation: sendMutation,
  } satisfies TokenOperation<ValidSend>,
  {
    name: 'sendVoice',
    path: '/api/sms/otp/send/voice',
    valid: validSendVoice,
    input: sendVoiceInput,
    body: expectedSendVoiceBody,
    mutation: sendVoiceMutation,
  } satisfies TokenOperation<ValidSendVoice>,
  {
    name: 'call',
    path: '/api/sms/otp/call',
    valid: validCall,
    input: (v: { phone: { written: string }; code: string }) => ({ phoneNumber: v.phone.written, code: v.code }),
    // The code travels as a JSON number.
    body: (v: { phone: { digits: string }; code: string }) =>
      `{"api_key":"${API_KEY}","phone_number":"${v.phone.digits}","code":${v.code}}`,
    mutation: callMutation,
  },
  {
    name: 'sendEmail',
    path: '/api/email/otp/send',
    valid: validSendEmail,
    input: sendEmailInput,
    body: expectedSendEmailBody,
    mutation: sendEmailMutation,
  } satisfies TokenOperation<ValidSendEmail>,
] as TokenOperation<unknown>[];

function callToken(tokens: TokenService, name: TokenOperation<unknown>['name'], input: unknown): Promise<unknown> {
  return (tokens[name] as (input: unknown) => Promise<unknown>).call(tokens, input);
}

describe('hostile input, property-based: TokenService', () => {
  let app: INestApplicationContext;
  let tokens: TokenService;
  let sent: Sent[];

  beforeAll(async () => {
    ({ app, tokens } = await createTermiiApp(OPTIONS));
    ({ sent } = recordRequests(app));
  });
  afterAll(async () => {
    await app.close();
  });

  describe.each(TOKEN_OPERATIONS.map((operation) => [operation.name, operation] as const))('%s', (name, operation) => {
    it(`valid input always passes and sends exactly the documented body (${RUNS} runs)`, async () => {
      await fc.assert(
        fc.asyncProperty(operation.valid, async (v) => {
          sent.length = 0;
          await callToken(tokens, name, operation.input(v));
          expect(sent).toEqual([{ url: `https://api.ng.termii.com${operation.path}`, body: operation.body(v) }]);
        }),
        PARAMS,
      );
    });

    it(`invalid input always throws TermiiValidationError naming the property, and sends nothing (${RUNS} runs)`, async () => {
      await fc.assert(
        fc.asyncProperty(operation.valid, operation.mutation, async (v, mutation) => {
          sent.length = 0;
          const error = await validationError(callToken(tokens, name, mutate(operation.input(v), mutation)));
          expect(error).toBeInstanceOf(TermiiValidationError);
          const { issues } = error as TermiiValidationError;
          expect(issues.length).toBeGreaterThan(0);
          if (mutation.property.length <= 64 && !/[\u0000-\u001f]/.test(mutation.property)) {
            expect(issues.map((i) => i.property)).toContain(mutation.property);
          }
          expect(sent).toEqual([]);
          expect(polluted()).toBe(false);
        }),
        PARAMS,
      );
    });
  });

  it(`input that is not an object is refused by every operation, nothing sent (${RUNS} runs)`, async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.constant(null),
          fc.constant(undefined),
          fc.string(),
          fc.double(),
          fc.bigInt(),
          fc.array(fc.anything(), { maxLength: 3 }),
        ),
        fc.constantFrom('send', 'sendVoice', 'call', 'sendEmail', 'verify' as const),
        async (input, name) => {
          sent.length = 0;
          const error = await validationError(callToken(tokens, name as TokenOperation<unknown>['name'], input));
          expect(error).toBeInstanceOf(TermiiValidationError);
          expect((error as TermiiValidationError).issues).toEqual([
            { property: 'input', messages: ['input must be an object'] },
          ]);
          expect(sent).toEqual([]);
        },
      ),
      PARAMS,
    );
  });
});

describe(`hostile input: TokenService, a sample of ${WIRE_SAMPLE_RUNS} valid inputs per operation on a real loopback server`, () => {
  let server: ScriptedServer;
  let app: INestApplicationContext;
  let tokens: TokenService;

  beforeAll(async () => {
    server = await startScriptedServer((req, res) =>
      reply(res, 200, termiiAnswer(req.path, req.json as Record<string, unknown>)),
    );
    ({ app, tokens } = await createTermiiApp({ ...OPTIONS, baseUrl: server.url }));
  });
  afterAll(async () => {
    await app.close();
    await server.close();
  });

  it.each(TOKEN_OPERATIONS.map((operation) => [operation.name, operation] as const))(
    '%s: the bytes on the wire are the documented body, as JSON, once',
    async (name, operation) => {
      await fc.assert(
        fc.asyncProperty(operation.valid, async (v) => {
          server.requests.length = 0;
          await callToken(tokens, name, operation.input(v));
          expect(server.requests).toHaveLength(1);
          const [request] = server.requests;
          expect(request).toMatchObject({ method: 'POST', path: operation.path, text: operation.body(v) });
          expect(request.headers['content-type']).toMatch(/^application\/json/);
        }),
        { ...PARAMS, numRuns: WIRE_SAMPLE_RUNS },
      );
    },
  );
});

// ---------- MessagingService.send ----------

/** GSM 03.38 characters (basic set, a few of the extension table): a text of them travels as `plain`. */
const GSM7_TEXT = fc.stringMatching(
  /^[A-Za-z0-9 @£$¥èéùìòÇØøÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ!"#¤%&'()*+,./:;<=>?¡ÄÖÑÜ§¿äöñüà€^{}]{1,300}$/,
);
/** A text with a character GSM-7 cannot carry (an emoji, a Yoruba tone mark): it travels as `unicode`. */
const UNICODE_TEXT = fc
  .tuple(fc.string({ maxLength: 100 }), fc.constantFrom('🎉', 'ẹ', 'ọ́', '中', '’'))
  .map(([text, special]) => `${text}${special}`);

/** `to` as the caller writes it and as it must travel: one number as a string, several as an array. */
interface Recipients {
  written: string | string[];
  wire: string | string[];
}

const validMessage = fc.record({
  to: fc.oneof(
    phoneNumber.map((phone): Recipients => ({ written: phone.written, wire: phone.digits })),
    fc
      .uniqueArray(phoneNumber, { minLength: 1, maxLength: 5, selector: (phone) => phone.digits })
      .map((phones): Recipients => ({ written: phones.map((p) => p.written), wire: phones.map((p) => p.digits) })),
  ),
  text: fc.oneof(
    GSM7_TEXT.map((text) => ({ text, type: 'plain' })),
    UNICODE_TEXT.map((text) => ({ text, type: 'unicode' })),
  ),
  from: optional(fc.stringMatching(/^[A-Za-z][A-Za-z0-9]{2,10}$/)),
  channel: optional(fc.constantFrom(MessageChannel.DND, MessageChannel.GENERIC)),
});
type ValidMessage = typeof validMessage extends fc.Arbitrary<infer T> ? T : never;

function messageInput(v: ValidMessage): Record<string, unknown> {
  const input: Record<string, unknown> = { to: v.to.written, text: v.text.text };
  if (v.from.present) input['from'] = v.from.value;
  if (v.channel.present) input['channel'] = v.channel.value;
  return input;
}

/** `{ api_key, to, from, sms, type, channel }`: one number as a string, several as an array; the type from the text. */
function expectedMessageBody(v: ValidMessage): string {
  const from = v.from.present && v.from.value !== undefined ? v.from.value : MESSAGING_DEFAULTS.senderId;
  const channel = v.channel.present && v.channel.value !== undefined ? v.channel.value : MESSAGING_DEFAULTS.channel;
  return JSON.stringify({ api_key: API_KEY, to: v.to.wire, from, sms: v.text.text, type: v.text.type, channel });
}

const MESSAGE_PROPERTIES = ['to', 'text', 'from', 'channel', 'type', 'media'];
const messageMutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc
    .oneof(
      badPhone,
      fc.constant([]),
      fc.array(badPhone, { minLength: 1, maxLength: 3 }),
      fc.constant(Array.from({ length: 101 }, (_, i) => `2348${String(i).padStart(9, '0')}`)),
      fc.constant(['2348109477743', '+234 810 947 7743']),
    )
    .map((value) => ({ kind: 'set' as const, property: 'to', value })),
  fc.constant({ kind: 'delete' as const, property: 'to' }),
  fc.constant({ kind: 'delete' as const, property: 'text' }),
  fc
    .oneof(fc.constant(''), fc.constant('x'.repeat(1_601)), hugeString, wrongType)
    .map((value) => ({ kind: 'set' as const, property: 'text', value })),
  fc
    .oneof(fc.constantFrom('AB', 'ABCDEFGHIJKL', '   ', 'Ac\nme', ''), wrongType)
    .map((value) => ({ kind: 'set' as const, property: 'from', value })),
  fc
    .oneof(fc.constantFrom('sms', 'DND', 'WhatsApp', ''), wrongType)
    .map((value) => ({ kind: 'set' as const, property: 'channel', value })),
  fc
    .oneof(fc.constantFrom('voice', 'encrypted', 'PLAIN', ''), wrongType)
    .map((value) => ({ kind: 'set' as const, property: 'type', value })),
  // Media on the SMS route, or not media at all.
  fc
    .oneof(
      fc.constant({ url: 'https://cdn.example.com/a.png' }),
      fc.constant({ url: 'http://x.example/a.png' }),
      wrongType,
    )
    .map((value) => ({ kind: 'set' as const, property: 'media', value })),
  fc
    .tuple(
      fc.oneof(
        fc.constantFrom(...POLLUTING_KEYS, 'sms', 'api_key', 'phoneNumber'),
        fc.string({ minLength: 1, maxLength: 20 }).filter((k) => !MESSAGE_PROPERTIES.includes(k)),
      ),
      fc.anything({ maxDepth: 1 }),
    )
    .map(([property, value]) => ({ kind: 'extra' as const, property, value })),
);

describe('hostile input, property-based: MessagingService.send', () => {
  let app: INestApplicationContext;
  let messaging: MessagingService;
  let sent: Sent[];

  beforeAll(async () => {
    ({ app } = await createTermiiApp(OPTIONS));
    messaging = app.get(MessagingService);
    ({ sent } = recordRequests(app));
  });
  afterAll(async () => {
    await app.close();
  });

  it(`valid input always passes and sends exactly { api_key, to, from, sms, type, channel } (${RUNS} runs)`, async () => {
    await fc.assert(
      fc.asyncProperty(validMessage, async (v) => {
        sent.length = 0;
        await messaging.send(messageInput(v) as never);
        expect(sent).toEqual([{ url: 'https://api.ng.termii.com/api/sms/send', body: expectedMessageBody(v) }]);
      }),
      PARAMS,
    );
  });

  it(`invalid input always throws TermiiValidationError naming the property, and sends nothing (${RUNS} runs)`, async () => {
    await fc.assert(
      fc.asyncProperty(validMessage, messageMutation, async (v, mutation) => {
        sent.length = 0;
        const error = await validationError(messaging.send(mutate(messageInput(v), mutation) as never));
        expect(error).toBeInstanceOf(TermiiValidationError);
        const { issues } = error as TermiiValidationError;
        expect(issues.length).toBeGreaterThan(0);
        if (mutation.property.length <= 64 && !/[\u0000-\u001f]/.test(mutation.property)) {
          expect(issues.map((i) => i.property)).toContain(mutation.property);
        }
        expect(sent).toEqual([]);
        expect(polluted()).toBe(false);
      }),
      PARAMS,
    );
  });
});

// ---------- InsightsService: the reads ----------

/** A documented answer for each Insights path, so that a valid call resolves. */
const INSIGHTS_ANSWERS: Readonly<Record<string, unknown>> = {
  '/api/check/dnd': { number: '2348109477743', status: 'DND blacklisted' },
  '/api/insight/number/query': { result: [{ routeDetail: { number: '2348109477743', ported: 0 } }] },
  '/api/sms/inbox': [],
};

/** Records each GET the module's axios instance would send (its URL and whether it had a body), answering as Termii does. */
function recordReads(app: INestApplicationContext): { sent: { url: string; data: unknown; headers: unknown }[] } {
  const sent: { url: string; data: unknown; headers: unknown }[] = [];
  const axios = app.get(HttpService, { strict: false }).axiosRef;
  axios.defaults.adapter = async (config: InternalAxiosRequestConfig): Promise<AxiosResponse> => {
    sent.push({ url: String(config.url), data: config.data, headers: config.headers });
    const answer = INSIGHTS_ANSWERS[new URL(String(config.url)).pathname];
    return { status: 200, statusText: 'OK', headers: {}, config, data: JSON.stringify(answer) };
  };
  return { sent };
}

const READ_URL = 'https://api.ng.termii.com';
const KEY_QUERY = `api_key=${encodeURIComponent(API_KEY)}`;
/** An ISO 3166-1 alpha-2 code as people type it: any case, maybe padded. */
const countryCode = fc
  .tuple(fc.stringMatching(/^[A-Za-z]{2}$/), fc.constantFrom('', ' '), fc.constantFrom('', ' '))
  .map(([code, before, after]) => ({ code: code.toUpperCase(), written: `${before}${code}${after}` }));
const badCountryCode = fc.oneof(
  fc.string({ maxLength: 6 }).filter((s) => !/^\s*[A-Za-z]{2}\s*$/.test(s)),
  fc.constantFrom('234', 'NGA', 'N', 'N1', 'ÑG', 'ＮＧ'),
  hugeString,
  wrongType,
);
const messageId = fc.stringMatching(/^[0-9]{1,40}$/);
const badMessageId = fc.oneof(
  fc.string({ maxLength: 30 }).filter((s) => !/^[0-9]{1,128}$/.test(s)),
  fc.constantFrom('', ' 1', '1 ', '-1', '1e3', '١٢٣٤', 'undefined', '1'.repeat(129)),
  fc.integer(),
  hugeString,
  wrongType,
);

describe('hostile input, property-based: InsightsService', () => {
  let app: INestApplicationContext;
  let insights: InsightsService;
  let sent: { url: string; data: unknown; headers: unknown }[];

  beforeAll(async () => {
    ({ app } = await createTermiiApp(OPTIONS));
    insights = app.get(InsightsService);
    ({ sent } = recordReads(app));
  });
  afterAll(async () => {
    await app.close();
  });

  /** The one request sent: a GET of exactly `url`, without a body or a `Content-Type`. */
  function expectOneGet(url: string): void {
    expect(sent.map((request) => [request.url, request.data])).toEqual([[url, undefined]]);
    expect(Object.keys(sent[0].headers as object).map((name) => name.toLowerCase())).not.toContain('content-type');
  }

  it(`valid searchNumber and getNumberStatus input send exactly the documented query, once (${RUNS} runs)`, async () => {
    await fc.assert(
      fc.asyncProperty(phoneNumber, countryCode, async (phone, country) => {
        sent.length = 0;
        await insights.searchNumber(phone.written);
        expectOneGet(`${READ_URL}/api/check/dnd?${KEY_QUERY}&phone_number=${phone.digits}`);
        sent.length = 0;
        await insights.getNumberStatus({ phoneNumber: phone.written, countryCode: country.written });
        expectOneGet(
          `${READ_URL}/api/insight/number/query?${KEY_QUERY}&phone_number=${phone.digits}&country_code=${country.code}`,
        );
      }),
      PARAMS,
    );
  });

  it(`valid getHistory input sends message_id only when given, never "undefined" (${RUNS} runs)`, async () => {
    await fc.assert(
      fc.asyncProperty(optional(messageId), async (id) => {
        sent.length = 0;
        await insights.getHistory(id.present ? { messageId: id.value } : {});
        const filter = id.present && id.value !== undefined ? `&message_id=${id.value}` : '';
        expectOneGet(`${READ_URL}/api/sms/inbox?${KEY_QUERY}${filter}`);
      }),
      PARAMS,
    );
  });

  it(`invalid input to any read throws TermiiValidationError naming the field, and sends nothing (${RUNS} runs)`, async () => {
    const cases = fc.oneof(
      badPhone.map((value) => ({ field: 'phoneNumber', call: () => insights.searchNumber(value as string) })),
      fc.tuple(badPhone, countryCode).map(([value, country]) => ({
        field: 'phoneNumber',
        call: () => insights.getNumberStatus({ phoneNumber: value as string, countryCode: country.written }),
      })),
      fc.tuple(phoneNumber, badCountryCode).map(([phone, value]) => ({
        field: 'countryCode',
        call: () => insights.getNumberStatus({ phoneNumber: phone.written, countryCode: value as string }),
      })),
      badMessageId.map((value) => ({
        field: 'messageId',
        call: () => insights.getHistory({ messageId: value as string }),
      })),
      fc.tuple(extraKeyFor(['phoneNumber', 'countryCode']), fc.anything({ maxDepth: 1 })).map(([key, value]) => ({
        field: key,
        call: () =>
          insights.getNumberStatus(
            mutate(
              { phoneNumber: '2348109477743', countryCode: 'NG' },
              { kind: 'extra', property: key, value },
            ) as never,
          ),
      })),
      fc.tuple(extraKeyFor(['messageId']), fc.anything({ maxDepth: 1 })).map(([key, value]) => ({
        field: key,
        call: () => insights.getHistory(mutate({}, { kind: 'extra', property: key, value })),
      })),
    );
    await fc.assert(
      fc.asyncProperty(cases, async ({ field, call }) => {
        sent.length = 0;
        const error = await validationError(call());
        expect(error).toBeInstanceOf(TermiiValidationError);
        const { issues } = error as TermiiValidationError;
        if (field.length <= 64 && !/[\u0000-\u001f]/.test(field)) {
          expect(issues.map((issue) => issue.property)).toContain(field);
        }
        expect(sent).toEqual([]);
        expect(polluted()).toBe(false);
      }),
      PARAMS,
    );
  });
});
