import { afterEach, describe, expect, it, jest } from '@jest/globals';
import {
  TermiiEmulator,
  TermiiFaults,
  type TermiiEmulatorReply,
  type TermiiOutboxMessage,
} from '../../lib/emulator/index.js';

const PHONE = '2348109477743';
const KEY = 'emulator-key';

function post(path: string, body: Record<string, unknown>, apiKey = KEY) {
  return { method: 'POST', path, body: JSON.stringify({ api_key: apiKey, ...body }) };
}
const generate = (overrides: Record<string, unknown> = {}) =>
  post('/api/sms/otp/generate', {
    pin_type: 'NUMERIC',
    phone_number: PHONE,
    pin_attempts: 3,
    pin_time_to_live: 5,
    pin_length: 6,
    ...overrides,
  });
const send = (overrides: Record<string, unknown> = {}, apiKey = KEY) =>
  post(
    '/api/sms/otp/send',
    {
      pin_type: 'NUMERIC',
      message_type: 'NUMERIC',
      to: PHONE,
      from: 'Acme',
      channel: 'dnd',
      pin_attempts: 3,
      pin_time_to_live: 5,
      pin_length: 6,
      pin_placeholder: '< 1234 >',
      message_text: '< 1234 > is your code. Again: < 1234 >',
      ...overrides,
    },
    apiKey,
  );
const sendVoice = (overrides: Record<string, unknown> = {}) =>
  post('/api/sms/otp/send/voice', {
    phone_number: PHONE,
    pin_attempts: 3,
    pin_time_to_live: 5,
    pin_length: 6,
    ...overrides,
  });
const call = (code: unknown = 4821, phone = PHONE) => post('/api/sms/otp/call', { phone_number: phone, code });
const sendEmail = (email = 'ada@example.com') =>
  post('/api/email/otp/send', { email_address: email, code: '4821', email_configuration_id: 'conf-1' });
const balance = (apiKey = KEY) => ({ method: 'GET', path: `/api/get-balance?api_key=${apiKey}`, body: '' });

function responseOf(reply: TermiiEmulatorReply): { status: number; body: Record<string, unknown> } {
  if (reply.action !== 'respond') throw new Error(`expected an answer, got ${reply.action}`);
  return { status: reply.response.status, body: JSON.parse(reply.response.body) as Record<string, unknown> };
}

