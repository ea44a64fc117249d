/**
 * The rest of Termii's Token API (Send, Voice, Call, Email) and the balance endpoint, case by case on both
 * faces: the sandbox over HTTP and the testing kit's in-memory adapter must give the same answers, the same
 * outbox and the same balance.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { TermiiFaults } from '../../lib/emulator/index.js';
import { inMemoryFace, sandboxFace, type Observation, type TermiiFace } from './termii-faces.js';

const KEY = 'contract-key-9c1d';
const PHONE = '2348109477743';
const EMAIL = 'ada@example.com';
const SEND = '/api/sms/otp/send';
const SEND_VOICE = '/api/sms/otp/send/voice';
const CALL = '/api/sms/otp/call';
const SEND_EMAIL = '/api/email/otp/send';
const VERIFY = '/api/sms/otp/verify';
const GENERATE = '/api/sms/otp/generate';
const BALANCE = `/api/get-balance?api_key=${KEY}`;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const MESSAGE_ID = /^[1-9]\d{18}$/;
/** The defaults documented for the wallet. */
const START_BALANCE = 1000;

const sendBody = (overrides: Record<string, unknown> = {}) => ({
  api_key: KEY,
  message_type: 'NUMERIC',
  to: PHONE,
  from: 'Acme',
  channel: 'dnd',
  pin_attempts: 3,
  pin_time_to_live: 5,
  pin_length: 6,
  pin_placeholder: '< 1234 >',
  message_text: 'Your Acme code is < 1234 >. It expires in 5 minutes.',
  ...overrides,
});
const voiceBody = (overrides: Record<string, unknown> = {}) => ({
  api_key: KEY,
  phone_number: PHONE,
  pin_attempts: 3,
  pin_time_to_live: 5,
  pin_length: 6,
  ...overrides,
});
const callBody = (overrides: Record<string, unknown> = {}) => ({
  api_key: KEY,
  phone_number: PHONE,
  code: 48213,
  ...overrides,
});
const emailBody = (overrides: Record<string, unknown> = {}) => ({
  api_key: KEY,
  email_address: EMAIL,
  code: 'A7K2Q9',
  email_configuration_id: '0a53c416-ef51-4a1b-9f36-1a1e5c1d2b3c',
  ...overrides,
});

const verify = (face: TermiiFace, pinId: string, pin: string) =>
  face.send('POST', VERIFY, { api_key: KEY, pin_id: pinId, pin });

/** A PIN of the same length that is surely not `otp`. */
const wrong = (otp: string) => otp.replace(/./g, (c) => (c === '1' ? '2' : '1'));

const pinIdOf = (observation: Observation) => (observation.body as { pinId: string }).pinId;
const messageIdOf = (observation: Observation) => (observation.body as { message_id: string }).message_id;

/** Random parts (ids, PINs) replaced by their kind, so that the two faces' answers compare equal. */
function stable(value: unknown): unknown {
  return JSON.parse(
    JSON.stringify(value)
      .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '<uuid>')
      .replace(/"(message_id|messageId)":"\d+"/g, '"$1":"<id>"')
      .replace(/"(otp|code)":"[A-Z0-9]+"/g, '"$1":"<code>"')
      .replace(/is [A-Z0-9]{4,8}\./g, 'is <code>.'),
  );
}

interface ContractCase {
  name: string;
  /** Runs on a face freshly reset (no PINs, empty outbox, start balance). */
  run(face: TermiiFace): Promise<Observation[]>;
  expected: (observations: Observation[], face: TermiiFace) => void;
}

