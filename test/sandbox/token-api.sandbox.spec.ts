/**
 * A client written for Termii works unchanged against the sandbox, for every Token endpoint and the
 * balance: plain `fetch`, posting the sample bodies of Termii's pages (only the base URL differs).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { ConsoleLogger, Logger } from '@nestjs/common';
import { startTermiiSandbox, type TermiiSandbox } from '../../lib/sandbox/index.js';
import { CaptureLogger } from '../support/capture-logger.js';

/** Termii's pages use this text where the key goes; the sandbox accepts any non-empty key by default. */
const SAMPLE_KEY = 'Your API Key';

/** Send Token, the current page's sample (`message_type`, as every older version sends). */
const SEND_SAMPLE = {
  api_key: SAMPLE_KEY,
  message_type: 'NUMERIC',
  to: '2347065250817',
  from: 'Tommy',
  channel: 'generic',
  pin_attempts: 10,
  pin_time_to_live: 5,
  pin_length: 8,
  pin_placeholder: '< 1234 >',
  message_text: 'Your pin is < 1234 >',
};
/** Send Token, the older page's sample (`pin_type`, a long sender text), with a real number in place of "eg. …". */
const SEND_SAMPLE_OLDER = {
  api_key: SAMPLE_KEY,
  pin_type: 'NUMERIC',
  to: '2348109077743',
  from: 'Approved Sender ID or Configuration ID',
  channel: 'dnd',
  pin_attempts: 10,
  pin_time_to_live: 5,
  pin_length: 6,
  pin_placeholder: '< 1234 >',
  message_text: 'Your pin is < 1234 >',
};
const VOICE_TOKEN_SAMPLE = {
  api_key: SAMPLE_KEY,
  phone_number: '23409800000000',
  pin_attempts: 10,
  pin_time_to_live: 5,
  pin_length: 6,
};
const VOICE_CALL_SAMPLE = { api_key: SAMPLE_KEY, phone_number: '2349800000000', code: 55675 };
const EMAIL_SAMPLE = {
  email_address: 'shola.olu@term.ii',
  code: '092471',
  api_key: SAMPLE_KEY,
  email_configuration_id: '0a53c416-uocj-95af-ab3c306aellc',
};

async function postJson(url: string, body: unknown): Promise<{ status: number; body: Record<string, unknown> }> {
  // The page's NodeJS samples send the Content-Type twice; fetch joins the two values, as Termii then sees them.
  const res = await fetch(url, {
    method: 'POST',
    headers: [
      ['Content-Type', 'application/json'],
      ['Content-Type', 'application/json'],
    ],
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Record<string, unknown> };
}

describe("the sandbox answers the samples on Termii's Token pages unchanged", () => {
  let sandbox: TermiiSandbox;
  beforeAll(async () => {
    sandbox = await startTermiiSandbox();
  });
  afterAll(() => sandbox.close());
  beforeEach(() => sandbox.reset());

  it('Send Token: both samples send an SMS whose PIN verifies once', async () => {
    for (const sample of [SEND_SAMPLE, SEND_SAMPLE_OLDER]) {
      const sent = await postJson(`${sandbox.url}/api/sms/otp/send`, sample);
      expect(sent).toEqual({
        status: 200,
        body: { pinId: expect.any(String), to: sample.to, smsStatus: 'Message Sent' },
      });
      const message = sandbox.lastMessage(sample.to)!;
      expect(message.text).toBe(`Your pin is ${message.code}`);
      expect(message.code).toHaveLength(sample.pin_length);
      const verifyBody = { api_key: SAMPLE_KEY, pin_id: sent.body['pinId'], pin: sandbox.lastOtp(sample.to) };
      expect(await postJson(`${sandbox.url}/api/sms/otp/verify`, verifyBody)).toMatchObject({
        status: 200,
        body: { verified: 'True', msisdn: sample.to },
      });
    }
    expect(sandbox.messages.map((m) => [m.from, m.smsChannel])).toEqual([
      ['Tommy', 'generic'],
      ['Approved Sender ID or Configuration ID', 'dnd'],
    ]);
  });

  it('Voice Token: the sample gets a call with a PIN that verifies through Verify Token', async () => {
    const sent = await postJson(`${sandbox.url}/api/sms/otp/send/voice`, VOICE_TOKEN_SAMPLE);
    expect(sent).toEqual({
      status: 200,
      body: {
        code: 'ok',
        message_id: expect.stringMatching(/^\d{19}$/),
        pinId: expect.any(String),
        message: 'Successfully Sent',
        balance: 995,
        user: 'Termii Sandbox',
      },
    });
    const pin = sandbox.lastOtp(VOICE_TOKEN_SAMPLE.phone_number)!;
    const verified = await postJson(`${sandbox.url}/api/sms/otp/verify`, {
      api_key: SAMPLE_KEY,
      pin_id: sent.body['pinId'],
      pin,
    });
    expect(verified.body).toMatchObject({ verified: 'True' });
  });

  it("Voice Call: the sample at the header's path is read out; posted to the path of the page's code samples it is refused", async () => {
    const called = await postJson(`${sandbox.url}/api/sms/otp/call`, VOICE_CALL_SAMPLE);
    expect(called).toMatchObject({ status: 200, body: { code: 'ok', message: 'Successfully Sent', balance: 995 } });
    expect(called.body).not.toHaveProperty('pinId');
    expect(sandbox.lastMessage('2349800000000')).toMatchObject({ channel: 'voice-call', code: '55675' });
    // The page's own code samples post to /send/voice, which is Voice Token: it asks for the PIN policy.
    const wrongPath = await postJson(`${sandbox.url}/api/sms/otp/send/voice`, VOICE_CALL_SAMPLE);
    expect(wrongPath.status).toBe(400);
    expect(wrongPath.body['message']).toContain('pin_attempts is required');
  });

  it('Email Token: the sample is emailed, its code kept as the string sent (leading zero included)', async () => {
    const sent = await postJson(`${sandbox.url}/api/email/otp/send`, EMAIL_SAMPLE);
    expect(sent).toEqual({
      status: 200,
      body: {
        code: 'ok',
        message_id: expect.stringMatching(/^\d{19}$/),
        message: 'Successfully Sent',
        balance: 999,
        user: 'Termii Sandbox',
      },
    });
    expect(sandbox.lastMessage('shola.olu@term.ii')).toMatchObject({ channel: 'email', code: '092471' });
  });

  it('Balance: a plain GET with the key in the query string reads the wallet, whatever was spent', async () => {
    await postJson(`${sandbox.url}/api/sms/otp/send`, SEND_SAMPLE);
    await postJson(`${sandbox.url}/api/email/otp/send`, EMAIL_SAMPLE);
    const res = await fetch(`${sandbox.url}/api/get-balance?api_key=${encodeURIComponent(SAMPLE_KEY)}`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ user: 'Termii Sandbox', balance: 995.1, currency: 'NGN' });
    sandbox.setBalance(0);
    const empty = await fetch(`${sandbox.url}/api/get-balance?api_key=any`);
    expect(await empty.json()).toMatchObject({ balance: 0 });
    expect(await postJson(`${sandbox.url}/api/sms/otp/send`, SEND_SAMPLE)).toEqual({
      status: 400,
      body: { message: 'Insufficient balance' },
    });
    sandbox.reset();
    expect(sandbox.balance).toBe(1000);
  });
});

