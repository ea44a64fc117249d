import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import {
  MAX_MESSAGE_TEXT_LENGTH,
  MessagingService,
  TermiiConfigError,
  TermiiModule,
  TermiiValidationError,
} from '../../lib/index.js';
import { startScriptedServer, type ScriptedServer } from '../support/scripted-server.js';

const PHONE = '2348109477743';
const OTHER = '2348012345678';
const MEDIA = { url: 'https://cdn.example.com/a.png' };

async function validationErrorOf(call: () => Promise<unknown>): Promise<TermiiValidationError> {
  const error = await call().then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TermiiValidationError);
  expect((error as TermiiValidationError).mayHaveReachedTermii).toBe(false);
  return error as TermiiValidationError;
}

const properties = (error: TermiiValidationError) => error.issues.map((i) => i.property).sort();
const numbers = (count: number) => Array.from({ length: count }, (_, i) => `23481${String(i).padStart(8, '0')}`);

type Case = [name: string, input: unknown, properties: string[], message?: RegExp];
/** Every row with 4 cells: a row of 3 would hand `it.each` a `done` callback as the 4th argument. */
const rows = (cases: Case[]) =>
  cases.map(([name, input, expected, message]) => [name, input, expected, message ?? null] as const);

const sendCases: Case[] = [
  // `text`'s rule needs `media` too: checked once every field on its own is right.
  ['no fields', {}, ['to']],
  ['no text and no media', { to: PHONE }, ['text'], /text is required \(unless media is given\)/],
  ['an empty text', { to: PHONE, text: '' }, ['text'], /text must not be empty/],
  ['a numeric text', { to: PHONE, text: 42 }, ['text'], /text must be a string/],
  [
    `a text of ${MAX_MESSAGE_TEXT_LENGTH + 1} characters`,
    { to: PHONE, text: 'x'.repeat(MAX_MESSAGE_TEXT_LENGTH + 1) },
    ['text'],
    /at most 1600 characters/,
  ],
  ['a local number', { to: '08109477743', text: 'Hi' }, ['to'], /without the leading 0/],
  ['a number as a JSON number', { to: 2348109477743, text: 'Hi' }, ['to'], /a phone number or an array/],
  ['an empty array', { to: [], text: 'Hi' }, ['to'], /at least 1 phone number/],
  ['101 numbers', { to: numbers(101), text: 'Hi' }, ['to'], /at most 100 phone numbers \(it holds 101\)/],
  ['a bad number in the array', { to: [PHONE, '12'], text: 'Hi' }, ['to'], /to\[1\] must be an international/],
  [
    'the same number twice, written two ways',
    { to: [PHONE, OTHER, '+234 810 947 7743'], text: 'Hi' },
    ['to'],
    /to\[2\] repeats to\[0\]/,
  ],
  ['a 12-character sender ID', { to: PHONE, text: 'Hi', from: 'ABCDEFGHIJKL' }, ['from'], /from must be a sender ID/],
  ['channel sms', { to: PHONE, text: 'Hi', channel: 'sms' }, ['channel'], /dnd, generic, whatsapp, voice/],
  ['type encrypted (not offered)', { to: PHONE, text: 'Hi', type: 'encrypted' }, ['type']],
  ['type voice (chosen by the channel)', { to: PHONE, text: 'Hi', type: 'voice' }, ['type']],
  ['media on the SMS route', { to: PHONE, media: MEDIA }, ['media'], /only with channel 'whatsapp'/],
  [
    'media and text both',
    { to: PHONE, channel: 'whatsapp', text: 'Hi', media: MEDIA },
    ['text'],
    /left out with media/,
  ],
  [
    'an http: media URL',
    { to: PHONE, channel: 'whatsapp', media: { url: 'http://cdn.example.com/a.png' } },
    ['media'],
    /media.url must be an https: URL/,
  ],
  ['media that is a string', { to: PHONE, channel: 'whatsapp', media: 'https://x.example' }, ['media']],
  [
    'media with another key',
    { to: PHONE, channel: 'whatsapp', media: { ...MEDIA, type: 'image' } },
    ['media'],
    /only url and caption/,
  ],
  [
    'a numeric caption',
    { to: PHONE, channel: 'whatsapp', media: { ...MEDIA, caption: 7 } },
    ['media'],
    /media.caption must be a string/,
  ],
  ['a WhatsApp device name that is blank', { to: PHONE, channel: 'whatsapp', text: 'Hi', from: '   ' }, ['from']],
  ['an unknown property', { to: PHONE, text: 'Hi', sms: 'Hi' }, ['sms'], /should not exist/],
];

const bulkCases: Case[] = [
  ['a single number (not an array)', { to: PHONE, text: 'Hi' }, ['to'], /must be an array of 1 to 10000/],
  ['10 001 numbers', { to: numbers(10_001), text: 'Hi' }, ['to'], /at most 10000/],
  ['a duplicate', { to: [PHONE, PHONE], text: 'Hi' }, ['to'], /repeats/],
  ['channel whatsapp', { to: [PHONE], text: 'Hi', channel: 'whatsapp' }, ['channel'], /dnd, generic/],
  ['channel voice', { to: [PHONE], text: 'Hi', channel: 'voice' }, ['channel']],
  ['media (not taken)', { to: [PHONE], text: 'Hi', media: MEDIA }, ['media'], /should not exist/],
  ['no text', { to: [PHONE] }, ['text']],
];

