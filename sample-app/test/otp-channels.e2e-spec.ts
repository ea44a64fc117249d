/**
 * `OTP_CHANNEL=sms` and `voice`: Termii makes the code and delivers it (Send Token, Voice Token), the app
 * keeps only the `pinId`. The routes answer as with `in-app`, the code is in no answer, and verify is the
 * same — on `TermiiTestingModule`, on a sandbox over HTTP (as on Termii), and on the embedded sandbox,
 * where the log shows the code so that a person can finish the login.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { ConfigService } from '@nestjs/config';
import { startTermiiSandbox, type TermiiSandbox } from 'nestjs-termii/sandbox';
import { TermiiTestingController } from 'nestjs-termii/testing';
import { OTP_POLICY, OTP_SMS_TEXT } from '../auth/auth.service.js';
import { embeddedTermiiSandbox } from '../termii/termii-options.factory.js';
import { PHONE, TYPED_PHONE } from './support/phone.js';
import {
  NO_NUMBER_LIMITS,
  post,
  startSampleApp,
  startSampleAppOnEmulator,
  type Answer,
  type RunningSampleApp,
  TEST_JWT_SECRET,
} from './support/sample-app.js';

const MASKED = '234*******743';
const CHANNELS = [
  { channel: 'sms', delivery: 'sms', how: 'by SMS' },
  { channel: 'voice', delivery: 'voice', how: 'by a voice call' },
] as const;
const LIMITS = { OTP_THROTTLE_LIMIT: '100', ...NO_NUMBER_LIMITS };

/** The app's log lines about delivered codes. */
function deliveryLines(sample: RunningSampleApp): string[] {
  return sample.logs.lines.map((line) => line.text).filter((text) => text.startsWith('Code for '));
}

/** The start of the app's line about a code Termii sent; Voice Token answers a message id, Send Token none. */
function sentLine(how: string, messageId: string | undefined): string {
  return `Code for ${MASKED} sent ${how}${how === 'by SMS' ? '' : ` (message ${messageId})`}`;
}

/** Asserts the 201 of `POST /auth/otp`: `{ pinId, expiresAt }` and nothing else, the code nowhere in it. */
function assertRequested(res: Answer, otp: string): string {
  assert.equal(res.status, 201, res.text);
  assert.deepEqual(Object.keys(res.body).sort(), ['expiresAt', 'pinId']);
  assert.ok(!res.text.includes(otp), `the code is in the HTTP answer: ${res.text}`);
  return res.body['pinId'] as string;
}

