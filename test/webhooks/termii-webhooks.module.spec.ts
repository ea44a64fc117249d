/**
 * TermiiWebhooksModule inside real Nest apps on loopback, events posted with fetch. The endpoint's answers
 * are proven on both Nest HTTP platforms (Express, and Fastify through @nestjs/platform-fastify).
 * "No handler was called" is proven without waiting on time: after the rejected request, one valid
 * sentinel event is sent; when it arrives, it must be the only event the handlers have seen.
 */
import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import {
  Injectable,
  Module,
  Scope,
  SetMetadata,
  type CanActivate,
  type ExecutionContext,
  type INestApplication,
} from '@nestjs/common';
import { ConfigModule, ConfigService } from '@nestjs/config';
import { Test } from '@nestjs/testing';
import { APP_GUARD, NestFactory, Reflector } from '@nestjs/core';
import { createHmac } from 'node:crypto';
import { inspect } from 'node:util';
import { TermiiConfigError } from '../../lib/errors/index.js';
import {
  OnTermiiEvent,
  TERMII_WEBHOOKS_MODULE_OPTIONS,
  TermiiDeliveryReport,
  TermiiWebhooksModule,
  signTermiiEvent,
  termiiDeliveryReport,
  termiiInboundMessage,
} from '../../lib/webhooks/index.js';
import { TermiiWebhooksOptions } from '../../lib/webhooks/termii-webhooks-options.js';
import { renderingsOf } from '../support/canary.js';
import { CaptureLogger } from '../support/capture-logger.js';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { PLATFORMS, RecordingHandlers, post, postEvent, startWebhookApp } from './support/webhook-app.js';

/** A secret no test data or library text could produce by chance. */
const SECRET = 'whsecCanary-3f8a1c9e77d2';
const logger = new CaptureLogger();

let sequence = 0;
/** A delivery report for a new message id each time. */
function report(status = 'delivered', extra: Record<string, string> = {}): Record<string, string | null> {
  sequence += 1;
  return {
    ...termiiDeliveryReport({ messageId: `msg-${sequence}`, receiver: '2348109477743', status, cost: '3.9' }),
    ...extra,
  };
}