describe('TermiiEmulator outbox', () => {
  it('records each delivery with the SMS text (every placeholder replaced), the code, ids, sender and clock time', () => {
    const emulator = new TermiiEmulator({ clock: () => 42_000 });
    const sent = responseOf(emulator.handle(send()));
    const [message] = emulator.messages;
    expect(message).toEqual({
      channel: 'sms',
      recipient: PHONE,
      code: expect.stringMatching(/^\d{6}$/),
      pinId: sent.body['pinId'],
      messageId: expect.stringMatching(/^[1-9]\d{18}$/),
      text: `${message.code} is your code. Again: ${message.code}`,
      from: 'Acme',
      smsChannel: 'dnd',
      pages: 1,
      status: 'Message Sent',
      cost: 3.9,
      sentAt: 42_000,
    });
    expect(emulator.issuedPins).toEqual([
      expect.objectContaining({ pinId: sent.body['pinId'], otp: message.code, channel: 'sms', pinType: 'NUMERIC' }),
    ]);
  });

  it('lastOtp is the latest PIN across In-App, SMS and voice; call and email codes are not PINs', () => {
    const emulator = new TermiiEmulator();
    const inApp = responseOf(emulator.handle(generate())).body['data'] as { otp: string };
    expect(emulator.lastPinFor(PHONE)?.otp).toBe(inApp.otp);
    emulator.handle(send());
    expect(emulator.lastPinFor(`+${PHONE}`)).toMatchObject({ channel: 'sms', otp: emulator.messages[0].code });
    emulator.handle(sendVoice());
    expect(emulator.lastPinFor(PHONE)).toMatchObject({ channel: 'voice', otp: emulator.messages[1].code });
    emulator.handle(call(98765));
    expect(emulator.lastPinFor(PHONE)?.channel).toBe('voice');
    emulator.handle(generate());
    expect(emulator.lastPinFor(PHONE)?.channel).toBe('in-app');
    expect(emulator.pinsFor(PHONE).map((pin) => pin.channel)).toEqual(['in-app', 'sms', 'voice', 'in-app']);
  });

  it('finds messages by phone number in any format and by email address in any case', () => {
    const emulator = new TermiiEmulator();
    emulator.handle(call(1111));
    emulator.handle(call(2222, '2348000000001'));
    emulator.handle(sendEmail('Ada@Example.com'));
    emulator.handle(call(3333));
    expect(emulator.messagesFor('+234 810 947 7743').map((m) => m.code)).toEqual(['1111', '3333']);
    expect(emulator.lastMessageFor('ada@example.COM')).toMatchObject({
      channel: 'email',
      recipient: 'Ada@Example.com',
    });
    expect(emulator.lastMessageFor('2340000000000')).toBeUndefined();
  });

  it('keeps the last historyLimit messages, and hands out copies', () => {
    const emulator = new TermiiEmulator({ historyLimit: 3, balance: 1_000_000 });
    for (let i = 0; i < 50; i++) emulator.handle(call(1000 + i));
    expect(emulator.messages.map((m) => m.code)).toEqual(['1047', '1048', '1049']);
    emulator.messages[0].code = 'tampered';
    expect(emulator.messages[0].code).toBe('1047');
  });

  it('delivers nothing when a fault replaces the answer; a delay fault still delivers', () => {
    const emulator = new TermiiEmulator();
    emulator.fail(TermiiFaults.html(502));
    emulator.fail(TermiiFaults.drop());
    emulator.fail(TermiiFaults.delay(50));
    expect(emulator.handle(send())).toMatchObject({ action: 'respond', response: { status: 502 } });
    expect(emulator.handle(send()).action).toBe('drop');
    expect(emulator.handle(send())).toMatchObject({ action: 'respond', delayMs: 50, response: { status: 200 } });
    expect(emulator.messages).toHaveLength(1);
    expect(emulator.balance).toBe(996.1);
  });

  it('never records the key: not in bodies, not in the balance path', () => {
    const canary = 'CANARY-KEY-e4f1a0';
    const emulator = new TermiiEmulator();
    emulator.handle(send({ message_text: `< 1234 > ${canary}` }, canary));
    emulator.handle(balance(canary));
    emulator.handle(balance(encodeURIComponent(`${canary}/+&`)));
    expect(emulator.requests.map((r) => r.path)).toEqual([
      '/api/sms/otp/send',
      '/api/get-balance?api_key=[REDACTED]',
      '/api/get-balance?api_key=[REDACTED]',
    ]);
    expect(emulator.requests.map((r) => r.status)).toEqual([200, 200, 200]);
    expect(emulator.requests.map((r) => r.operation)).toEqual(['send', 'getBalance', 'getBalance']);
    expect(JSON.stringify(emulator.requests)).not.toContain(canary);
    // The SMS text is what the user would read; the key it quoted is the test's own doing, not the emulator's.
    expect(emulator.messages[0].text).toContain(canary);
  });

  it('reads the balance key only from a literal api_key parameter, so that every key it reads is masked', () => {
    const emulator = new TermiiEmulator();
    const escaped = { method: 'GET', path: '/api/get-balance?api%5Fkey=escaped-secret', body: '' };
    expect(responseOf(emulator.handle(escaped)).status).toBe(401);
    const second = { method: 'GET', path: '/api/get-balance?x=1&api_key=second%20param', body: '' };
    expect(responseOf(emulator.handle(second)).status).toBe(200);
    expect(emulator.requests.at(-1)?.path).toBe('/api/get-balance?x=1&api_key=[REDACTED]');
  });
});

describe('TermiiEmulator.onDelivery', () => {
  afterEach(() => {
    jest.restoreAllMocks();
  });

  it('calls each listener synchronously with its own copy, before the answer is returned, until unsubscribed', () => {
    const emulator = new TermiiEmulator();
    const seen: TermiiOutboxMessage[] = [];
    const other: TermiiOutboxMessage[] = [];
    const stop = emulator.onDelivery((message) => {
      // The outbox already holds it when the listener runs.
      expect(emulator.messages.at(-1)?.messageId).toBe(message.messageId);
      message.code = 'changed by a listener';
      seen.push(message);
    });
    emulator.onDelivery((message) => void other.push(message));
    const reply = emulator.handle(sendVoice());
    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({ channel: 'voice', messageId: responseOf(reply).body['message_id'] });
    expect(other[0].code).toMatch(/^\d{6}$/);
    expect(emulator.messages[0].code).toBe(other[0].code);

    emulator.handle(generate());
    expect(seen).toHaveLength(1); // In-App delivers nothing
    stop();
    emulator.handle(sendEmail());
    expect([seen.length, other.length]).toEqual([1, 2]);
  });

  it('keeps answering, and tells the other listeners, when one throws or rejects; reports it as a warning', async () => {
    const warnings: unknown[][] = [];
    jest.spyOn(process, 'emitWarning').mockImplementation((...args: unknown[]) => void warnings.push(args));
    const emulator = new TermiiEmulator();
    const seen: string[] = [];
    emulator.onDelivery(() => {
      throw new Error('listener bug');
    });
    emulator.onDelivery(() => Promise.reject(new Error('webhook down')));
    emulator.onDelivery((message) => void seen.push(message.channel));
    expect(responseOf(emulator.handle(call())).status).toBe(200);
    expect(seen).toEqual(['voice-call']);
    for (let i = 0; i < 20 && warnings.length < 2; i++) await new Promise((resolve) => setImmediate(resolve));
    expect(warnings).toEqual([
      [expect.stringContaining('(Error: listener bug)'), 'TermiiEmulatorWarning'],
      [expect.stringContaining('(Error: webhook down)'), 'TermiiEmulatorWarning'],
    ]);
  });

  it('survives reset()', () => {
    const emulator = new TermiiEmulator();
    const seen: (string | undefined)[] = [];
    emulator.onDelivery((message) => void seen.push(message.code));
    emulator.reset();
    emulator.handle(call(5555));
    expect(seen).toEqual(['5555']);
  });
});