for (const { channel, delivery, how } of CHANNELS) {
  describe(`OTP_CHANNEL=${channel} on TermiiTestingModule`, () => {
    let sample: RunningSampleApp;
    let termii: TermiiTestingController;

    before(async () => {
      sample = await startSampleAppOnEmulator({ OTP_CHANNEL: channel, ...LIMITS });
      termii = sample.app.get(TermiiTestingController);
    });
    after(() => sample.close());
    beforeEach(() => {
      termii.reset();
      sample.logs.lines.length = 0;
    });

    it('the login completes: request a code, read it from the outbox, verify → 200; the log masks the number and has no code', async () => {
      const res = await post(`${sample.url}/auth/otp`, { phoneNumber: TYPED_PHONE });
      const message = termii.lastMessage(PHONE);
      assert.ok(message, 'Termii delivered nothing');
      assert.equal(message.channel, delivery);
      const pinId = assertRequested(res, message.code ?? assert.fail('no code in the outbox'));
      assert.equal(message.pinId, pinId);
      if (channel === 'sms') {
        assert.equal(message.text, OTP_SMS_TEXT.replace('< 1234 >', message.code ?? assert.fail('no code')));
        assert.equal(message.from, 'Sandbox');
      }

      const ok = await post(`${sample.url}/auth/otp/verify`, { pinId, pin: message.code });
      assert.equal(ok.status, 200, ok.text);
      assert.deepEqual(ok.body, { verified: true, phoneNumber: PHONE });

      // Not the embedded sandbox: the app has no business knowing the code, and does not log it.
      assert.deepEqual(deliveryLines(sample), [`${sentLine(how, message.messageId)} OtpDelivery`]);
      const logged = sample.logs.lines.map((line) => line.text).join('\n');
      assert.ok(!logged.includes(message.code ?? assert.fail('no code')), logged);
      assert.ok(!logged.includes(PHONE), logged);
    });

    it(`sends Termii the app's policy by ${channel === 'sms' ? 'Send Token' : 'Voice Token'}, and nothing by In-App Token`, async () => {
      await post(`${sample.url}/auth/otp`, { phoneNumber: PHONE });
      assert.equal(termii.requests.length, 1);
      const { operation, body } = termii.requests[0];
      assert.equal(operation, channel === 'sms' ? 'send' : 'sendVoice');
      const policy = {
        pin_attempts: OTP_POLICY.pinAttempts,
        pin_time_to_live: OTP_POLICY.pinTimeToLive,
        pin_length: OTP_POLICY.pinLength,
      };
      if (channel === 'voice') {
        assert.deepEqual(body, { api_key: '[REDACTED]', phone_number: PHONE, ...policy });
      } else {
        assert.deepEqual(body, {
          api_key: '[REDACTED]',
          pin_type: 'NUMERIC',
          message_type: 'NUMERIC',
          to: PHONE,
          from: 'Sandbox',
          channel: 'dnd',
          ...policy,
          pin_placeholder: '< 1234 >',
          message_text: OTP_SMS_TEXT,
        });
      }
    });

    it('a wrong code is refused as with in-app', async () => {
      const res = await post(`${sample.url}/auth/otp`, { phoneNumber: PHONE });
      const otp = termii.lastOtp(PHONE)!;
      const bad = await post(`${sample.url}/auth/otp/verify`, {
        pinId: res.body['pinId'],
        pin: otp === '000000' ? '111111' : '000000',
      });
      assert.equal(bad.status, 401);
      assert.equal(bad.body['reason'], 'invalid');
    });

    it('an empty Termii wallet → 503 "the code service is unavailable", without Termii’s text', async () => {
      termii.setBalance(0);
      const res = await post(`${sample.url}/auth/otp`, { phoneNumber: PHONE });
      assert.equal(res.status, 503, res.text);
      assert.deepEqual(res.body, {
        statusCode: 503,
        error: 'Service Unavailable',
        message: 'The code service is unavailable: try again later.',
      });
      assert.equal(termii.messages.length, 0);
      assert.match(
        sample.logs.lines.map((line) => line.text).join('\n'),
        /TermiiInsufficientBalanceError: .*top up the Termii wallet/,
      );
    });
  });

  describe(`OTP_CHANNEL=${channel} on the embedded sandbox`, () => {
    let sample: RunningSampleApp;

    before(async () => {
      sample = await startSampleApp({ env: { OTP_CHANNEL: channel, ...LIMITS } });
    });
    after(() => sample.close());

    it('the log shows where the code went (masked) and the code; a person finishes the login with it', async () => {
      const res = await post(`${sample.url}/auth/otp`, { phoneNumber: TYPED_PHONE });
      const lines = deliveryLines(sample);
      assert.equal(lines.length, 1, lines.join('\n'));
      const sandbox = embeddedTermiiSandbox(sample.app.get(ConfigService))!;
      const message = sandbox.lastMessage(PHONE)!;
      const logged = /^(.*): (\d{6}) \(embedded sandbox; valid until \S+\) OtpDelivery$/.exec(lines[0]);
      assert.ok(logged, lines[0]);
      assert.equal(logged[1], sentLine(how, message.messageId));
      const otp = logged[2];
      const pinId = assertRequested(res, otp);
      // The code in the log is the one Termii (the sandbox) delivered for this pinId.
      assert.deepEqual([message.pinId, message.code], [pinId, otp]);

      const ok = await post(`${sample.url}/auth/otp/verify`, { pinId, pin: otp });
      assert.equal(ok.status, 200, ok.text);
      assert.deepEqual(ok.body, { verified: true, phoneNumber: PHONE });
      // The sandbox's own request lines never show the code, nor the number unmasked.
      const sandboxLines = sample.logs.lines.map((line) => line.text).filter((text) => text.includes(' → '));
      assert.ok(
        sandboxLines.some((text) => text.includes(`(${delivery} to ${MASKED})`)),
        sandboxLines.join('\n'),
      );
      assert.ok(!sandboxLines.some((text) => text.includes(otp) || text.includes(PHONE)), sandboxLines.join('\n'));
    });
  });

  describe(`OTP_CHANNEL=${channel} with TERMII_API_KEY, against a sandbox over HTTP (as on Termii)`, () => {
    let sandbox: TermiiSandbox;
    let sample: RunningSampleApp;

    before(async () => {
      sandbox = await startTermiiSandbox({ apiKeys: ['channel-e2e-key'] });
      sample = await startSampleApp({
        env: {
          TERMII_API_KEY: 'channel-e2e-key',
          JWT_SECRET: TEST_JWT_SECRET,
          TERMII_BASE_URL: sandbox.url,
          OTP_CHANNEL: channel,
          TERMII_SENDER_ID: 'Acme',
          ...LIMITS,
        },
      });
    });
    after(async () => {
      await sample.close();
      await sandbox.close();
    });

    it('the login completes, and the app never sees nor logs the code', async () => {
      const res = await post(`${sample.url}/auth/otp`, { phoneNumber: PHONE });
      const message = sandbox.lastMessage(PHONE)!;
      assert.equal(message.channel, delivery);
      if (channel === 'sms') assert.equal(message.from, 'Acme');
      const pinId = assertRequested(res, message.code ?? assert.fail('no code in the outbox'));
      const ok = await post(`${sample.url}/auth/otp/verify`, { pinId, pin: message.code });
      assert.deepEqual(ok.body, { verified: true, phoneNumber: PHONE });
      assert.deepEqual(deliveryLines(sample), [`${sentLine(how, message.messageId)} OtpDelivery`]);
      assert.ok(!sample.logs.lines.some((line) => line.text.includes(message.code ?? assert.fail('no code'))));
    });
  });
}