describe.each(PLATFORMS)('TermiiWebhooksModule.forRoot, default options, rawBody: true, on %s', (platform) => {
  let app: INestApplication;
  let endpoint: string;
  let handlers: RecordingHandlers;

  beforeAll(async () => {
    const started = await startWebhookApp(TermiiWebhooksModule.forRoot({ secret: SECRET }), { logger, platform });
    app = started.app;
    endpoint = `${started.url}/termii/events`;
    handlers = started.handlers;
  });
  afterAll(async () => {
    await app?.close();
    // The canary: whatever happened in this suite, no log line holds the secret.
    expect(logger.lines.length).toBeGreaterThan(0);
    for (const line of logger.lines) expect(line.text).not.toContain(SECRET);
  });

  /** Sends a valid sentinel and asserts it is the only event the handlers saw since `before`. */
  async function expectNothingDeliveredSince(before: number): Promise<void> {
    const sentinel = report('delivered');
    expect((await postEvent(endpoint, sentinel, SECRET)).status).toBe(200);
    await handlers.seen(before + 1);
    expect(handlers.all.slice(before).map((e) => (e as TermiiDeliveryReport).messageId)).toEqual([
      sentinel['message_id'],
    ]);
  }

  it('answers 200 to a validly signed delivery report and calls the handler once with the typed event', async () => {
    const before = handlers.all.length;
    const body = {
      type: 'outbound',
      id: '8248611476370959318',
      message_id: '5964465985113503103',
      receiver: '2343459509389',
      sender: 'N-Alert',
      message: 'Your Termii confirmation code is 234u53.',
      sent_at: '2020-12-16 11:34:36',
      cost: '3.9',
      status: 'DELIVERED | Message delivered to handset',
      channel: 'dnd',
    };
    const answer = await postEvent(endpoint, body, SECRET);
    expect(answer).toEqual({ status: 200, text: '{"received":true}' });
    await handlers.seen(before + 1);
    const received = handlers.outbound.filter((e) => (e as TermiiDeliveryReport).messageId === body.message_id);
    expect(received).toHaveLength(1);
    expect(received[0]).toBeInstanceOf(TermiiDeliveryReport);
    expect(received[0]).toEqual({
      type: 'outbound',
      id: '8248611476370959318',
      messageId: '5964465985113503103',
      receiver: '2343459509389',
      sender: 'N-Alert',
      message: 'Your Termii confirmation code is 234u53.',
      sentAt: '2020-12-16 11:34:36',
      cost: 3.9,
      channel: 'dnd',
      status: 'delivered',
      rawStatus: 'DELIVERED | Message delivered to handset',
    });
  });

  it('reads a delivery report whose ids are bare JSON numbers beyond 2^53 digit for digit', async () => {
    const before = handlers.all.length;
    // The exact body text: JSON.stringify of a JS number could not even write these digits.
    const body =
      '{"type":"outbound","id":8248611476370959318,"message_id":3017544054459083819856413,' +
      '"receiver":"2348109477743","status":"Delivered"}';
    expect((await postEvent(endpoint, body, SECRET)).status).toBe(200);
    await handlers.seen(before + 1);
    const received = handlers.all.slice(before) as TermiiDeliveryReport[];
    expect(received.map((event) => [event.id, event.messageId])).toEqual([
      ['8248611476370959318', '3017544054459083819856413'],
    ]);
  });

  it('reads the signature header in any letter case', async () => {
    const before = handlers.all.length;
    const event = report();
    const body = JSON.stringify(event);
    const answer = await post(endpoint, body, {
      'Content-Type': 'application/json',
      'X-TERMII-SIGNATURE': signTermiiEvent(body, SECRET),
    });
    expect(answer.status).toBe(200);
    await handlers.seen(before + 1);
    expect((handlers.all.at(-1) as TermiiDeliveryReport).messageId).toBe(event['message_id']);
  });

  const rejections: [string, () => Promise<{ status: number; text: string }>, number][] = [
    [
      'no signature header',
      () => post(endpoint, JSON.stringify(report()), { 'content-type': 'application/json' }),
      401,
    ],
    [
      'an empty signature header',
      () => post(endpoint, JSON.stringify(report()), { 'content-type': 'application/json', 'x-termii-signature': '' }),
      401,
    ],
    ['a signature made with another secret', () => postEvent(endpoint, report(), 'another-secret'), 401],
    [
      'the right digest in uppercase hex',
      () => {
        const body = JSON.stringify(report());
        const signature = signTermiiEvent(body, SECRET).toUpperCase();
        return post(endpoint, body, { 'content-type': 'application/json', 'x-termii-signature': signature });
      },
      401,
    ],
    [
      'the right digest in base64 (hex expected)',
      () => {
        const body = JSON.stringify(report());
        const signature = createHmac('sha512', SECRET).update(body).digest('base64');
        return post(endpoint, body, { 'content-type': 'application/json', 'x-termii-signature': signature });
      },
      401,
    ],
    [
      'a body altered after signing (status changed to delivered)',
      () => {
        const signed = JSON.stringify(report('Message Failed'));
        const altered = signed.replace('Message Failed', 'Delivered');
        return post(endpoint, altered, {
          'content-type': 'application/json',
          'x-termii-signature': signTermiiEvent(signed, SECRET),
        });
      },
      401,
    ],
    [
      'a body re-serialised after signing (same data, other spacing)',
      () => {
        const event = report();
        return post(endpoint, JSON.stringify(event, null, 2), {
          'content-type': 'application/json',
          'x-termii-signature': signTermiiEvent(JSON.stringify(event), SECRET),
        });
      },
      401,
    ],
    [
      'a signed body over 64 KiB',
      () => postEvent(endpoint, report('delivered', { message: 'x'.repeat(70 * 1024) }), SECRET),
      413,
    ],
    ['a signed JSON array', () => postEvent(endpoint, JSON.stringify([report()]), SECRET), 400],
    ['a signed JSON string', () => postEvent(endpoint, '"outbound"', SECRET), 400],
    [
      'a signed body that is not JSON (text/plain)',
      () => {
        const body = 'type=outbound&message_id=1';
        return post(endpoint, body, {
          'content-type': 'text/plain',
          'x-termii-signature': signTermiiEvent(body, SECRET),
        });
      },
      400,
    ],
    [
      'a signed body that is not JSON (declared application/json)',
      () => {
        const body = '{"type":"outbound",';
        return post(endpoint, body, {
          'content-type': 'application/json',
          'x-termii-signature': signTermiiEvent(body, SECRET),
        });
      },
      400,
    ],
  ];

  it.each(rejections)('rejects %s, and calls no handler', async (_name, send, status) => {
    const before = handlers.all.length;
    const answer = await send();
    expect(answer.status).toBe(status);
    expect(answer.text).not.toContain(SECRET);
    await expectNothingDeliveredSince(before);
  });

  it('answers a signed body of a content type no parser knows: Express lets the module read it (400, not an object), Fastify refuses it first (415)', async () => {
    const before = handlers.all.length;
    const body = JSON.stringify([report()]);
    const answer = await post(endpoint, body, {
      'content-type': 'application/octet-stream',
      'x-termii-signature': signTermiiEvent(body, SECRET),
    });
    expect(answer.status).toBe(platform === 'fastify' ? 415 : 400);
    await expectNothingDeliveredSince(before);
  });

  it('delivers the same event sent twice to the handlers once, and answers 200 both times', async () => {
    const before = handlers.all.length;
    const event = report('delivered');
    expect((await postEvent(endpoint, event, SECRET)).status).toBe(200);
    expect((await postEvent(endpoint, event, SECRET)).status).toBe(200);
    // Same message and outcome in another wording (and other bytes): still the same event.
    expect(
      (await postEvent(endpoint, { ...event, status: 'DELIVERED | Message delivered to handset' }, SECRET)).status,
    ).toBe(200);
    await expectNothingDeliveredSince(before + 1);
    expect(handlers.all.filter((e) => (e as TermiiDeliveryReport).messageId === event['message_id'])).toHaveLength(1);
  });

  it('delivers each new status of the same message', async () => {
    const before = handlers.all.length;
    const sent = report('sent');
    const delivered = { ...sent, status: 'Delivered' };
    expect((await postEvent(endpoint, sent, SECRET)).status).toBe(200);
    expect((await postEvent(endpoint, delivered, SECRET)).status).toBe(200);
    await handlers.seen(before + 2);
    expect(handlers.all.slice(before).map((e) => (e as TermiiDeliveryReport).status)).toEqual(['sent', 'delivered']);
  });

  // Every status text in the api-notes ("Events (webhooks)"), and the form Termii's docs table uses.
  const statusTexts: [string, string][] = [
    ['DELIVERED | Message delivered to handset', 'delivered'],
    ['Delivered', 'delivered'],
    ['Message Sent', 'sent'],
    ['DND Active on Phone Number', 'dnd'],
    ['Message Failed', 'failed'],
    ['Rejected', 'rejected'],
    ['Expired', 'expired'],
  ];

  it.each(statusTexts)('reads the status text "%s" as %s and keeps the raw text', async (text, status) => {
    const before = handlers.all.length;
    const event = report(text);
    expect((await postEvent(endpoint, event, SECRET)).status).toBe(200);
    await handlers.seen(before + 1);
    const received = handlers.all.at(-1) as TermiiDeliveryReport;
    expect(received.messageId).toBe(event['message_id']);
    expect(received.status).toBe(status);
    expect(received.rawStatus).toBe(text);
  });

  it('delivers inbound messages, device events and unknown types to their handlers, typed', async () => {
    const before = handlers.all.length;
    const inbound = termiiInboundMessage({ sender: '2347069549231', message: 'Great', messageId: `in-${++sequence}` });
    await postEvent(endpoint, inbound, SECRET);
    await postEvent(endpoint, { type: 'device_status', device_id: 'dev-1', status: 'offline' }, SECRET);
    await postEvent(endpoint, { type: 'something_new', detail: `n-${++sequence}` }, SECRET);
    await handlers.seen(before + 3);
    const [a, b, c] = handlers.all.slice(before);
    expect(a).toMatchObject({
      type: 'inbound',
      sender: '2347069549231',
      message: 'Great',
      cost: null,
      status: 'received',
    });
    expect(b).toMatchObject({ type: 'device', rawType: 'device_status', deviceId: 'dev-1', status: 'offline' });
    expect(c).toMatchObject({ type: 'unknown', rawType: 'something_new', payload: { type: 'something_new' } });
    // Only delivery reports reach the outbound handler.
    expect(handlers.outbound.slice(-1)[0]?.type).toBe('outbound');
    expect(handlers.outbound.some((e) => e.type !== 'outbound')).toBe(false);
  });

  it('answers before a slow handler has finished', async () => {
    let open!: () => void;
    handlers.gate = new Promise<void>((resolve) => (open = resolve));
    try {
      const before = handlers.outbound.length;
      const answer = await postEvent(endpoint, report(), SECRET);
      // The answer came while the handler is still held at the gate.
      expect(answer.status).toBe(200);
      expect(handlers.outbound.length).toBe(before);
      open();
      await new Promise<void>((resolve) => {
        const check = (): void => (handlers.outbound.length > before ? resolve() : void setImmediate(check));
        check();
      });
      expect(handlers.outbound.length).toBe(before + 1);
    } finally {
      handlers.gate = undefined;
      open();
    }
  });

  it('keeps the secret out of util.inspect and JSON of the options providers', () => {
    for (const value of [app.get(TERMII_WEBHOOKS_MODULE_OPTIONS), app.get(TermiiWebhooksOptions)]) {
      expect(inspect(value, { depth: null, showHidden: true })).not.toContain(SECRET);
      expect(JSON.stringify(value)).not.toContain(SECRET);
    }
    // The control: the options really hold it.
    expect(app.get(TermiiWebhooksOptions).secrets).toEqual([SECRET]);
  });
});

