import {
  Injectable,
  Module,
  type DynamicModule,
  type INestApplication,
  type LoggerService,
  type NestApplicationOptions,
} from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import {
  OnTermiiEvent,
  signedTermiiEvent,
  type SignedTermiiEventOptions,
  type TermiiEvent,
} from '../../../lib/webhooks/index.js';

/**
 * The app's handlers in these tests: every event, in order of arrival, and a way to wait for the next one.
 * `gate`, when set, holds each outbound handler call until the test opens it.
 */
@Injectable()
export class RecordingHandlers {
  readonly outbound: TermiiEvent[] = [];
  readonly all: TermiiEvent[] = [];
  gate?: Promise<void>;
  private waiters: { count: number; resolve: () => void }[] = [];

  @OnTermiiEvent('outbound')
  async onDeliveryReport(event: TermiiEvent): Promise<void> {
    if (this.gate) await this.gate;
    this.outbound.push(event);
  }

  @OnTermiiEvent('*')
  onAnyEvent(event: TermiiEvent): void {
    this.all.push(event);
    this.waiters = this.waiters.filter((w) => (this.all.length >= w.count ? (w.resolve(), false) : true));
  }

  /** Resolves once `count` events in all have reached the `*` handler. */
  seen(count: number): Promise<void> {
    if (this.all.length >= count) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ count, resolve }));
  }
}

/** The Nest HTTP platforms the webhook endpoint is proven on. */
export const PLATFORMS = ['express', 'fastify'] as const;
export type Platform = (typeof PLATFORMS)[number];

/**
 * A real Nest app (Express, or Fastify with `platform: 'fastify'`) on 127.0.0.1 with `webhooks`, the
 * recording handlers and any other `imports`, on a free port. A sender that needs the URL (the sandbox)
 * takes it afterwards: `sandbox.setWebhookUrl(url + '/termii/events')`.
 */
export async function startWebhookApp(
  webhooks: DynamicModule,
  options: {
    rawBody?: boolean;
    logger?: LoggerService;
    providers?: unknown[];
    imports?: unknown[];
    platform?: Platform;
  } = {},
): Promise<{ app: INestApplication; url: string; handlers: RecordingHandlers }> {
  @Module({
    imports: [webhooks, ...((options.imports ?? []) as [])],
    providers: [RecordingHandlers, ...((options.providers ?? []) as [])],
  })
  class WebhookTestApp {}
  const appOptions: NestApplicationOptions = {
    rawBody: options.rawBody ?? true,
    logger: options.logger ?? false,
    abortOnError: false,
  };
  const app =
    options.platform === 'fastify'
      ? await NestFactory.create(WebhookTestApp, new FastifyAdapter(), appOptions)
      : await NestFactory.create(WebhookTestApp, appOptions);
  await app.listen(0, '127.0.0.1');
  const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  return { app, url, handlers: app.get(RecordingHandlers) };
}

/** POSTs `event` signed with `secret` (or with the given headers and body) and returns status and text. */
export async function postEvent(
  url: string,
  event: object | string,
  secret: string,
  options: SignedTermiiEventOptions = {},
): Promise<{ status: number; text: string }> {
  const { body, headers } = signedTermiiEvent(event, secret, options);
  return post(url, body, headers);
}

export async function post(
  url: string,
  body: string,
  headers: Record<string, string>,
): Promise<{ status: number; text: string }> {
  const res = await fetch(url, { method: 'POST', headers, body });
  return { status: res.status, text: await res.text() };
}
