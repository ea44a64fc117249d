/**
 * TermiiDeliveryReporter on its own: its timers keep no process alive, and its webhook URL can come after
 * it was made (the app's port known only once it listens). Events go to a real Nest app on loopback.
 */
import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import { getActiveResourcesInfo } from 'node:process';
import { TermiiDeliveryReporter, TermiiEmulator } from '../../lib/emulator/index.js';
import { TermiiConfigError } from '../../lib/errors/index.js';
import { TermiiWebhooksModule, type TermiiDeliveryReport } from '../../lib/webhooks/index.js';
import { startWebhookApp, type RecordingHandlers } from '../webhooks/support/webhook-app.js';

const SECRET = 'whsecCanary-reporter-19b7d4';
const KEY = 'reporter-key-6c2a';
const PHONE = '2348109477743';

/** The timers that keep this process alive now (unref'd ones are not listed). */
const refTimers = () => getActiveResourcesInfo().filter((kind) => kind === 'Timeout').length;

/** One SMS delivery, made synchronously inside the emulator (as the sandbox and the testing kit call it). */
function sendSms(emulator: TermiiEmulator): void {
  const reply = emulator.handle({
    method: 'POST',
    path: '/api/sms/otp/send',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      api_key: KEY,
      message_type: 'NUMERIC',
      to: PHONE,
      from: 'Acme',
      channel: 'dnd',
      pin_attempts: 3,
      pin_time_to_live: 5,
      pin_length: 6,
      pin_placeholder: '< 1234 >',
      message_text: 'Your Acme code is < 1234 >.',
    }),
  });
  expect(reply).toMatchObject({ action: 'respond', response: { status: 200 } });
}

describe('TermiiDeliveryReporter', () => {
  let app: INestApplication;
  let events: string;
  let handlers: RecordingHandlers;

  beforeAll(async () => {
    let url: string;
    ({ app, url, handlers } = await startWebhookApp(TermiiWebhooksModule.forRoot({ secret: SECRET })));
    events = `${url}/termii/events`;
  });
  afterAll(() => app?.close());

  it("holds a report that is not yet due on a timer that keeps no process alive (unref'd)", async () => {
    const emulator = new TermiiEmulator({ apiKeys: [KEY] });
    const reporter = new TermiiDeliveryReporter(emulator, {
      webhookUrl: events,
      webhookSecret: SECRET,
      deliveryReportDelayMs: 600_000,
    });
    try {
      // Synchronous from here to the count: no other timer of the process can start or end in between.
      const before = refTimers();
      sendSms(emulator);
      expect(reporter.pendingCount).toBe(1);
      expect(refTimers()).toBe(before);
      // The control: a timer that does keep the process alive is counted.
      const control = setTimeout(() => undefined, 600_000);
      expect(refTimers()).toBe(before + 1);
      clearTimeout(control);
    } finally {
      await reporter.close();
    }
  });

  it('takes its webhook URL after it was made: nothing before, every later delivery reported there', async () => {
    const emulator = new TermiiEmulator({ apiKeys: [KEY] });
    const reporter = new TermiiDeliveryReporter(emulator, { webhookSecret: SECRET, deliveryReportDelayMs: 0 });
    try {
      expect(reporter.enabled).toBe(false);
      // Outcomes can be chosen before the URL is known; sending needs it.
      reporter.nextOutcome('dnd');
      await expect(async () => reporter.send({ type: 'outbound' })).rejects.toThrow(/"webhookUrl": is not set/);
      expect(() => reporter.setUrl('ftp://127.0.0.1/events')).toThrow(/"webhookUrl": must use http: or https:/);

      sendSms(emulator); // before the URL: no report
      expect(reporter.pendingCount).toBe(0);
      const before = handlers.all.length;
      reporter.setUrl(events);
      expect(reporter.enabled).toBe(true);
      sendSms(emulator);
      await reporter.flush();
      expect(reporter.deliveries).toMatchObject([{ status: 200 }]);
      await handlers.seen(before + 1);
      const report = handlers.all.at(-1) as TermiiDeliveryReport;
      expect(report.status).toBe('dnd');
      expect(handlers.all.length).toBe(before + 1);
    } finally {
      await reporter.close();
    }
  });

  it('refuses a URL without a secret, naming webhookSecret', () => {
    const reporter = new TermiiDeliveryReporter(new TermiiEmulator({ apiKeys: [KEY] }));
    expect(() => reporter.setUrl(events)).toThrow(TermiiConfigError);
    expect(() => reporter.setUrl(events)).toThrow(/"webhookSecret"/);
  });

  it('checks the other webhook options at once when only the secret is given', () => {
    const emulator = new TermiiEmulator({ apiKeys: [KEY] });
    expect(() => new TermiiDeliveryReporter(emulator, { webhookSecret: SECRET, webhookTimeoutMs: 0 })).toThrow(
      /"webhookTimeoutMs"/,
    );
  });
});