describe('the wallet options of startTermiiSandbox', () => {
  it('reach its emulator: start balance, currency, prices and account name', async () => {
    const sandbox = await startTermiiSandbox({
      balance: 7,
      currency: 'USD',
      prices: { sms: 2 },
      accountName: 'Acme Ltd',
    });
    try {
      await postJson(`${sandbox.url}/api/sms/otp/send`, SEND_SAMPLE);
      const res = await fetch(`${sandbox.url}/api/get-balance?api_key=k`);
      expect(await res.json()).toEqual({ user: 'Acme Ltd', balance: 5, currency: 'USD' });
      sandbox.reset();
      expect(sandbox.balance).toBe(7);
    } finally {
      await sandbox.close();
    }
  });
});

describe('the sandbox log line of a delivery', () => {
  const KEY = 'LOGcanaryK3y-0b7e2f';
  const logger = new CaptureLogger();
  let sandbox: TermiiSandbox;

  beforeAll(async () => {
    Logger.overrideLogger(logger);
    sandbox = await startTermiiSandbox({ log: true, balance: 100 });
  });
  afterAll(async () => {
    await sandbox.close();
    Logger.overrideLogger(new ConsoleLogger());
  });

  it('names the channel and a masked recipient, never the code or the key', async () => {
    await postJson(`${sandbox.url}/api/sms/otp/send`, { ...SEND_SAMPLE_OLDER, api_key: KEY });
    await postJson(`${sandbox.url}/api/sms/otp/send/voice`, { ...VOICE_TOKEN_SAMPLE, api_key: KEY });
    await postJson(`${sandbox.url}/api/sms/otp/call`, { ...VOICE_CALL_SAMPLE, api_key: KEY });
    await postJson(`${sandbox.url}/api/email/otp/send`, { ...EMAIL_SAMPLE, api_key: KEY });
    await postJson(`${sandbox.url}/api/sms/otp/send`, { ...SEND_SAMPLE_OLDER, api_key: KEY, channel: 'fax' });
    await (await fetch(`${sandbox.url}/api/get-balance?api_key=${KEY}`)).text();
    sandbox.setBalance(0);
    await postJson(`${sandbox.url}/api/sms/otp/call`, { ...VOICE_CALL_SAMPLE, api_key: KEY });

    // Nest's logger hands the context ("TermiiSandbox") over as a last parameter.
    const lines = logger.lines
      .filter((line) => line.text.includes('→'))
      .map((line) => line.text.replace(/ TermiiSandbox$/, ''));
    expect(lines).toEqual([
      'POST /api/sms/otp/send → HTTP 200 (sms to 234*******743)',
      'POST /api/sms/otp/send/voice → HTTP 200 (voice to 234********000)',
      'POST /api/sms/otp/call → HTTP 200 (voice-call to 234*******000)',
      'POST /api/email/otp/send → HTTP 200 (email to s***@term.ii)',
      'POST /api/sms/otp/send → HTTP 400',
      'GET /api/get-balance?api_key=[REDACTED] → HTTP 200',
      'POST /api/sms/otp/call → HTTP 400',
    ]);
    const everything = JSON.stringify(logger.lines);
    expect(everything).not.toContain(KEY);
    for (const message of sandbox.messages) expect(everything).not.toContain(message.code);
  });
});
