/**
 * The emulator's event sender against a real Nest app with TermiiWebhooksModule (sign → POST → verified →
 * handler), and against plain loopback servers for what an endpoint can do wrong.
 */
import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { inspect } from 'node:util';
import { TermiiConfigError } from '../../lib/errors/index.js';
import { TermiiEventDeliveryError, TermiiEventSender } from '../../lib/emulator/index.js';
import {
  TermiiDeliveryReport,
  TermiiWebhooksModule,
  termiiDeliveryReport,
  verifyTermiiSignature,
} from '../../lib/webhooks/index.js';
import { renderingsOf } from '../support/canary.js';
import { closedPort, startScriptedServer, type ScriptedServer } from '../support/scripted-server.js';
import { startWebhookApp, type RecordingHandlers } from './support/webhook-app.js';

const SECRET = 'whsecCanary-sender-91b2d7';

describe('TermiiEventSender → TermiiWebhooksModule in a Nest app', () => {
  let app: INestApplication;
  let url: string;
  let handlers: RecordingHandlers;

  beforeAll(async () => {
    ({ app, url, handlers } = await startWebhookApp(TermiiWebhooksModule.forRoot({ secret: SECRET })));
  });
  afterAll(() => app?.close());

  it('signs and posts a delivery report that the app verifies and hands to its handler', async () => {
    const sender = new TermiiEventSender({ url: `${url}/termii/events`, secret: SECRET });
    const event = termiiDeliveryReport({ messageId: 'sent-1', receiver: '2348109477743', status: 'dnd' });
    const delivery = await sender.send(event);
    expect(delivery).toEqual({ status: 200, body: '{"received":true}', sentBody: JSON.stringify(event) });
    await handlers.seen(1);
    expect(handlers.outbound).toHaveLength(1);
    expect(handlers.outbound[0]).toBeInstanceOf(TermiiDeliveryReport);
    expect(handlers.outbound[0]).toMatchObject({
      messageId: 'sent-1',
      status: 'dnd',
      rawStatus: 'DND Active on Phone Number',
    });
  });

  it('returns what the endpoint answered to an event signed with another secret (401), without throwing', async () => {
    const sender = new TermiiEventSender({ url: `${url}/termii/events`, secret: 'not-the-app-secret' });
    const delivery = await sender.send(termiiDeliveryReport({ messageId: 'sent-2', receiver: '2348109477743' }));
    expect(delivery.status).toBe(401);
    expect(delivery.body).toContain('x-termii-signature');
  });

  it('sends an exact body text as given', async () => {
    const sender = new TermiiEventSender({ url: `${url}/termii/events`, secret: SECRET });
    const text = '{ "type": "outbound", "message_id": "sent-3", "receiver": "2348109477743", "status": "Expired" }';
    expect((await sender.send(text)).status).toBe(200);
    await handlers.seen(2);
    expect(handlers.all.at(-1)).toMatchObject({ messageId: 'sent-3', status: 'expired' });
  });
});

describe('TermiiEventSender on its own', () => {
  let server: ScriptedServer;
  beforeAll(async () => {
    server = await startScriptedServer();
  });
  afterAll(() => server.close());

  it('sends the signature header, content type and length the options say', async () => {
    server.handle((_req, res) => res.writeHead(204).end());
    const sender = new TermiiEventSender({
      url: `${server.url}/hook`,
      secret: SECRET,
      signatureHeader: 'X-Signature',
      algorithm: 'sha256',
      encoding: 'base64',
    });
    const delivery = await sender.send({ type: 'outbound' });
    expect(delivery.status).toBe(204);
    const received = server.requests.at(-1)!;
    expect(received.method).toBe('POST');
    expect(received.path).toBe('/hook');
    expect(received.headers['content-type']).toBe('application/json');
    expect(received.text).toBe('{"type":"outbound"}');
    expect(
      verifyTermiiSignature(received.text, received.headers['x-signature'], SECRET, {
        algorithm: 'sha256',
        encoding: 'base64',
      }),
    ).toBe(true);
  });

  it('rejects with a timeout error when no answer comes in time, naming the URL without its query', async () => {
    server.handle(() => undefined);
    const sender = new TermiiEventSender({ url: `${server.url}/hook?token=${SECRET}`, secret: SECRET, timeoutMs: 150 });
    const error = await sender.send({ type: 'outbound' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TermiiEventDeliveryError);
    expect(error).toMatchObject({ reason: 'timeout', url: `${server.url}/hook` });
    for (const text of renderingsOf(error)) expect(text).not.toContain(SECRET);
    expect(inspect(sender, { depth: null, showHidden: true })).not.toContain(SECRET);
  });

  it('rejects with a connection error when nothing listens', async () => {
    const sender = new TermiiEventSender({ url: `http://127.0.0.1:${await closedPort()}/hook`, secret: SECRET });
    const error = await sender.send({ type: 'outbound' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TermiiEventDeliveryError);
    expect(error).toMatchObject({ reason: 'connection', code: 'ECONNREFUSED' });
  });

  it('posts over https to a server whose certificate authority it is given', async () => {
    const tls = new URL('../support/tls/', import.meta.url);
    const cert = readFileSync(new URL('localhost.crt', tls));
    const received: string[] = [];
    const https = createServer({ key: readFileSync(new URL('localhost.key', tls)), cert }, (req, res) => {
      let text = '';
      req.on('data', (chunk: Buffer) => (text += chunk.toString()));
      req.on('end', () => {
        received.push(String(verifyTermiiSignature(text, req.headers['x-termii-signature'], SECRET)));
        res.end('ok');
      });
    });
    await new Promise<void>((resolve) => https.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = https.address() as AddressInfo;
      const sender = new TermiiEventSender({ url: `https://127.0.0.1:${port}/hook`, secret: SECRET, ca: cert });
      expect(await sender.send({ type: 'outbound' })).toMatchObject({ status: 200, body: 'ok' });
      expect(received).toEqual(['true']);
      const untrusting = new TermiiEventSender({ url: `https://127.0.0.1:${port}/hook`, secret: SECRET });
      await expect(untrusting.send({ type: 'outbound' })).rejects.toMatchObject({ reason: 'connection' });
    } finally {
      https.closeAllConnections();
      await new Promise<void>((resolve) => https.close(() => resolve()));
    }
  });

  it.each([
    [{ url: 'not a url', secret: SECRET }, 'url'],
    [{ url: 'ftp://127.0.0.1/hook', secret: SECRET }, 'url'],
    [{ url: 'http://127.0.0.1/hook', secret: '' }, 'secret'],
    [{ url: 'http://127.0.0.1/hook', secret: SECRET, timeoutMs: 0 }, 'timeoutMs'],
    [{ url: 'http://127.0.0.1/hook', secret: SECRET, algorithm: 'nope' }, 'algorithm'],
  ])('refuses invalid options %j, naming %s', (options, field) => {
    const error = (() => {
      try {
        return new TermiiEventSender(options);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(TermiiConfigError);
    expect(error).toMatchObject({ field });
    for (const text of renderingsOf(error)) expect(text).not.toContain(SECRET);
  });
});