describe('TermiiEmulator wallet', () => {
  it('spends each channel price, answers the balance, and refuses a send it cannot pay with nothing changed', () => {
    const emulator = new TermiiEmulator({
      balance: 12,
      currency: 'USD',
      prices: { sms: 4, email: 0 },
      accountName: 'Ada Lovelace',
    });
    expect(emulator.prices).toEqual({ sms: 4, voice: 5, 'voice-call': 5, email: 0, whatsapp: 2 });
    expect(responseOf(emulator.handle(balance()))).toEqual({
      status: 200,
      body: { user: 'Ada Lovelace', balance: 12, currency: 'USD' },
    });
    expect(responseOf(emulator.handle(send())).status).toBe(200);
    expect(responseOf(emulator.handle(sendVoice())).body).toMatchObject({ balance: 3, user: 'Ada Lovelace' });
    expect(responseOf(emulator.handle(send()))).toEqual({ status: 400, body: { message: 'Insufficient balance' } });
    expect(responseOf(emulator.handle(sendEmail())).body).toMatchObject({ balance: 3 });
    expect(emulator.balance).toBe(3);
    expect(emulator.messages.map((m) => [m.channel, m.cost])).toEqual([
      ['sms', 4],
      ['voice', 5],
      ['email', 0],
    ]);
    expect(emulator.issuedPins).toHaveLength(2);
  });

  it('keeps amounts to 4 decimals, so that repeated prices add up as on a statement', () => {
    const emulator = new TermiiEmulator({ balance: 1_000_000 });
    for (let i = 0; i < 1_000; i++) emulator.handle(send());
    expect(emulator.balance).toBe(996_100);
    emulator.setBalance(10.123456);
    expect(emulator.balance).toBe(10.1235);
  });

  it('In-App generate and verify are free, even at a zero balance', () => {
    const emulator = new TermiiEmulator({ balance: 0 });
    const data = responseOf(emulator.handle(generate())).body['data'] as { pin_id: string; otp: string };
    const verified = emulator.handle(post('/api/sms/otp/verify', { pin_id: data.pin_id, pin: data.otp }));
    expect(responseOf(verified).body).toMatchObject({ verified: 'True' });
    expect(responseOf(emulator.handle(call())).body).toEqual({ message: 'Insufficient balance' });
  });

  it('reset() puts the start balance back and empties the outbox; setBalance changes only the balance', () => {
    const emulator = new TermiiEmulator({ balance: 20 });
    emulator.handle(call());
    emulator.setBalance(2);
    expect(emulator.messages).toHaveLength(1);
    expect(emulator.balance).toBe(2);
    emulator.reset();
    expect([emulator.balance, emulator.messages.length]).toEqual([20, 0]);
  });

  it('the balance endpoint is free, and answers an empty 200 to a GET that declares a JSON body, as v3 hosts do', () => {
    const emulator = new TermiiEmulator();
    for (let i = 0; i < 3; i++) emulator.handle(balance());
    expect(emulator.balance).toBe(1000);
    const withType = emulator.handle({ ...balance(), headers: { 'Content-Type': ['application/json'] } });
    expect(withType).toEqual({ action: 'respond', delayMs: 0, response: { status: 200, headers: {}, body: '' } });
    const accept = emulator.handle({ ...balance(), headers: { accept: 'application/json' } });
    expect(responseOf(accept).status).toBe(200);
    expect(responseOf(emulator.handle({ ...balance(), method: 'POST' }))).toMatchObject({ status: 405 });
  });

  it('rejects wallet options and balances it cannot honour', () => {
    expect(() => new TermiiEmulator({ balance: -1 })).toThrow(RangeError);
    expect(() => new TermiiEmulator({ balance: Number.NaN })).toThrow(RangeError);
    expect(() => new TermiiEmulator({ currency: ' ' })).toThrow(TypeError);
    expect(() => new TermiiEmulator({ prices: { fax: 1 } as never })).toThrow(/unknown channel "fax"/);
    expect(() => new TermiiEmulator({ prices: { sms: -0.5 } })).toThrow(RangeError);
    expect(() => new TermiiEmulator().setBalance(Number.POSITIVE_INFINITY)).toThrow(RangeError);
    expect(() => new TermiiEmulator().onDelivery('nope' as never)).toThrow(TypeError);
  });
});