const OLD_SECRET = 'whsecOldCanary-8d1e5b02';
const NEW_SECRET = 'whsecNewCanary-c47a9f63';

describe.each(PLATFORMS)('rotating the secret (secret: [old, new]), on %s', (platform) => {
  it('accepts events signed with either secret and no other, then only the new one once the old is removed', async () => {
    const capture = new CaptureLogger();
    const both = await startWebhookApp(TermiiWebhooksModule.forRoot({ secret: [OLD_SECRET, NEW_SECRET] }), {
      logger: capture,
      platform,
    });
    // Step 3 of the sequence in docs/webhooks.md: the app redeployed with the new secret alone. (The same logger: Nest's
    // static logger is process-wide, the last app's `logger` option would silence the first one's.)
    const newOnly = await startWebhookApp(TermiiWebhooksModule.forRoot({ secret: [NEW_SECRET] }), {
      logger: capture,
      platform,
    });
    try {
      const endpoint = `${both.url}/termii/events`;
      const signedOld = report();
      const signedNew = report();
      expect((await postEvent(endpoint, signedOld, OLD_SECRET)).status).toBe(200);
      expect((await postEvent(endpoint, signedNew, NEW_SECRET)).status).toBe(200);
      expect((await postEvent(endpoint, report(), 'neither-secret')).status).toBe(401);
      // Signed with one secret, the header written for the other: still refused.
      const body = JSON.stringify(report());
      const mixed = await post(endpoint, `${body} `, {
        'content-type': 'application/json',
        'x-termii-signature': signTermiiEvent(body, OLD_SECRET),
      });
      expect(mixed.status).toBe(401);
      await both.handlers.seen(2);
      expect(both.handlers.all.map((e) => (e as TermiiDeliveryReport).messageId)).toEqual([
        signedOld['message_id'],
        signedNew['message_id'],
      ]);

      const later = `${newOnly.url}/termii/events`;
      expect((await postEvent(later, report(), OLD_SECRET)).status).toBe(401);
      expect((await postEvent(later, report(), NEW_SECRET)).status).toBe(200);
      await newOnly.handlers.seen(1);

      for (const value of [both.app.get(TERMII_WEBHOOKS_MODULE_OPTIONS), both.app.get(TermiiWebhooksOptions)]) {
        const rendered = [inspect(value, { depth: null, showHidden: true }), JSON.stringify(value)];
        for (const text of rendered) {
          expect(text).not.toContain(OLD_SECRET);
          expect(text).not.toContain(NEW_SECRET);
        }
      }
      expect(JSON.stringify(both.app.get(TermiiWebhooksOptions))).toContain('"secret":["[REDACTED]","[REDACTED]"]');
      for (const line of capture.lines) {
        expect(line.text).not.toContain(OLD_SECRET);
        expect(line.text).not.toContain(NEW_SECRET);
      }
      // The control: the warning of the refused events was logged, and searched.
      expect(capture.lines.some((l) => l.level === 'warn' && /x-termii-signature/.test(l.text))).toBe(true);
    } finally {
      await both.app.close();
      await newOnly.app.close();
    }
  });
});