const fromNumberCases: Case[] = [
  ['no text', { to: PHONE }, ['text']],
  ['an array of numbers', { to: [PHONE], text: 'Hi' }, ['to']],
  ['a from (no sender ID here)', { to: PHONE, text: 'Hi', from: 'Acme' }, ['from']],
];

const templateCases: Case[] = [
  ['no fields', {}, ['data', 'deviceId', 'phoneNumber', 'templateId']],
  ['data an array', { phoneNumber: PHONE, deviceId: 'd', templateId: 't', data: ['a'] }, ['data']],
  [
    'a variable that is an object',
    { phoneNumber: PHONE, deviceId: 'd', templateId: 't', data: { a: { b: 1 } } },
    ['data'],
    /strings of at most 1024 characters or finite numbers/,
  ],
  ['a blank device id', { phoneNumber: PHONE, deviceId: ' ', templateId: 't', data: {} }, ['deviceId']],
  [
    'media with an http: URL',
    { phoneNumber: PHONE, deviceId: 'd', templateId: 't', data: {}, media: { url: 'http://x.example/a.png' } },
    ['media'],
  ],
];

describe('MessagingService input validation: a TermiiValidationError naming each bad field, and no request', () => {
  let server: ScriptedServer;
  let app: INestApplicationContext;
  let messaging: MessagingService;

  beforeAll(async () => {
    server = await startScriptedServer();
    const moduleRef = await Test.createTestingModule({
      imports: [TermiiModule.forRoot({ apiKey: 'TLmessagingValidation', baseUrl: server.url })],
    }).compile();
    app = await moduleRef.init();
    messaging = app.get(MessagingService);
  });
  afterAll(async () => {
    expect(server.requests).toEqual([]);
    await app.close();
    await server.close();
  });

  const check = async (call: () => Promise<unknown>, expected: readonly string[], message: RegExp | null) => {
    const error = await validationErrorOf(call);
    expect(properties(error)).toEqual([...expected].sort());
    if (message) expect(error.message).toMatch(message);
    expect(server.requests).toHaveLength(0);
  };

  it.each(rows(sendCases))('send: %s', async (_name, input, expected, message) => {
    // Every send case names a sender ID unless it tests one: the module here has no default.
    const withFrom = { from: 'Acme', ...(input as object) };
    await check(() => messaging.send(withFrom as never), expected, message);
  });

  it.each(rows(bulkCases))('sendBulk: %s', async (_name, input, expected, message) => {
    await check(() => messaging.sendBulk({ from: 'Acme', ...(input as object) } as never), expected, message);
  });

  it.each(rows(fromNumberCases))('sendFromNumber: %s', async (_name, input, expected, message) => {
    await check(() => messaging.sendFromNumber(input as never), expected, message);
  });

  it.each(rows(templateCases))('sendTemplate: %s', async (_name, input, expected, message) => {
    await check(() => messaging.sendTemplate(input as never), expected, message);
  });

  it('send and sendBulk without a sender ID, in the call or the options, name from and the option', async () => {
    const sendError = await validationErrorOf(() => messaging.send({ to: PHONE, text: 'Hi' }));
    expect(sendError.issues).toEqual([
      { property: 'from', messages: [expect.stringContaining('messaging.senderId') as unknown as string] },
    ]);
    const bulkError = await validationErrorOf(() => messaging.sendBulk({ to: [PHONE], text: 'Hi' }));
    expect(properties(bulkError)).toEqual(['from']);
    expect(server.requests).toHaveLength(0);
  });

  it('input that is not an object', async () => {
    for (const input of [null, 'hello', [PHONE]]) {
      const error = await validationErrorOf(() => messaging.send(input as never));
      expect(properties(error)).toEqual(['input']);
    }
  });
});

describe('the messaging option', () => {
  const resolve = async (messaging: unknown) => {
    const moduleRef = await Test.createTestingModule({
      imports: [TermiiModule.forRoot({ apiKey: 'k', messaging: messaging as never })],
    }).compile();
    await moduleRef.close();
  };

  it.each([
    ['an unknown field', { from: 'Acme' }, 'messaging.from'],
    ['a bad sender ID', { senderId: 'A' }, 'messaging.senderId'],
    ['channel whatsapp (a module default is an SMS route)', { channel: 'whatsapp' }, 'messaging.channel'],
    ['bulkBatchSize 0', { bulkBatchSize: 0 }, 'messaging.bulkBatchSize'],
    ['bulkBatchSize 10 001', { bulkBatchSize: 10_001 }, 'messaging.bulkBatchSize'],
    ['bulkBatchSize 1.5', { bulkBatchSize: 1.5 }, 'messaging.bulkBatchSize'],
    ['not an object', 'dnd', 'messaging'],
  ])('refuses %s at start-up, naming the field', async (_name, messaging, field) => {
    const error = await resolve(messaging).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TermiiConfigError);
    expect(error).toMatchObject({ field, mayHaveReachedTermii: false });
  });

  it('accepts every field in range', async () => {
    await expect(resolve({ senderId: 'Acme', channel: 'generic', bulkBatchSize: 10_000 })).resolves.toBeUndefined();
  });
});
