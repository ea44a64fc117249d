/**
 * `GET /sandbox/phone`: on the embedded sandbox only, what its phone received for a number (the SMS and
 * voice codes in its outbox, newest first); anywhere else it does not exist (404). The sign-in page is told
 * which, so that it never asks for a route that is not there.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ConfigService } from '@nestjs/config';
import { startTermiiSandbox, type TermiiSandbox } from 'nestjs-termii/sandbox';
import { TermiiTestingController } from 'nestjs-termii/testing';
import { OTP_SMS_TEXT } from '../auth/auth.service.js';
import { embeddedTermiiSandbox } from '../termii/termii-options.factory.js';
import { otherPhone, PHONE, TYPED_PHONE } from './support/phone.js';
import {
  get,
  NO_NUMBER_LIMITS,
  post,
  startSampleApp,
  startSampleAppOnEmulator,
  TEST_JWT_SECRET,
  type RunningSampleApp,
} from './support/sample-app.js';

const LIMITS = { OTP_THROTTLE_LIMIT: '100', ...NO_NUMBER_LIMITS };

function phoneUrl(sample: RunningSampleApp, phoneNumber: string): string {
  return `${sample.url}/sandbox/phone?phoneNumber=${encodeURIComponent(phoneNumber)}`;
}

/** The value the page is given for `data-sandbox-phone`. */
async function pageSays(sample: RunningSampleApp): Promise<string | undefined> {
  return /<body data-sandbox-phone="(on|off)">/.exec((await get(`${sample.url}/`)).text)?.[1];
}

describe('GET /sandbox/phone on the embedded sandbox, OTP_CHANNEL=sms', () => {
  let sample: RunningSampleApp;

  before(async () => {
    sample = await startSampleApp({ env: { OTP_CHANNEL: 'sms', ...LIMITS } });
  });
  after(() => sample.close());

  it('lists the SMS the number received, newest first, as the phone shows them', async () => {
    for (let i = 0; i < 2; i += 1) {
      assert.equal((await post(`${sample.url}/auth/otp`, { phoneNumber: TYPED_PHONE })).status, 201);
    }
    const outbox = embeddedTermiiSandbox(sample.app.get(ConfigService))!.messagesFor(PHONE);
    assert.equal(outbox.length, 2);
    const res = await get(phoneUrl(sample, TYPED_PHONE));
    assert.equal(res.status, 200, res.text);
    assert.deepEqual(res.body, {
      phoneNumber: PHONE,
      messages: [...outbox].reverse().map((message) => ({
        channel: 'sms',
        code: message.code,
        text: OTP_SMS_TEXT.replace('< 1234 >', message.code ?? ''),
        from: 'Sandbox',
        receivedAt: new Date(message.sentAt).toISOString(),
      })),
    });
  });

  it('another number: nothing; a number the login would refuse: 400 with the same message', async () => {
    assert.deepEqual((await get(phoneUrl(sample, otherPhone(7)))).body, { phoneNumber: otherPhone(7), messages: [] });
    const local = await get(phoneUrl(sample, '08109477743'));
    const login = await post(`${sample.url}/auth/otp`, { phoneNumber: '08109477743' });
    assert.equal(local.status, 400);
    assert.deepEqual(local.body, login.body);
    assert.equal((await get(`${sample.url}/sandbox/phone`)).status, 400);
  });

  it('the page is told that the sandbox phone exists', async () => {
    assert.equal(await pageSays(sample), 'on');
  });
});

describe('GET /sandbox/phone on the embedded sandbox, OTP_CHANNEL=voice', () => {
  it('lists the voice calls, with their codes and no text', async () => {
    const sample = await startSampleApp({ env: { OTP_CHANNEL: 'voice', ...LIMITS } });
    try {
      await post(`${sample.url}/auth/otp`, { phoneNumber: PHONE });
      const [call] = embeddedTermiiSandbox(sample.app.get(ConfigService))!.messagesFor(PHONE);
      const res = await get(phoneUrl(sample, PHONE));
      assert.deepEqual(res.body, {
        phoneNumber: PHONE,
        messages: [{ channel: 'voice', code: call.code, receivedAt: new Date(call.sentAt).toISOString() }],
      });
    } finally {
      await sample.close();
    }
  });
});

describe('GET /sandbox/phone anywhere else: 404, as a route that does not exist', () => {
  let sandbox: TermiiSandbox;

  before(async () => {
    sandbox = await startTermiiSandbox({ apiKeys: ['phone-e2e-key'] });
  });
  after(() => sandbox.close());

  // What to start, and where the code it sends can be read.
  for (const [what, start, codeOf] of [
    [
      'with TERMII_API_KEY',
      () =>
        startSampleApp({
          env: {
            TERMII_API_KEY: 'phone-e2e-key',
            TERMII_BASE_URL: sandbox.url,
            JWT_SECRET: TEST_JWT_SECRET,
            OTP_CHANNEL: 'sms',
            TERMII_SENDER_ID: 'Acme',
            ...LIMITS,
          },
        }),
      () => sandbox.lastOtp(PHONE),
    ],
    [
      'on TermiiTestingModule',
      () => startSampleAppOnEmulator({ OTP_CHANNEL: 'sms', ...LIMITS }),
      (sample: RunningSampleApp) => sample.app.get(TermiiTestingController).lastOtp(PHONE),
    ],
  ] as const) {
    it(`${what}: 404 for a number that received a code, for a bad query too; the page is told`, async () => {
      const sample = await start();
      try {
        assert.equal((await post(`${sample.url}/auth/otp`, { phoneNumber: PHONE })).status, 201);
        const code = codeOf(sample);
        assert.ok(code, 'no code was sent');
        for (const query of [`?phoneNumber=${PHONE}`, '?phoneNumber=0810', '']) {
          const res = await get(`${sample.url}/sandbox/phone${query}`);
          const nowhere = await get(`${sample.url}/nowhere${query}`);
          assert.equal(res.status, 404, res.text);
          assert.deepEqual(res.body, { ...nowhere.body, message: `Cannot GET /sandbox/phone${query}` });
          assert.ok(!res.text.includes(code), res.text);
        }
        assert.equal(await pageSays(sample), 'off');
      } finally {
        await sample.close();
      }
    });
  }
});