@Injectable()
class FailingHandlers {
  calls = 0;
  @OnTermiiEvent('outbound')
  fail(): never {
    this.calls += 1;
    throw new Error('handler exploded');
  }
}

describe('a handler that throws', () => {
  it('is logged by name, without the secret or the body, and the answer stays 200; other handlers still run', async () => {
    const capture = new CaptureLogger();
    const { app, url, handlers } = await startWebhookApp(TermiiWebhooksModule.forRoot({ secret: SECRET }), {
      logger: capture,
      providers: [FailingHandlers],
    });
    try {
      const event = report('delivered', { message: 'Your code is 918273' });
      expect((await postEvent(`${url}/termii/events`, event, SECRET)).status).toBe(200);
      await handlers.seen(1);
      const failed = await new Promise<string>((resolve) => {
        const find = (): void => {
          const line = capture.lines.find((l) => l.level === 'error' && l.text.includes('handler exploded'));
          if (line) resolve(line.text);
          else setImmediate(find);
        };
        find();
      });
      expect(failed).toContain('FailingHandlers.fail');
      expect(failed).toContain(`message ${event['message_id']}`);
      expect(app.get(FailingHandlers).calls).toBe(1);
      for (const line of capture.lines) {
        expect(line.text).not.toContain(SECRET);
        expect(line.text).not.toContain('918273');
        expect(line.text).not.toContain('2348109477743');
      }
    } finally {
      await app.close();
    }
  });
});

