import { Injectable, INestApplication, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { TermiiEventSender } from 'nestjs-termii/sandbox';
import {
  OnTermiiEvent,
  TermiiDeliveryReport,
  TermiiWebhooksModule,
  signedTermiiEvent,
  termiiDeliveryReport,
} from 'nestjs-termii/webhooks';

const SECRET = 'consumer-webhook-secret';

@Injectable()
class DeliveryReports {
  readonly received: TermiiDeliveryReport[] = [];
  private notify?: () => void;

  @OnTermiiEvent('outbound')
  onReport(report: TermiiDeliveryReport): void {
    this.received.push(report);
    this.notify?.();
  }

  next(): Promise<void> {
    return new Promise((resolve) => (this.notify = resolve));
  }
}

@Module({ imports: [TermiiWebhooksModule.forRoot({ secret: SECRET })], providers: [DeliveryReports] })
class WebhookApp {}

describe('nestjs-termii/webhooks in a NestJS 11 CommonJS app', () => {
  let app: INestApplication;
  let url: string;

  beforeAll(async () => {
    app = await NestFactory.create(WebhookApp, { rawBody: true, logger: false });
    await app.listen(0, '127.0.0.1');
    url = `${(await app.getUrl()).replace('[::1]', '127.0.0.1')}/termii/events`;
  });
  afterAll(() => app?.close());

  it('loads the CommonJS build', () => {
    expect(require.resolve('nestjs-termii/webhooks')).toMatch(/[\\/]dist[\\/]cjs[\\/]webhooks[\\/]index\.js$/);
  });

  it('verifies an event the sandbox sender signed and hands it to the handler', async () => {
    const reports = app.get(DeliveryReports);
    const arrived = reports.next();
    const sender = new TermiiEventSender({ url, secret: SECRET });
    const delivery = await sender.send(
      termiiDeliveryReport({ messageId: 'm-1', receiver: '2348109477743', status: 'failed' }),
    );
    expect(delivery.status).toBe(200);
    await arrived;
    expect(reports.received[0]).toBeInstanceOf(TermiiDeliveryReport);
    expect(reports.received[0]).toMatchObject({ messageId: 'm-1', status: 'failed' });
  });

  it('answers 401 to a forged event', async () => {
    const { body, headers } = signedTermiiEvent(termiiDeliveryReport({ messageId: 'm-2', receiver: '234' }), 'forged');
    expect((await fetch(url, { method: 'POST', headers, body })).status).toBe(401);
  });
});
