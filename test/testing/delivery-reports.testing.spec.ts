/**
 * `TermiiTestingModule`'s emulator posting signed delivery reports to a real webhook app: the test's app
 * imports the testing kit (in-memory Termii) and `TermiiWebhooksModule`, listens on loopback, and gets the
 * report of each code its `TokenService` sent. `app.close()` ends pending reports and those in flight.
 */
import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { getActiveResourcesInfo } from 'node:process';
import { TokenService } from '../../lib/index.js';
import { TermiiTestingController, TermiiTestingModule } from '../../lib/testing/index.js';
import { TermiiDeliveryReport, TermiiWebhooksModule } from '../../lib/webhooks/index.js';
import { CaptureLogger } from '../support/capture-logger.js';
import { startScriptedServer } from '../support/scripted-server.js';
import { startWebhookApp, type RecordingHandlers } from '../webhooks/support/webhook-app.js';

const SECRET = 'whsecCanary-testing-kit-6a4f19';
const PHONE = '2348109477743';

/** The app under test: the testing kit posting to this same app's webhook, whose URL it learns once the app listens. */
async function startApp(
  options: { secret?: string; deliveryReportDelayMs?: number; logger?: CaptureLogger } = {},
): Promise<{
  app: INestApplication;
  handlers: RecordingHandlers;
  termii: TermiiTestingController;
  tokens: TokenService;
}> {
  const { app, url, handlers } = await startWebhookApp(TermiiWebhooksModule.forRoot({ secret: SECRET }), {
    imports: [
      TermiiTestingModule.forRoot({
        webhookSecret: options.secret ?? SECRET,
        token: { senderId: 'Acme' },
        ...(options.deliveryReportDelayMs !== undefined
          ? { deliveryReportDelayMs: options.deliveryReportDelayMs }
          : {}),
      }),
    ],
    ...(options.logger ? { logger: options.logger } : {}),
  });
  const termii = app.get(TermiiTestingController);
  termii.setWebhookUrl(`${url}/termii/events`);
  return { app, handlers, termii, tokens: app.get(TokenService) };
}

describe('TermiiTestingModule with a webhookUrl', () => {
  const logger = new CaptureLogger();
  let app: INestApplication;
  let handlers: RecordingHandlers;
  let termii: TermiiTestingController;
  let tokens: TokenService;

  beforeAll(async () => {
    ({ app, handlers, termii, tokens } = await startApp({ logger }));
  });
  afterAll(() => app?.close());

  it('reports each SMS the app sent to its @OnTermiiEvent handler: delivered, then failed once the number is set so', async () => {
    await tokens.send({ phoneNumber: PHONE, messageText: 'Your code is < 1234 >' });
    await termii.flushDeliveryReports();
    await handlers.seen(1);
    termii.setDeliveryOutcome(PHONE, 'failed');
    await tokens.send({ phoneNumber: PHONE, messageText: 'Your code is < 1234 >' });
    await termii.flushDeliveryReports();
    await handlers.seen(2);

    const [first, second] = termii.messagesFor(PHONE);
    expect(handlers.outbound).toHaveLength(2);
    expect(handlers.outbound[0]).toBeInstanceOf(TermiiDeliveryReport);
    expect(handlers.outbound.map((event) => event as TermiiDeliveryReport)).toMatchObject([
      { messageId: first.messageId, receiver: PHONE, status: 'delivered' },
      { messageId: second.messageId, receiver: PHONE, status: 'failed', rawStatus: 'Message Failed' },
    ]);
    expect(termii.webhookDeliveries.map((delivery) => delivery.status)).toEqual([200, 200]);
  });

  it('logs neither the secret nor a code', () => {
    const codes = termii.messages.map((message) => message.code);
    expect(codes.length).toBeGreaterThan(0);
    for (const { text } of logger.lines) {
      expect(text).not.toContain(SECRET);
      for (const code of codes) expect(text).not.toContain(`is ${code}`);
    }
  });
});

describe('TermiiTestingModule posting with the wrong secret', () => {
  it('the endpoint answers 401, webhookDeliveries shows it, no handler runs, and the send still succeeds', async () => {
    const logger = new CaptureLogger();
    const { app, handlers, termii, tokens } = await startApp({ secret: 'not-the-app-secret', logger });
    try {
      await expect(tokens.sendVoice({ phoneNumber: PHONE })).resolves.toMatchObject({ pinId: expect.any(String) });
      await termii.flushDeliveryReports();
      expect(termii.webhookDeliveries).toMatchObject([{ status: 401 }]);
      expect(handlers.all).toEqual([]);
      const warning = logger.lines.find((line) => line.level === 'warn' && line.text.includes('HTTP 401'));
      expect(warning?.text).toMatch(/ to 234\*{7}743 was answered HTTP 401 by .* TermiiTestingModule$/);
      expect(warning?.text).not.toContain('not-the-app-secret');
    } finally {
      await app.close();
    }
  });
});

describe('closing', () => {
  const timers = () => getActiveResourcesInfo().filter((kind) => kind === 'Timeout').length;

  it('app.close() cancels a pending report: it is never posted and leaves no timer', async () => {
    const baseline = timers();
    const { app, handlers, termii, tokens } = await startApp({ deliveryReportDelayMs: 600_000 });
    try {
      await tokens.send({ phoneNumber: PHONE, messageText: 'Your code is < 1234 >' });
      // Counted by the reporter: the process-wide timer count also moves with timers of earlier tests ending.
      expect(termii.pendingDeliveryReports).toBe(1);
    } finally {
      await app.close();
    }
    expect(termii.pendingDeliveryReports).toBe(0);
    expect(timers()).toBeLessThanOrEqual(baseline);
    expect(handlers.all).toEqual([]);
    expect(termii.webhookDeliveries).toEqual([]);
  });

  it('moduleRef.close() abandons a report in flight to an endpoint that never answers', async () => {
    const baseline = timers();
    const hanging = await startScriptedServer(() => undefined);
    const moduleRef = await Test.createTestingModule({
      imports: [TermiiTestingModule.forRoot({ webhookUrl: `${hanging.url}/termii/events`, webhookSecret: SECRET })],
    }).compile();
    await moduleRef.init();
    try {
      const termii = moduleRef.get(TermiiTestingController);
      await moduleRef.get(TokenService).sendVoice({ phoneNumber: PHONE });
      const flushed = termii.flushDeliveryReports();
      await new Promise<void>((resolve) => {
        const wait = () => (hanging.requests.length > 0 ? resolve() : setImmediate(wait));
        wait();
      });
      expect(termii.pendingDeliveryReports).toBe(1);
      await moduleRef.close();
      await flushed;
      expect(termii.webhookDeliveries).toMatchObject([{ error: { reason: 'aborted' } }]);
      // Counted by the reporter: the process-wide timer count also moves with timers of earlier tests ending.
      expect(termii.pendingDeliveryReports).toBe(0);
      expect(timers()).toBeLessThanOrEqual(baseline);
    } finally {
      await hanging.close();
    }
  });
});