describe.each(PLATFORMS)('an app made by @nestjs/testing, on %s', (platform) => {
  it('works with Test.createTestingModule(...).createNestApplication({ rawBody: true })', async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [TermiiWebhooksModule.forRoot({ secret: SECRET })],
      providers: [RecordingHandlers],
    }).compile();
    const options = { rawBody: true, logger: false as const };
    const app =
      platform === 'fastify'
        ? moduleRef.createNestApplication(new FastifyAdapter(), options)
        : moduleRef.createNestApplication(options);
    await app.listen(0, '127.0.0.1');
    try {
      const url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
      expect((await postEvent(`${url}/termii/events`, report(), SECRET)).status).toBe(200);
      await app.get(RecordingHandlers).seen(1);
    } finally {
      await app.close();
    }
  });
});

describe.each(PLATFORMS)('an app created without rawBody: true, on %s', (platform) => {
  it('answers 500 and logs "create the app with rawBody: true", instead of rejecting the event as forged', async () => {
    const capture = new CaptureLogger();
    const { app, url, handlers } = await startWebhookApp(TermiiWebhooksModule.forRoot({ secret: SECRET }), {
      rawBody: false,
      logger: capture,
      platform,
    });
    try {
      const answer = await postEvent(`${url}/termii/events`, report(), SECRET);
      expect(answer.status).toBe(500);
      expect(answer.text).not.toContain(SECRET);
      const line = capture.lines.find((l) => l.level === 'error' && /create the app with rawBody: true/i.test(l.text));
      expect(line).toBeDefined();
      expect(capture.lines.some((l) => /signature/i.test(l.text) && l.level === 'warn')).toBe(false);
      expect(handlers.all).toHaveLength(0);
    } finally {
      await app.close();
    }
  });
});

