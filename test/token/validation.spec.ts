import 'reflect-metadata';
import type { INestApplicationContext } from '@nestjs/common';
import { TermiiValidationError, type TokenService } from '../../lib/index.js';
import { startScriptedServer, type ScriptedServer } from '../support/scripted-server.js';
import { createTermiiApp } from '../support/termii-app.js';

const PHONE = '2348109477743';
const TEXT = 'Your code is < 1234 >';

async function validationErrorOf(call: Promise<unknown>): Promise<TermiiValidationError> {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TermiiValidationError);
  return error as TermiiValidationError;
}

const properties = (error: TermiiValidationError) => error.issues.map((i) => i.property).sort();

describe('TokenService input validation: a clear error naming every bad property, and no request', () => {
  let server: ScriptedServer;
  let app: INestApplicationContext;
  let tokens: TokenService;

  beforeAll(async () => {
    server = await startScriptedServer();
    ({ app, tokens } = await createTermiiApp({
      apiKey: 'TLtokenValidationKey',
      baseUrl: server.url,
      token: { senderId: 'Acme', emailConfigurationId: 'cfg-1' },
    }));
  });
  afterAll(async () => {
    await app.close();
    await server.close();
  });

  type Case = [string, unknown, string[]];

  const sendCases: Case[] = [
    ['no fields', {}, ['phoneNumber', 'messageText']],
    ['no messageText', { phoneNumber: PHONE }, ['messageText']],
    ['an empty messageText', { phoneNumber: PHONE, messageText: '' }, ['messageText']],
    ['a numeric messageText', { phoneNumber: PHONE, messageText: 1234 }, ['messageText']],
    [
      'a messageText of 1 001 characters',
      { phoneNumber: PHONE, messageText: `< 1234 >${'x'.repeat(993)}` },
      ['messageText'],
    ],
    [
      'a messageText without the default placeholder',
      { phoneNumber: PHONE, messageText: 'Your code is 1234' },
      ['messageText'],
    ],
    [
      'a messageText without the call’s placeholder',
      { phoneNumber: PHONE, messageText: TEXT, pinPlaceholder: '{{pin}}' },
      ['messageText'],
    ],
    ['a local phone number', { phoneNumber: '08109477743', messageText: TEXT }, ['phoneNumber']],
    ['a numeric phone number', { phoneNumber: 2348109477743, messageText: TEXT }, ['phoneNumber']],
    ['a 12-character senderId', { phoneNumber: PHONE, messageText: TEXT, senderId: 'ABCDEFGHIJKL' }, ['senderId']],
    ['a 2-character senderId', { phoneNumber: PHONE, messageText: TEXT, senderId: 'AB' }, ['senderId']],
    ['a blank senderId', { phoneNumber: PHONE, messageText: TEXT, senderId: '    ' }, ['senderId']],
    ['a senderId with a line break', { phoneNumber: PHONE, messageText: TEXT, senderId: 'Ac\nme' }, ['senderId']],
    ['a numeric senderId', { phoneNumber: PHONE, messageText: TEXT, senderId: 12345 }, ['senderId']],
    ['channel sms', { phoneNumber: PHONE, messageText: TEXT, channel: 'sms' }, ['channel']],
    [
      'channel DND (Termii’s values are lower case)',
      { phoneNumber: PHONE, messageText: TEXT, channel: 'DND' },
      ['channel'],
    ],
    [
      'channel WhatsApp (moved to another endpoint)',
      { phoneNumber: PHONE, messageText: TEXT, channel: 'WhatsApp' },
      ['channel'],
    ],
    ['pinType unknown', { phoneNumber: PHONE, messageText: TEXT, pinType: 'HEX' }, ['pinType']],
    ['pinAttempts 0', { phoneNumber: PHONE, messageText: TEXT, pinAttempts: 0 }, ['pinAttempts']],
    ['pinAttempts as a string', { phoneNumber: PHONE, messageText: TEXT, pinAttempts: '3' }, ['pinAttempts']],
    ['pinTimeToLive 61', { phoneNumber: PHONE, messageText: TEXT, pinTimeToLive: 61 }, ['pinTimeToLive']],
    ['pinLength 9', { phoneNumber: PHONE, messageText: TEXT, pinLength: 9 }, ['pinLength']],
    ['pinLength 3.5', { phoneNumber: PHONE, messageText: TEXT, pinLength: 3.5 }, ['pinLength']],
    ['an empty pinPlaceholder', { phoneNumber: PHONE, messageText: TEXT, pinPlaceholder: '' }, ['pinPlaceholder']],
    ['a blank pinPlaceholder', { phoneNumber: PHONE, messageText: TEXT, pinPlaceholder: '   ' }, ['pinPlaceholder']],
    [
      'a 33-character pinPlaceholder',
      { phoneNumber: PHONE, messageText: TEXT, pinPlaceholder: 'x'.repeat(33) },
      ['pinPlaceholder'],
    ],
    ['the wire name from', { phoneNumber: PHONE, messageText: TEXT, from: 'Acme' }, ['from']],
    [
      'the wire name message_type',
      { phoneNumber: PHONE, messageText: TEXT, message_type: 'NUMERIC' },
      ['message_type'],
    ],
    ['the wire name to instead of phoneNumber', { to: PHONE, messageText: TEXT }, ['to', 'phoneNumber']],
    [
      'a __proto__ key',
      JSON.parse(`{"phoneNumber":"${PHONE}","messageText":"${TEXT}","__proto__":{"polluted":true}}`),
      ['__proto__'],
    ],
    [
      'several problems at once',
      { phoneNumber: '0810', messageText: TEXT, channel: 'x', pinLength: 2 },
      ['phoneNumber', 'channel', 'pinLength'],
    ],
    ['null', null, ['input']],
  ];

  const sendVoiceCases: Case[] = [
    ['no phoneNumber', {}, ['phoneNumber']],
    ['a short phone number', { phoneNumber: '2341234' }, ['phoneNumber']],
    ['pinType (voice PINs are numeric: Termii takes none)', { phoneNumber: PHONE, pinType: 'NUMERIC' }, ['pinType']],
    ['messageText (not a voice field)', { phoneNumber: PHONE, messageText: TEXT }, ['messageText']],
    ['pinAttempts 0', { phoneNumber: PHONE, pinAttempts: 0 }, ['pinAttempts']],
    ['pinTimeToLive -1', { phoneNumber: PHONE, pinTimeToLive: -1 }, ['pinTimeToLive']],
    ['pinLength 3', { phoneNumber: PHONE, pinLength: 3 }, ['pinLength']],
    ['pinLength NaN', { phoneNumber: PHONE, pinLength: NaN }, ['pinLength']],
    ['the wire name phone_number', { phone_number: PHONE }, ['phone_number', 'phoneNumber']],
    ['a string', PHONE, ['input']],
  ];

  const callCases: Case[] = [
    ['no fields', {}, ['phoneNumber', 'code']],
    ['no code', { phoneNumber: PHONE }, ['code']],
    ['a 3-digit code', { phoneNumber: PHONE, code: '123' }, ['code']],
    ['a 9-digit code', { phoneNumber: PHONE, code: '123456789' }, ['code']],
    ['a code with a letter', { phoneNumber: PHONE, code: '12a4' }, ['code']],
    ['a code with a space', { phoneNumber: PHONE, code: ' 1234' }, ['code']],
    ['a numeric code', { phoneNumber: PHONE, code: 1234 }, ['code']],
    ['a code with a leading zero', { phoneNumber: PHONE, code: '0123' }, ['code']],
    ['Unicode digits', { phoneNumber: PHONE, code: '١٢٣٤' }, ['code']],
    ['a local phone number', { phoneNumber: '08109477743', code: '1234' }, ['phoneNumber']],
    ['pinId (Voice Call codes have none)', { phoneNumber: PHONE, code: '1234', pinId: 'x' }, ['pinId']],
  ];

  const sendEmailCases: Case[] = [
    ['no fields', {}, ['emailAddress', 'code']],
    ['not an email address', { emailAddress: 'ada.example.com', code: '1234' }, ['emailAddress']],
    ['an email address with a space', { emailAddress: 'ada @example.com', code: '1234' }, ['emailAddress']],
    ['a 255-character address', { emailAddress: `${'a'.repeat(243)}@example.com`, code: '1234' }, ['emailAddress']],
    ['a numeric code', { emailAddress: 'ada@example.com', code: 1234 }, ['code']],
    ['a 3-character code', { emailAddress: 'ada@example.com', code: 'a12' }, ['code']],
    ['a code with a dash', { emailAddress: 'ada@example.com', code: '12-34' }, ['code']],
    [
      'an empty emailConfigurationId',
      { emailAddress: 'ada@example.com', code: '1234', emailConfigurationId: '' },
      ['emailConfigurationId'],
    ],
    [
      'an emailConfigurationId with a space',
      { emailAddress: 'ada@example.com', code: '1234', emailConfigurationId: 'cfg 1' },
      ['emailConfigurationId'],
    ],
    [
      'the wire name email_address',
      { email_address: 'ada@example.com', code: '1234' },
      ['email_address', 'emailAddress'],
    ],
    [
      'phoneNumber (not an email field)',
      { emailAddress: 'ada@example.com', code: '1234', phoneNumber: PHONE },
      ['phoneNumber'],
    ],
  ];

  const verifyCases: Case[] = [
    ['no fields', {}, ['pinId', 'pin']],
    ['a 9-character pin', { pinId: 'p', pin: '123456789' }, ['pin']],
    ['an unknown property', { pinId: 'p', pin: '1234', code: '1234' }, ['code']],
  ];

  const table: [string, keyof TokenService, Case[]][] = [
    ['send', 'send', sendCases],
    ['sendVoice', 'sendVoice', sendVoiceCases],
    ['call', 'call', callCases],
    ['sendEmail', 'sendEmail', sendEmailCases],
    ['verify', 'verify', verifyCases],
  ];
  const rows = table.flatMap(([name, method, cases]) =>
    cases.map(([caseName, input, expected]) => [name, caseName, method, input, expected] as const),
  );

  it.each(rows)('%s with %s', async (_name, _case, method, input, expected) => {
    const before = server.requests.length;
    const error = await validationErrorOf((tokens[method] as (input: unknown) => Promise<unknown>).call(tokens, input));
    expect(properties(error)).toEqual([...expected].sort());
    for (const issue of error.issues) expect(issue.messages.length).toBeGreaterThan(0);
    expect(error.message).toContain(expected[0]);
    expect(server.requests).toHaveLength(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('a Voice Call code with a leading zero is refused with the reason: it travels as a JSON number', async () => {
    const error = await validationErrorOf(tokens.call({ phoneNumber: PHONE, code: '012345' }));
    expect(error.issues).toEqual([
      { property: 'code', messages: [expect.stringMatching(/must not start with 0: .*JSON number.*leading zero/)] },
    ]);
  });

  it('a messageText without the placeholder names the placeholder in force', async () => {
    const error = await validationErrorOf(
      tokens.send({ phoneNumber: PHONE, messageText: 'Code: 1234', pinPlaceholder: '[[code]]' }),
    );
    expect(error.issues).toEqual([{ property: 'messageText', messages: [expect.stringContaining('"[[code]]"')] }]);
  });

  it('valid input passes: the control for the tables above', async () => {
    const before = server.requests.length;
    await tokens.send({ phoneNumber: '+234 810-947 7743', messageText: TEXT, senderId: 'N-Alert', pinLength: 4 });
    await tokens.send({ phoneNumber: PHONE, messageText: TEXT, senderId: '2348109477743' });
    await tokens.sendVoice({ phoneNumber: PHONE, pinTimeToLive: 60, pinAttempts: 1 });
    await tokens.call({ phoneNumber: PHONE, code: '10000000' });
    await tokens.sendEmail({ emailAddress: 'ada+otp@example.co.uk', code: 'aB3d5F7h' });
    await tokens.verify({ pinId: 'p', pin: 'aB12' });
    expect(server.requests).toHaveLength(before + 6);
  });
});

describe('TokenService without the token defaults: what only a call or the module option can give', () => {
  let server: ScriptedServer;
  let app: INestApplicationContext;
  let tokens: TokenService;

  beforeAll(async () => {
    server = await startScriptedServer();
    ({ app, tokens } = await createTermiiApp({ apiKey: 'TLtokenNoDefaultsKey', baseUrl: server.url }));
  });
  afterAll(async () => {
    await app.close();
    await server.close();
  });

  it('send with no sender ID in the call nor in token is refused, naming senderId; nothing is sent', async () => {
    const error = await validationErrorOf(tokens.send({ phoneNumber: PHONE, messageText: TEXT }));
    expect(error.issues).toEqual([{ property: 'senderId', messages: [expect.stringContaining('token.senderId')] }]);
    expect(server.requests).toHaveLength(0);
  });

  it('no sender ID and no placeholder in the text: both named at once', async () => {
    const error = await validationErrorOf(tokens.send({ phoneNumber: PHONE, messageText: 'Code 1234' }));
    expect(properties(error)).toEqual(['messageText', 'senderId']);
    expect(server.requests).toHaveLength(0);
  });

  it('sendEmail with no email configuration in the call nor in token is refused, naming emailConfigurationId', async () => {
    const error = await validationErrorOf(tokens.sendEmail({ emailAddress: 'ada@example.com', code: '1234' }));
    expect(error.issues).toEqual([
      { property: 'emailConfigurationId', messages: [expect.stringContaining('token.emailConfigurationId')] },
    ]);
    expect(server.requests).toHaveLength(0);
  });

  it('the control: both go out once the call names them', async () => {
    await tokens.send({ phoneNumber: PHONE, messageText: TEXT, senderId: 'Acme' });
    await tokens.sendEmail({ emailAddress: 'ada@example.com', code: '1234', emailConfigurationId: 'cfg-1' });
    expect(server.requests.map((r) => r.path)).toEqual(['/api/sms/otp/send', '/api/email/otp/send']);
  });
});
