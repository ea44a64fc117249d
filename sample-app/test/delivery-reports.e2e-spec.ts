/**
 * Delivery reports at `POST /termii/events`: signed events (sent here with `signedTermiiEvent`, as Termii
 * would post them) reach the app's log, masked; forged ones are refused; the route is outside the OTP
 * limits and the ValidationPipe, and the secret is in no log.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { signedTermiiEvent, termiiDeliveryReport } from 'nestjs-termii/webhooks';
import { PHONE } from './support/phone.js';
import {
  post,
  startSampleApp,
  startSampleAppOnEmulator,
  waitForLine,
  type RunningSampleApp,
} from './support/sample-app.js';

const SECRET = 'webhook-secret-canary-41c9e2';
const MASKED = '234*******743';
const CODE_TEXT = 'Your login code is 493027. It expires in 5 minutes.';

function report(messageId: string, status: string): object {
  return termiiDeliveryReport({ messageId, receiver: PHONE, status, message: CODE_TEXT, sender: 'Sandbox' });
}

describe('POST /termii/events with TERMII_WEBHOOK_SECRET', () => {
  let sample: RunningSampleApp;

  before(async () => {
    // One request per client per window on the OTP routes: Termii's posts must not meet that limit.
    sample = await startSampleAppOnEmulator({ TERMII_WEBHOOK_SECRET: SECRET, OTP_THROTTLE_LIMIT: '1' });
  });
  after(() => sample.close());
  beforeEach(() => {
    sample.logs.lines.length = 0;
  });

  async function postSigned(event: object, secret = SECRET): Promise<{ status: number; text: string }> {
    const { body, headers } = signedTermiiEvent(event, secret);
    return post(`${sample.url}/termii/events`, body, headers);
  }

  it('logs a delivered report and a failed one (a warning), masked, without the message text or its code', async () => {
    const delivered = await postSigned(report('5964465985113503103', 'delivered'));
    assert.equal(delivered.status, 200, delivered.text);
    assert.deepEqual(JSON.parse(delivered.text), { received: true });
    const failed = await postSigned(report('5964465985113503104', 'failed'));
    assert.equal(failed.status, 200, failed.text);

    const ok = await waitForLine(sample.logs, /^Delivery report: message 5964465985113503103 /);
    assert.equal(
      ok.text,
      `Delivery report: message 5964465985113503103 to ${MASKED} delivered ("Delivered") DeliveryReports`,
    );
    assert.equal(ok.level, 'log');
    const bad = await waitForLine(sample.logs, /^Delivery report: message 5964465985113503104 /);
    assert.equal(
      bad.text,
      `Delivery report: message 5964465985113503104 to ${MASKED} failed ("Message Failed") DeliveryReports`,
    );
    assert.equal(bad.level, 'warn');

    const logged = sample.logs.lines.map((line) => line.text).join('\n');
    for (const secret of [SECRET, PHONE, '493027']) assert.ok(!logged.includes(secret), logged);
  });

  it('takes every post from Termii: the OTP per-client limit does not apply', async () => {
    for (let i = 0; i < 4; i += 1) {
      const res = await postSigned(report(`70000000000000000${i}`, 'sent'));
      assert.equal(res.status, 200, res.text);
    }
    assert.equal((await post(`${sample.url}/auth/otp`, { phoneNumber: PHONE })).status, 201);
    assert.equal((await post(`${sample.url}/auth/otp`, { phoneNumber: PHONE })).status, 429);
  });

  it('refuses a forged or unsigned report (401) and logs no outcome for it', async () => {
    const forged = await postSigned(report('5964465985113503105', 'delivered'), 'not-the-secret');
    assert.equal(forged.status, 401, forged.text);
    const unsigned = await post(`${sample.url}/termii/events`, report('5964465985113503106', 'delivered'));
    assert.equal(unsigned.status, 401, unsigned.text);
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.ok(!sample.logs.lines.some((line) => line.text.startsWith('Delivery report:')));
    assert.ok(!sample.logs.lines.some((line) => line.text.includes(SECRET)));
  });
});

describe('POST /termii/events with a real Termii and no TERMII_WEBHOOK_SECRET', () => {
  it('says at start-up that reports are refused, and refuses them', async () => {
    const sample = await startSampleApp({ env: { TERMII_API_KEY: 'some-key', TERMII_BASE_URL: 'http://127.0.0.1:9' } });
    try {
      assert.ok(
        sample.logs.lines.some((line) => line.text.startsWith('TERMII_WEBHOOK_SECRET is not set: delivery reports')),
      );
      const { body, headers } = signedTermiiEvent(report('5964465985113503107', 'delivered'), 'a-guess');
      assert.equal((await post(`${sample.url}/termii/events`, body, headers)).status, 401);
    } finally {
      await sample.close();
    }
  });
});