const IS_PUBLIC = 'test:is-public';

/** A global guard like an app's auth guard: only controllers marked public pass. */
@Injectable()
class PublicOnlyGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}
  canActivate(context: ExecutionContext): boolean {
    return this.reflector.get<boolean>(IS_PUBLIC, context.getClass()) === true;
  }
}

@Injectable()
class WebhookConfig {
  createTermiiWebhooksOptions() {
    return { secret: SECRET, encoding: 'base64' as const, algorithm: 'sha256' };
  }
}

describe('forRootAsync, path, decorators and signature options', () => {
  it('useFactory with ConfigService, a custom path and header: only that route answers', async () => {
    process.env['TEST_TERMII_WEBHOOK_SECRET'] = SECRET;
    const { app, url, handlers } = await startWebhookApp(
      TermiiWebhooksModule.forRootAsync({
        path: 'hooks/termii',
        imports: [ConfigModule.forRoot({ ignoreEnvFile: true })],
        inject: [ConfigService],
        useFactory: (config: ConfigService) => ({
          secret: config.getOrThrow<string>('TEST_TERMII_WEBHOOK_SECRET'),
          signatureHeader: 'X-Signature',
        }),
      }),
    );
    try {
      expect(
        (await postEvent(`${url}/termii/events`, report(), SECRET, { signatureHeader: 'x-signature' })).status,
      ).toBe(404);
      expect((await postEvent(`${url}/hooks/termii`, report(), SECRET)).status).toBe(401);
      expect(
        (await postEvent(`${url}/hooks/termii`, report(), SECRET, { signatureHeader: 'x-signature' })).status,
      ).toBe(200);
      await handlers.seen(1);
      expect(handlers.all).toHaveLength(1);
    } finally {
      await app.close();
      delete process.env['TEST_TERMII_WEBHOOK_SECRET'];
    }
  });

  it('useClass with base64 HMAC-SHA256 signatures', async () => {
    const { app, url, handlers } = await startWebhookApp(
      TermiiWebhooksModule.forRootAsync({ useClass: WebhookConfig }),
    );
    try {
      const body = JSON.stringify(report());
      const base64 = createHmac('sha256', SECRET).update(body).digest('base64');
      const hex = createHmac('sha256', SECRET).update(body).digest('hex');
      expect(
        (await post(`${url}/termii/events`, body, { 'content-type': 'application/json', 'x-termii-signature': hex }))
          .status,
      ).toBe(401);
      expect(
        (await post(`${url}/termii/events`, body, { 'content-type': 'application/json', 'x-termii-signature': base64 }))
          .status,
      ).toBe(200);
      await handlers.seen(1);
    } finally {
      await app.close();
    }
  });

  it('applies the decorators extra to the endpoint controller (e.g. a @Public() that a global guard reads)', async () => {
    const guard = { provide: APP_GUARD, useClass: PublicOnlyGuard };
    const closed = await startWebhookApp(TermiiWebhooksModule.forRoot({ secret: SECRET }), { providers: [guard] });
    const open = await startWebhookApp(
      TermiiWebhooksModule.forRoot({ secret: SECRET, decorators: [SetMetadata(IS_PUBLIC, true)] }),
      { providers: [guard] },
    );
    try {
      expect((await postEvent(`${closed.url}/termii/events`, report(), SECRET)).status).toBe(403);
      expect((await postEvent(`${open.url}/termii/events`, report(), SECRET)).status).toBe(200);
      await open.handlers.seen(1);
    } finally {
      await closed.app.close();
      await open.app.close();
    }
  });

  it.each([
    [{ secret: '' }, 'secret'],
    [{ secret: [] }, 'secret'],
    [{ secret: [SECRET, ''] }, 'secret'],
    [{ secret: [SECRET, 42] }, 'secret'],
    [{ secret: Array.from({ length: 9 }, (_, i) => `${SECRET}-${i}`) }, 'secret'],
    [{ secret: SECRET, algorithm: 'sha-nope' }, 'algorithm'],
    [{ secret: SECRET, encoding: 'base32' }, 'encoding'],
    [{ secret: SECRET, maxBodyBytes: 0 }, 'maxBodyBytes'],
    [{ secret: SECRET, signatureHeader: 'bad header' }, 'signatureHeader'],
    [{ secret: SECRET, unknownOption: 1 }, 'unknownOption'],
  ])('fails start-up on invalid options %j, naming %s and never the secret', async (options, field) => {
    @Module({ imports: [TermiiWebhooksModule.forRoot(options as never)] })
    class BadApp {}
    const error = await NestFactory.create(BadApp, { logger: false, abortOnError: false }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TermiiConfigError);
    expect((error as TermiiConfigError).field).toBe(field);
    for (const text of renderingsOf(error)) expect(text).not.toContain(SECRET);
  });
});