const cases: ContractCase[] = [
  {
    name: "send (message_type only, as Termii's samples) answers the documented body and texts the PIN in place of the placeholder",
    run: async (face) => [await face.send('POST', SEND, sendBody())],
    expected: ([sent], face) => {
      expect(sent).toEqual({
        status: 200,
        body: { pinId: expect.stringMatching(UUID), to: PHONE, smsStatus: 'Message Sent' },
      });
      const message = face.handle.lastMessage(`+${PHONE}`)!;
      expect(message).toEqual({
        channel: 'sms',
        recipient: PHONE,
        code: expect.stringMatching(/^\d{6}$/),
        pinId: pinIdOf(sent),
        messageId: expect.stringMatching(MESSAGE_ID),
        text: `Your Acme code is ${message.code}. It expires in 5 minutes.`,
        from: 'Acme',
        smsChannel: 'dnd',
        pages: 1,
        status: 'Message Sent',
        cost: 3.9,
        sentAt: expect.any(Number),
      });
      expect(face.handle.lastOtp(PHONE)).toBe(message.code);
      expect(face.handle.balance).toBe(START_BALANCE - 3.9);
    },
  },
  {
    name: 'send takes pin_type alone, or both when they agree; both disagreeing, or neither, is a 400',
    run: async (face) => {
      const { message_type: _dropped, ...withoutMessageType } = sendBody();
      return [
        await face.send('POST', SEND, { ...withoutMessageType, pin_type: 'ALPHANUMERIC', pin_length: 8 }),
        await face.send('POST', SEND, sendBody({ pin_type: 'NUMERIC', channel: 'generic' })),
        await face.send('POST', SEND, sendBody({ pin_type: 'ALPHANUMERIC' })),
        await face.send('POST', SEND, withoutMessageType),
      ];
    },
    expected: ([pinTypeOnly, both, disagreeing, neither], face) => {
      expect(pinTypeOnly.status).toBe(200);
      expect(both.status).toBe(200);
      const [alphanumeric, generic] = face.handle.messages;
      expect(alphanumeric.code).toMatch(/^[A-Z0-9]{8}$/);
      expect(generic).toMatchObject({ smsChannel: 'generic', code: expect.stringMatching(/^\d{6}$/) });
      expect(disagreeing).toEqual({ status: 400, body: { message: 'pin_type and message_type must be the same' } });
      expect(neither).toEqual({ status: 400, body: { message: 'pin_type (or message_type) is required' } });
      expect(face.handle.messages).toHaveLength(2);
    },
  },
  {
    name: 'an SMS PIN verifies through the same verify: once, then "Expired"; wrong PINs spend attempts',
    run: async (face) => {
      const first = pinIdOf(await face.send('POST', SEND, sendBody()));
      const firstOtp = face.handle.lastOtp(PHONE)!;
      const second = pinIdOf(await face.send('POST', SEND, sendBody({ pin_attempts: 1 })));
      const secondOtp = face.handle.lastOtp(PHONE)!;
      return [
        await verify(face, first, firstOtp),
        await verify(face, first, firstOtp),
        await verify(face, second, wrong(secondOtp)),
        await verify(face, second, secondOtp),
      ];
    },
    expected: ([right, again, wrongPin, afterLastAttempt]) => {
      expect(right).toEqual({
        status: 200,
        body: { pinId: expect.stringMatching(UUID), verified: 'True', msisdn: PHONE },
      });
      expect(again).toMatchObject({ status: 400, body: { verified: 'Expired' } });
      expect(wrongPin).toMatchObject({ status: 200, body: { verified: false } });
      expect(afterLastAttempt).toMatchObject({ status: 400, body: { verified: 'Expired' } });
    },
  },
  {
    name: 'an SMS PIN lives for its time to live, like an In-App one',
    run: async (face) => {
      const pinId = pinIdOf(await face.send('POST', SEND, sendBody({ pin_time_to_live: 1 })));
      const otp = face.handle.lastOtp(PHONE)!;
      face.advanceClock(60_000);
      return [await verify(face, pinId, otp)];
    },
    expected: ([late]) => expect(late).toMatchObject({ status: 400, body: { verified: 'Expired' } }),
  },
  {
    name: 'sendVoice answers the documented body, delivers a numeric PIN by voice, and that PIN verifies once',
    run: async (face) => {
      const sent = await face.send('POST', SEND_VOICE, voiceBody({ pin_length: 4 }));
      const otp = face.handle.lastOtp(PHONE)!;
      return [sent, await verify(face, pinIdOf(sent), wrong(otp)), await verify(face, pinIdOf(sent), otp)];
    },
    expected: ([sent, wrongPin, right], face) => {
      expect(sent).toEqual({
        status: 200,
        body: {
          code: 'ok',
          message_id: expect.stringMatching(MESSAGE_ID),
          pinId: expect.stringMatching(UUID),
          message: 'Successfully Sent',
          balance: START_BALANCE - 5,
          user: 'Termii Sandbox',
        },
      });
      expect(face.handle.lastMessage(PHONE)).toMatchObject({
        channel: 'voice',
        code: expect.stringMatching(/^\d{4}$/),
        pinId: pinIdOf(sent),
        messageId: messageIdOf(sent),
        cost: 5,
      });
      expect(face.handle.pins.at(-1)).toMatchObject({ channel: 'voice', pinType: 'NUMERIC', pinLength: 4 });
      expect(wrongPin).toMatchObject({ status: 200, body: { verified: false } });
      expect(right).toMatchObject({ status: 200, body: { verified: 'True' } });
    },
  },
  {
    name: "call reads the caller's code (a number, or a string of digits) and its message id is unknown to verify",
    run: async (face) => {
      const called = await face.send('POST', CALL, callBody());
      const asString = await face.send('POST', CALL, callBody({ code: '90210' }));
      return [called, asString, await verify(face, messageIdOf(called), '48213')];
    },
    expected: ([called, asString, verified], face) => {
      expect(called).toEqual({
        status: 200,
        body: {
          code: 'ok',
          message_id: expect.stringMatching(MESSAGE_ID),
          message: 'Successfully Sent',
          balance: START_BALANCE - 5,
          user: 'Termii Sandbox',
        },
      });
      expect(asString).toMatchObject({ status: 200, body: { balance: START_BALANCE - 10 } });
      expect(face.handle.messages.map((m) => [m.channel, m.code, m.pinId])).toEqual([
        ['voice-call', '48213', undefined],
        ['voice-call', '90210', undefined],
      ]);
      expect(verified.status).toBe(422);
      expect(face.handle.pins).toHaveLength(0);
    },
  },
  {
    name: "sendEmail emails the caller's code, answers the documented body, and its message id is unknown to verify",
    run: async (face) => {
      const sent = await face.send('POST', SEND_EMAIL, emailBody());
      return [sent, await verify(face, messageIdOf(sent), 'A7K2Q9')];
    },
    expected: ([sent, verified], face) => {
      expect(sent).toEqual({
        status: 200,
        body: {
          code: 'ok',
          message_id: expect.stringMatching(MESSAGE_ID),
          message: 'Successfully Sent',
          balance: START_BALANCE - 1,
          user: 'Termii Sandbox',
        },
      });
      expect(face.handle.lastMessage('ADA@Example.com')).toMatchObject({
        channel: 'email',
        recipient: EMAIL,
        code: 'A7K2Q9',
        emailConfigurationId: '0a53c416-ef51-4a1b-9f36-1a1e5c1d2b3c',
        messageId: messageIdOf(sent),
        cost: 1,
      });
      expect(verified.status).toBe(422);
    },
  },
  {
    name: 'the balance endpoint answers the wallet with the key from the query string, after every send',
    run: async (face) => {
      const before = await face.send('GET', BALANCE);
      await face.send('POST', SEND, sendBody());
      await face.send('POST', SEND_VOICE, voiceBody());
      await face.send('POST', CALL, callBody());
      await face.send('POST', SEND_EMAIL, emailBody());
      await face.send('POST', GENERATE, { ...voiceBody(), pin_type: 'NUMERIC' });
      return [before, await face.send('GET', BALANCE)];
    },
    expected: ([before, after]) => {
      expect(before).toEqual({ status: 200, body: { user: 'Termii Sandbox', balance: 1000, currency: 'NGN' } });
      // 3.9 + 5 + 5 + 1; In-App generate is free.
      expect(after).toEqual({ status: 200, body: { user: 'Termii Sandbox', balance: 985.1, currency: 'NGN' } });
    },
  },
  {
    name: 'the balance endpoint: 401 without a key it accepts, 405 to a POST, an empty 200 to a GET that declares JSON',
    run: async (face) => [
      await face.send('GET', '/api/get-balance'),
      await face.send('GET', '/api/get-balance?api_key=someone-else'),
      await face.send('GET', '/api/get-balance', undefined, {}),
      await face.send('POST', BALANCE, { api_key: KEY }),
      await face.send('GET', BALANCE, undefined, { 'content-type': 'application/json' }),
    ],
    expected: ([none, other, stillNone, post, declaresJson]) => {
      for (const answer of [none, other, stillNone]) {
        expect(answer).toEqual({ status: 401, body: { message: 'Unauthorized' } });
      }
      expect(post.status).toBe(405);
      expect(declaresJson).toEqual({ status: 200, body: undefined });
    },
  },
  {
    name: 'when the balance cannot pay, every send answers 400 "Insufficient balance", delivers nothing and issues no PIN',
    run: async (face) => {
      face.handle.setBalance(4.99);
      const answers = [
        await face.send('POST', SEND_VOICE, voiceBody()),
        await face.send('POST', CALL, callBody()),
        await face.send('POST', SEND, sendBody()),
      ];
      face.handle.setBalance(3.8);
      answers.push(await face.send('POST', SEND, sendBody()));
      face.handle.setBalance(0.5);
      answers.push(await face.send('POST', SEND_EMAIL, emailBody()));
      answers.push(await face.send('POST', GENERATE, { ...voiceBody(), pin_type: 'NUMERIC' }));
      return answers;
    },
    expected: (answers, face) => {
      expect(answers.slice(0, 2)).toEqual([
        { status: 400, body: { message: 'Insufficient balance' } },
        { status: 400, body: { message: 'Insufficient balance' } },
      ]);
      // 4.99 pays an SMS at 3.9, not a second one.
      expect(answers[2].status).toBe(200);
      expect(answers[3]).toEqual({ status: 400, body: { message: 'Insufficient balance' } });
      expect(answers[4]).toEqual({ status: 400, body: { message: 'Insufficient balance' } });
      expect(answers[5].status).toBe(200);
      expect(face.handle.messages.map((m) => m.channel)).toEqual(['sms']);
      expect(face.handle.pins.map((p) => p.channel)).toEqual(['sms', 'in-app']);
      expect(face.handle.balance).toBe(0.5);
    },
  },
  {
    name: 'TermiiFaults.insufficientBalance() gives the same answer, to the named operation only',
    run: async (face) => {
      face.handle.fail(TermiiFaults.insufficientBalance(), { operation: 'sendVoice' });
      return [await face.send('POST', SEND, sendBody()), await face.send('POST', SEND_VOICE, voiceBody())];
    },
    expected: ([sent, refused], face) => {
      expect(sent.status).toBe(200);
      expect(refused).toEqual({ status: 400, body: { message: 'Insufficient balance' } });
      expect(face.handle.messages).toHaveLength(1);
    },
  },
  {
    name: 'faults apply to the balance endpoint as to any operation',
    run: async (face) => {
      face.handle.fail(TermiiFaults.status(503, { message: 'Service temporarily unavailable' }), {
        operation: 'getBalance',
      });
      return [await face.send('GET', BALANCE), await face.send('GET', BALANCE)];
    },
    expected: ([faulted, normal]) => {
      expect(faulted).toEqual({ status: 503, body: { message: 'Service temporarily unavailable' } });
      expect(normal.status).toBe(200);
    },
  },
  {
    name: 'a request the rules refuse answers 400 { message } naming the field, and delivers nothing',
    run: async (face) => {
      const requests: [string, Record<string, unknown>][] = [
        [SEND, sendBody({ message_type: 'NUMBERS' })],
        [SEND, sendBody({ to: '08109477743' })],
        [SEND, sendBody({ from: undefined })],
        [SEND, sendBody({ from: '   ' })],
        [SEND, sendBody({ channel: 'WhatsApp' })],
        [SEND, sendBody({ channel: undefined })],
        [SEND, sendBody({ pin_attempts: 0 })],
        [SEND, sendBody({ pin_time_to_live: 61 })],
        [SEND, sendBody({ pin_length: 9 })],
        [SEND, sendBody({ pin_placeholder: undefined })],
        [SEND, sendBody({ message_text: 'Your code is 1234' })],
        [SEND_VOICE, voiceBody({ phone_number: '+2348109477743' })],
        [SEND_VOICE, voiceBody({ pin_attempts: undefined })],
        [SEND_VOICE, voiceBody({ pin_time_to_live: -1 })],
        [SEND_VOICE, voiceBody({ pin_length: 3 })],
        [CALL, callBody({ phone_number: undefined })],
        [CALL, callBody({ code: undefined })],
        [CALL, callBody({ code: 123 })],
        [CALL, callBody({ code: 123456789 })],
        [CALL, callBody({ code: '0123' })],
        [CALL, callBody({ code: 'ABCD' })],
        [CALL, callBody({ code: 1234.5 })],
        [SEND_EMAIL, emailBody({ email_address: 'not-an-address' })],
        [SEND_EMAIL, emailBody({ email_address: undefined })],
        [SEND_EMAIL, emailBody({ code: 'ab' })],
        [SEND_EMAIL, emailBody({ code: 'A7K2-Q9' })],
        [SEND_EMAIL, emailBody({ email_configuration_id: undefined })],
      ];
      const answers: Observation[] = [];
      for (const [path, body] of requests) answers.push(await face.send('POST', path, body));
      answers.push(await face.send('POST', SEND, '{ not json'));
      return answers;
    },
    expected: (answers, face) => {
      const fields = [
        'message_type',
        'to',
        'from',
        'from',
        'channel',
        'channel',
        'pin_attempts',
        'pin_time_to_live',
        'pin_length',
        'pin_placeholder',
        'message_text must contain pin_placeholder',
        'phone_number',
        'pin_attempts',
        'pin_time_to_live',
        'pin_length',
        'phone_number',
        'code',
        'code',
        'code',
        'code',
        'code',
        'code',
        'email_address',
        'email_address',
        'code',
        'code',
        'email_configuration_id',
        'JSON',
      ];
      expect(answers).toHaveLength(fields.length);
      answers.forEach((answer, i) => {
        expect(answer.status).toBe(400);
        expect((answer.body as { message: string }).message).toContain(fields[i]);
      });
      expect((answers[19].body as { message: string }).message).toContain('leading zero');
      expect(face.handle.messages).toHaveLength(0);
      expect(face.handle.balance).toBe(START_BALANCE);
    },
  },
  {
    name: 'integers written as digit strings are accepted, as for In-App',
    run: async (face) => [
      await face.send('POST', SEND, sendBody({ pin_attempts: '3', pin_time_to_live: '1', pin_length: '5' })),
      await face.send('POST', SEND_VOICE, voiceBody({ pin_attempts: '2', pin_time_to_live: '0', pin_length: '7' })),
    ],
    expected: ([sent, voice], face) => {
      expect([sent.status, voice.status]).toEqual([200, 200]);
      expect(face.handle.messages.map((m) => m.code?.length)).toEqual([5, 7]);
    },
  },
  {
    name: 'a key the server does not accept answers 401 on every new endpoint, before the fields are read',
    run: async (face) => [
      await face.send('POST', SEND, { ...sendBody(), api_key: 'nope' }),
      await face.send('POST', SEND_VOICE, { api_key: 'nope' }),
      await face.send('POST', CALL, { ...callBody(), api_key: '' }),
      await face.send('POST', SEND_EMAIL, { ...emailBody(), api_key: undefined }),
    ],
    expected: (answers, face) => {
      for (const answer of answers) expect(answer).toEqual({ status: 401, body: { message: 'Unauthorized' } });
      expect(face.handle.messages).toHaveLength(0);
    },
  },
  {
    name: 'each new endpoint takes POST only (405), and a path beside them is unknown (404)',
    run: async (face) => [
      await face.send('GET', SEND),
      await face.send('GET', SEND_VOICE),
      await face.send('PUT', CALL, callBody()),
      await face.send('GET', SEND_EMAIL),
      await face.send('POST', '/api/sms/otp/send/sms', sendBody()),
    ],
    expected: (answers) => {
      expect(answers.map((a) => a.status)).toEqual([405, 405, 405, 405, 404]);
    },
  },
];

describe("Termii's Token API and balance: the sandbox and the testing module answer alike", () => {
  let faces: TermiiFace[];

  beforeAll(async () => {
    // A clock that only moves when a case moves it, so that time to live is exact on both faces.
    const clock = () => Date.UTC(2026, 0, 1);
    faces = [await sandboxFace({ apiKeys: [KEY], clock }), inMemoryFace({ apiKeys: [KEY], clock })];
  });

  afterAll(async () => {
    await Promise.all(faces.map((face) => face.close()));
  });

  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, contractCase) => {
    const observed: Observation[][] = [];
    for (const face of faces) {
      face.handle.reset();
      observed.push(await contractCase.run(face));
      contractCase.expected(observed.at(-1)!, face);
    }
    expect(stable(observed[0])).toEqual(stable(observed[1]));
    expect(stable(faces[0].handle.messages)).toEqual(stable(faces[1].handle.messages));
    expect(faces[0].handle.balance).toBe(faces[1].handle.balance);
  });
});