describe('OTP_CHANNEL and TERMII_SENDER_ID are checked at start-up', () => {
  it('an unknown channel fails start-up, naming the variable and the choices', async () => {
    await assert.rejects(
      startSampleAppOnEmulator({ OTP_CHANNEL: 'email' }),
      /OTP_CHANNEL must be one of in-app, sms, voice \(got "email"\)/,
    );
  });

  it('sms with a real Termii (TERMII_API_KEY) and no TERMII_SENDER_ID fails start-up', async () => {
    await assert.rejects(
      startSampleApp({ env: { TERMII_API_KEY: 'some-key', JWT_SECRET: TEST_JWT_SECRET, OTP_CHANNEL: 'sms' } }),
      /TERMII_SENDER_ID is required with OTP_CHANNEL=sms/,
    );
  });

  it('a TERMII_SENDER_ID that Termii would refuse fails start-up, with the library’s rule', async () => {
    await assert.rejects(
      startSampleAppOnEmulator({ OTP_CHANNEL: 'sms', TERMII_SENDER_ID: 'A-name-far-too-long' }),
      /TERMII_SENDER_ID is not a valid sender ID \(senderId must be a sender ID of 3 to 11 .*; got "A-name-far-too-long"\)/,
    );
  });

  it('in-app stays the default: the app delivers the code, Termii sends nothing', async () => {
    const sample = await startSampleAppOnEmulator(LIMITS);
    try {
      const termii = sample.app.get(TermiiTestingController);
      const res = await post(`${sample.url}/auth/otp`, { phoneNumber: PHONE });
      assert.equal(res.status, 201);
      assert.deepEqual(
        termii.requests.map((r) => r.operation),
        ['generate'],
      );
      assert.equal(termii.messages.length, 0);
    } finally {
      await sample.close();
    }
  });
});