describe('closing the app', () => {
  it('waits for a running handler before the providers go away, and answers 503 to events meanwhile', async () => {
    const { app, url, handlers } = await startWebhookApp(TermiiWebhooksModule.forRoot({ secret: SECRET }));
    let open!: () => void;
    handlers.gate = new Promise<void>((resolve) => (open = resolve));
    expect((await postEvent(`${url}/termii/events`, report(), SECRET)).status).toBe(200);
    let closed = false;
    const closing = app.close().then(() => (closed = true));
    await new Promise<void>((resolve) => setImmediate(resolve));
    expect(closed).toBe(false);
    expect(handlers.outbound).toHaveLength(0);
    // Still listening, no longer taking events: Termii will send this one again.
    expect((await postEvent(`${url}/termii/events`, report(), SECRET)).status).toBe(503);
    open();
    await closing;
    expect(handlers.outbound).toHaveLength(1);
    expect(handlers.all).toHaveLength(1);
  });
});

@Injectable({ scope: Scope.REQUEST })
class RequestScopedHandlers {
  static calls = 0;
  @OnTermiiEvent('*')
  handle(): void {
    RequestScopedHandlers.calls += 1;
  }
}

describe('a handler on a request-scoped provider', () => {
  it('is not called, and a warning says why', async () => {
    const capture = new CaptureLogger();
    const { app, url, handlers } = await startWebhookApp(TermiiWebhooksModule.forRoot({ secret: SECRET }), {
      logger: capture,
      providers: [RequestScopedHandlers],
    });
    try {
      expect((await postEvent(`${url}/termii/events`, report(), SECRET)).status).toBe(200);
      await handlers.seen(1);
      expect(RequestScopedHandlers.calls).toBe(0);
      expect(
        capture.lines.some(
          (l) => l.level === 'warn' && l.text.includes('RequestScopedHandlers.handle is not a singleton'),
        ),
      ).toBe(true);
    } finally {
      await app.close();
    }
  });
});
