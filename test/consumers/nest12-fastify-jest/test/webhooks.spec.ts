import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Injectable, Module, type DynamicModule, type LoggerService } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { TermiiEventSender, startTermiiSandbox } from 'nestjs-termii/sandbox';
import {
  OnTermiiEvent,
  TermiiDeliveryReport,
  TermiiWebhooksModule,
  signTermiiEvent,
  signedTermiiEvent,
  termiiDeliveryReport,
} from 'nestjs-termii/webhooks';

const SECRET = 'consumer-webhook-secret';
const NEW_SECRET = 'consumer-webhook-secret-2';

@Injectable()
class DeliveryReports {
  readonly received: TermiiDeliveryReport[] = [];
  private waiters: { count: number; resolve: () => void }[] = [];

  @OnTermiiEvent('outbound')
  onReport(report: TermiiDeliveryReport): void {
    this.received.push(report);
    this.waiters = this.waiters.filter((w) => (this.received.length >= w.count ? (w.resolve(), false) : true));
  }

  /** Resolves once `count` reports in all have arrived. */
  seen(count: number): Promise<void> {
    if (this.received.length >= count) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ count, resolve }));
  }
}

/** Keeps the error lines, to find the module's "rawBody: true" line. */
class ErrorLines implements LoggerService {
  readonly errors: string[] = [];
  log(): void {}
  warn(): void {}
  error(message: unknown): void {
    this.errors.push(String(message));
  }
}

async function startOnFastify(
  webhooks: DynamicModule,
  options: { rawBody: boolean; logger?: LoggerService },
): Promise<{ app: NestFastifyApplication; url: string; reports: DeliveryReports }> {
  @Module({ imports: [webhooks], providers: [DeliveryReports] })
  class WebhookApp {}
  const app = await NestFactory.create<NestFastifyApplication>(WebhookApp, new FastifyAdapter(), {
    rawBody: options.rawBody,
    logger: options.logger ?? false,
  });
  await app.listen(0, '127.0.0.1');
  const url = `${(await app.getUrl()).replace('[::1]', '127.0.0.1')}/termii/events`;
  return { app, url, reports: app.get(DeliveryReports) };
}

async function post(url: string, body: string, headers: Record<string, string>): Promise<number> {
  return (await fetch(url, { method: 'POST', headers, body })).status;
}

let sequence = 0;
const report = (status = 'delivered', message?: string) =>
  termiiDeliveryReport({ messageId: `m-${++sequence}`, receiver: '2348109477743', status, message });

describe('nestjs-termii/webhooks in a NestJS 12 app on Fastify (rawBody: true)', () => {
  let app: NestFastifyApplication;
  let url: string;
  let reports: DeliveryReports;

  beforeAll(async () => {
    ({ app, url, reports } = await startOnFastify(TermiiWebhooksModule.forRoot({ secret: [SECRET, NEW_SECRET] }), {
      rawBody: true,
    }));
  });
  afterAll(() => app?.close());

  it('verifies an event the sandbox sender signed (200) and hands it to the handler once', async () => {
    const sender = new TermiiEventSender({ url, secret: SECRET });
    const event = report('failed');
    expect((await sender.send(event)).status).toBe(200);
    expect((await sender.send(event)).status).toBe(200); // a replay: answered, not handled again
    await reports.seen(1);
    expect(reports.received[0]).toBeInstanceOf(TermiiDeliveryReport);
    expect(reports.received[0]).toMatchObject({ messageId: event['message_id'], status: 'failed' });
    // The new secret of a rotation is accepted too.
    expect((await new TermiiEventSender({ url, secret: NEW_SECRET }).send(report())).status).toBe(200);
    await reports.seen(2);
    expect(reports.received.filter((r) => r.messageId === event['message_id'])).toHaveLength(1);
  });

  it('answers 401 to a forged event, an altered one and one signed with another secret', async () => {
    const forged = signedTermiiEvent(report(), 'forged');
    expect(await post(url, forged.body, forged.headers)).toBe(401);
    const signed = signedTermiiEvent(report('Message Failed'), SECRET);
    expect(await post(url, signed.body.replace('Message Failed', 'Delivered'), signed.headers)).toBe(401);
    const unsigned = JSON.stringify(report());
    expect(await post(url, unsigned, { 'content-type': 'application/json' })).toBe(401);
  });

  it('answers 400 to a signed body that is not a JSON object, and 413 to one over 64 KiB', async () => {
    const text = 'type=outbound&message_id=1';
    expect(
      await post(url, text, { 'content-type': 'text/plain', 'x-termii-signature': signTermiiEvent(text, SECRET) }),
    ).toBe(400);
    const array = signedTermiiEvent('[1]', SECRET);
    expect(await post(url, array.body, array.headers)).toBe(400);
    const large = signedTermiiEvent(report('delivered', 'x'.repeat(70 * 1024)), SECRET);
    expect(await post(url, large.body, large.headers)).toBe(413);
  });

  it("reports to this app's URL from a sandbox told it after listen (port 0)", async () => {
    const sandbox = await startTermiiSandbox({ webhookSecret: SECRET });
    try {
      sandbox.setWebhookUrl(url);
      const before = reports.received.length;
      expect((await sandbox.sendEvent(report('dnd'))).status).toBe(200);
      await reports.seen(before + 1);
      expect(reports.received.at(-1)?.status).toBe('dnd');
    } finally {
      await sandbox.close();
    }
  });
});

describe('nestjs-termii/webhooks on Fastify without rawBody: true', () => {
  it('answers 500 and logs "create the app with rawBody: true"; no handler runs', async () => {
    const logger = new ErrorLines();
    const { app, url, reports } = await startOnFastify(TermiiWebhooksModule.forRoot({ secret: SECRET }), {
      rawBody: false,
      logger,
    });
    try {
      const { body, headers } = signedTermiiEvent(report(), SECRET);
      expect(await post(url, body, headers)).toBe(500);
      expect(logger.errors.some((line) => /create the app with rawBody: true/i.test(line))).toBe(true);
      expect(logger.errors.some((line) => line.includes(SECRET))).toBe(false);
      expect(reports.received).toHaveLength(0);
    } finally {
      await app.close();
    }
  });
});
