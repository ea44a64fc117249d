/**
 * Delivery reports at `POST /termii/events`: the whole loop with `OTP_CHANNEL=sms` — the embedded sandbox
 * (or a sandbox standing in for Termii) sends the login SMS, then posts its signed report to the app, which
 * logs the outcome, masked. Signed events sent by the test (`signedTermiiEvent`) reach the log too, forged
 * ones are refused; the route is outside the OTP limits and the ValidationPipe; the secret is in no log.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { ConfigService } from '@nestjs/config';
import { startTermiiSandbox, type TermiiSandbox } from 'nestjs-termii/sandbox';
import { signedTermiiEvent, termiiDeliveryReport } from 'nestjs-termii/webhooks';
import { embeddedTermiiSandbox } from '../termii/termii-options.factory.js';
import { termiiWebhookSecret } from '../termii/termii-webhook-secret.js';
import { otherPhone, PHONE } from './support/phone.js';
import {
  NO_NUMBER_LIMITS,
  post,
  startSampleApp,
  startSampleAppOnEmulator,
  waitForLine,
  type RunningSampleApp,
  TEST_JWT_SECRET,
} from './support/sample-app.js';

const SECRET = 'webhook-secret-canary-41c9e2';
const MASKED = '234*******743';
const CODE_TEXT = 'Your login code is 493027. It expires in 5 minutes.';

const LIMITS = { OTP_THROTTLE_LIMIT: '100', ...NO_NUMBER_LIMITS };
/** `otherPhone(1)`, masked. */
const OTHER_MASKED = '234*******001';

/** Asks for a code by SMS and logs in with it (read from the sandbox's outbox); returns the SMS's message id. */
async function logIn(sample: RunningSampleApp, sandbox: TermiiSandbox, phoneNumber: string): Promise<string> {
  const requested = await post(`${sample.url}/auth/otp`, { phoneNumber });
  assert.equal(requested.status, 201, requested.text);
  const sms = sandbox.lastMessage(phoneNumber)!;
  assert.equal(sms.channel, 'sms');
  const verified = await post(`${sample.url}/auth/otp/verify`, { pinId: requested.body['pinId'], pin: sms.code });
  assert.equal(verified.status, 200, verified.text);
  return sms.messageId;
}

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
    const sample = await startSampleApp({
      env: { TERMII_API_KEY: 'some-key', JWT_SECRET: TEST_JWT_SECRET, TERMII_BASE_URL: 'http://127.0.0.1:9' },
    });
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

describe('OTP_CHANNEL=sms on the embedded sandbox: its delivery reports reach the app', () => {
  let sample: RunningSampleApp;
  let sandbox: TermiiSandbox;

  before(async () => {
    // PORT=0: the port is picked when the app listens, and the embedded sandbox is told it then.
    sample = await startSampleApp({ env: { OTP_CHANNEL: 'sms', ...LIMITS } });
    sandbox = embeddedTermiiSandbox(sample.app.get(ConfigService))!;
  });
  after(() => sample.close());

  it('a login whose SMS is reported delivered, and one whose SMS is reported failed: the app logs both, masked', async () => {
    assert.ok(
      sample.logs.lines.some(
        (line) =>
          line.text ===
          `The embedded sandbox posts a signed delivery report of each SMS or voice code to ${sample.url}/termii/events Termii`,
      ),
      sample.logs.lines.map((line) => line.text).join('\n'),
    );
    sandbox.setDeliveryOutcome(otherPhone(1), 'failed');
    const deliveredId = await logIn(sample, sandbox, PHONE);
    const failedId = await logIn(sample, sandbox, otherPhone(1));
    await sandbox.flushDeliveryReports();

    // The app took both reports: signed with the secret it generated and shared with its sandbox.
    assert.deepEqual(
      sandbox.webhookDeliveries.map((delivery) => delivery.status),
      [200, 200],
    );
    const delivered = await waitForLine(sample.logs, new RegExp(`^Delivery report: message ${deliveredId} `));
    assert.equal(
      delivered.text,
      `Delivery report: message ${deliveredId} to ${MASKED} delivered ("Delivered") DeliveryReports`,
    );
    const failed = await waitForLine(sample.logs, new RegExp(`^Delivery report: message ${failedId} `));
    assert.equal(
      failed.text,
      `Delivery report: message ${failedId} to ${OTHER_MASKED} failed ("Message Failed") DeliveryReports`,
    );
    assert.equal(failed.level, 'warn');

    const secret = termiiWebhookSecret(sample.app.get(ConfigService)).secret;
    const reportLines = sample.logs.lines.filter((line) => line.text.startsWith('Delivery report:'));
    assert.equal(reportLines.length, 2);
    assert.ok(!sample.logs.lines.some((line) => line.text.includes(secret)));
    // The report carries the SMS text, code included: the app's report lines never show it.
    for (const message of sandbox.messages) {
      assert.ok(!reportLines.some((line) => line.text.includes(message.code ?? assert.fail('no code in the outbox'))));
    }
  });
});

describe('OTP_CHANNEL=sms with TERMII_API_KEY and TERMII_WEBHOOK_SECRET, a sandbox standing in for Termii', () => {
  let sandbox: TermiiSandbox;
  let sample: RunningSampleApp;

  before(async () => {
    // The app needs the sandbox's URL to start; the sandbox learns the app's once it listens (port 0).
    sandbox = await startTermiiSandbox({ apiKeys: ['reports-e2e-key'], webhookSecret: SECRET });
    sample = await startSampleApp({
      env: {
        TERMII_API_KEY: 'reports-e2e-key',
        JWT_SECRET: TEST_JWT_SECRET,
        TERMII_BASE_URL: sandbox.url,
        TERMII_WEBHOOK_SECRET: SECRET,
        TERMII_SENDER_ID: 'Acme',
        OTP_CHANNEL: 'sms',
        ...LIMITS,
      },
    });
    sandbox.setWebhookUrl(`${sample.url}/termii/events`);
  });
  after(async () => {
    await sample.close();
    await sandbox.close();
  });

  it('Termii’s report of the login SMS (DND here) reaches the app, as a warning', async () => {
    sandbox.nextDeliveryOutcome('dnd');
    const messageId = await logIn(sample, sandbox, PHONE);
    await sandbox.flushDeliveryReports();
    assert.deepEqual(
      sandbox.webhookDeliveries.map((delivery) => delivery.status),
      [200],
    );
    const line = await waitForLine(sample.logs, new RegExp(`^Delivery report: message ${messageId} `));
    assert.equal(
      line.text,
      `Delivery report: message ${messageId} to ${MASKED} dnd ("DND Active on Phone Number") DeliveryReports`,
    );
    assert.equal(line.level, 'warn');
    assert.ok(!sample.logs.lines.some((l) => l.text.includes(SECRET)));
  });
});

describe('PORT', () => {
  it('a PORT that is not a port fails start-up, naming it', async () => {
    await assert.rejects(
      startSampleApp({ env: { PORT: 'http' } }),
      /PORT must be a whole number from 0 to 65535 \(got "http"\)/,
    );
  });
});
