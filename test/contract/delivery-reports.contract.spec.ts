/**
 * Delivery reports on both faces: the sandbox and the testing kit's emulator post Termii's signed delivery
 * reports to a real Nest app with TermiiWebhooksModule (loopback), with the outcomes a test chose, and record
 * what the endpoint answered. Same cases, same results, whichever face.
 */
import 'reflect-metadata';
import { afterAll, afterEach, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import { getActiveResourcesInfo } from 'node:process';
import { TermiiEventDeliveryError, type TermiiEmulatorOptions } from '../../lib/emulator/index.js';
import { TermiiConfigError } from '../../lib/errors/index.js';
import {
  TermiiDeliveryReport,
  TermiiInboundMessage,
  TermiiWebhooksModule,
  termiiInboundMessage,
} from '../../lib/webhooks/index.js';
import { closedPort, startScriptedServer } from '../support/scripted-server.js';
import { startWebhookApp, type RecordingHandlers } from '../webhooks/support/webhook-app.js';
import { inMemoryFace, sandboxFace, type TermiiFace } from './termii-faces.js';

const SECRET = 'whsecCanary-contract-5e81c0';
const KEY = 'contract-key-2b7e';
const PHONE = '2348109477743';
const OTHER_PHONE = '2348031234567';
const SEND = '/api/sms/otp/send';
const SEND_VOICE = '/api/sms/otp/send/voice';
const CALL = '/api/sms/otp/call';
const SEND_EMAIL = '/api/email/otp/send';

const sendBody = (to = PHONE) => ({
  api_key: KEY,
  message_type: 'NUMERIC',
  to,
  from: 'Acme',
  channel: 'dnd',
  pin_attempts: 3,
  pin_time_to_live: 5,
  pin_length: 6,
  pin_placeholder: '< 1234 >',
  message_text: 'Your Acme code is < 1234 >.',
});
const voiceBody = { api_key: KEY, phone_number: PHONE, pin_attempts: 3, pin_time_to_live: 5, pin_length: 6 };
const callBody = { api_key: KEY, phone_number: PHONE, code: 48213 };
const emailBody = {
  api_key: KEY,
  email_address: 'ada@example.com',
  code: 'A7K2Q9',
  email_configuration_id: '0a53c416-ef51-4a1b-9f36-1a1e5c1d2b3c',
};

const faces: [string, (options: TermiiEmulatorOptions) => Promise<TermiiFace>][] = [
  ['sandbox (HTTP)', (options) => sandboxFace(options)],
  ['testing module (in memory)', async (options) => inMemoryFace(options)],
];

/** How many timers the process holds now. */
const timers = () => getActiveResourcesInfo().filter((kind) => kind === 'Timeout').length;

describe.each(faces)('delivery reports — %s', (_name, createFace) => {
  let app: INestApplication;
  let events: string;
  let handlers: RecordingHandlers;
  let face: TermiiFace;
  const opened: TermiiFace[] = [];

  async function open(options: TermiiEmulatorOptions): Promise<TermiiFace> {
    const created = await createFace({ apiKeys: [KEY], ...options });
    opened.push(created);
    return created;
  }

  beforeAll(async () => {
    let url: string;
    ({ app, url, handlers } = await startWebhookApp(TermiiWebhooksModule.forRoot({ secret: SECRET })));
    events = `${url}/termii/events`;
    face = await open({ webhookUrl: events, webhookSecret: SECRET });
  });
  afterEach(async () => {
    await face.handle.flushDeliveryReports();
    face.handle.reset();
    await Promise.all(opened.splice(1).map((other) => other.close()));
  });
  afterAll(async () => {
    await Promise.all(opened.map((each) => each.close()));
    await app?.close();
  });

  /** The outbound events the app's handler got, from the `from`-th on, once `count` have arrived. */
  async function reports(from: number, count: number): Promise<TermiiDeliveryReport[]> {
    await face.handle.flushDeliveryReports();
    await handlers.seen(from + count);
    return handlers.all.slice(from) as TermiiDeliveryReport[];
  }

  it('posts one signed "delivered" report per SMS, with Termii\'s fields, which the app verifies and reads', async () => {
    const before = handlers.all.length;
    const answer = await face.send('POST', SEND, sendBody());
    expect(answer.status).toBe(200);
    const sent = face.handle.lastMessage(PHONE)!;

    const [report] = await reports(before, 1);
    expect(report).toBeInstanceOf(TermiiDeliveryReport);
    expect(report).toMatchObject({
      type: 'outbound',
      messageId: sent.messageId,
      receiver: PHONE,
      sender: 'Acme',
      message: sent.text,
      cost: sent.cost,
      channel: 'dnd',
      status: 'delivered',
      rawStatus: 'Delivered',
    });
    expect(report.id).toMatch(/^\d{19}$/);

    const [delivery] = face.handle.webhookDeliveries;
    expect(delivery).toMatchObject({ status: 200 });
    const event = delivery.event as Record<string, string>;
    expect(event['sent_at']).toBe(new Date(sent.sentAt).toISOString().slice(0, 19).replace('T', ' '));
    expect(event['cost']).toBe(String(sent.cost));
    expect(Object.keys(event)).toEqual([
      'type',
      'id',
      'message_id',
      'message_id_str',
      'receiver',
      'sender',
      'message',
      'sent_at',
      'cost',
      'status',
      'channel',
    ]);
  });

  it("posts one report per recipient of a message, each with the request's message_id and message_id_str", async () => {
    const before = handlers.all.length;
    const answer = await face.send('POST', '/api/sms/send', {
      api_key: KEY,
      to: [PHONE, OTHER_PHONE],
      from: 'Acme',
      sms: 'Your order has shipped',
      type: 'plain',
      channel: 'generic',
    });
    expect(answer.status).toBe(200);
    const messageId = (answer.body as { message_id_str: string }).message_id_str;
    const got = await reports(before, 2);
    expect(got.map((report) => [report.receiver, report.messageId, report.channel, report.message])).toEqual([
      [PHONE, messageId, 'generic', 'Your order has shipped'],
      [OTHER_PHONE, messageId, 'generic', 'Your order has shipped'],
    ]);
    const events = face.handle.webhookDeliveries.map((delivery) => delivery.event as Record<string, string>);
    expect(events.map((event) => [event['message_id'], event['message_id_str']])).toEqual([
      [messageId, messageId],
      [messageId, messageId],
    ]);
  });

  it('reports a recipient set to "failed" (any formatting) as failed, and others as delivered', async () => {
    face.handle.setDeliveryOutcome('+234 810 947 7743', 'failed');
    const before = handlers.all.length;
    await face.send('POST', SEND, sendBody(PHONE));
    await face.send('POST', SEND, sendBody(OTHER_PHONE));
    const got = await reports(before, 2);
    const byReceiver = Object.fromEntries(got.map((report) => [report.receiver, report]));
    expect(byReceiver[PHONE]).toMatchObject({ status: 'failed', rawStatus: 'Message Failed' });
    expect(byReceiver[OTHER_PHONE]).toMatchObject({ status: 'delivered' });
  });

  it('gives the next deliveries the queued outcomes, in order, before any recipient outcome', async () => {
    face.handle.setDeliveryOutcome(PHONE, 'rejected');
    face.handle.nextDeliveryOutcome('dnd');
    face.handle.nextDeliveryOutcome('expired');
    const before = handlers.all.length;
    for (let i = 0; i < 3; i++) {
      await face.send('POST', SEND, sendBody());
      // One at a time, so that arrival order is the send order.
      await reports(before, i + 1);
    }
    const got = await reports(before, 3);
    expect(got.map((report) => [report.status, report.rawStatus])).toEqual([
      ['dnd', 'DND Active on Phone Number'],
      ['expired', 'Expired'],
      ['rejected', 'Rejected'],
    ]);
  });

  it('reports Voice Token and Voice Call deliveries (channel "voice"), and none for an email', async () => {
    const before = handlers.all.length;
    await face.send('POST', SEND_EMAIL, emailBody);
    face.handle.nextDeliveryOutcome('sent');
    await face.send('POST', SEND_VOICE, voiceBody);
    await face.send('POST', CALL, callBody);
    const got = await reports(before, 2);
    const voiceIds = face.handle.messages.filter((m) => m.channel !== 'email').map((m) => m.messageId);
    expect(got.map((report) => report.messageId).sort()).toEqual([...voiceIds].sort());
    expect(got.every((report) => report.channel === 'voice' && report.receiver === PHONE)).toBe(true);
    expect(got.map((report) => report.status).sort()).toEqual(['delivered', 'sent']);
    expect(face.handle.webhookDeliveries).toHaveLength(2);
  });

  it('sends any event a test gives, resolving with the answer and recording it', async () => {
    const before = handlers.all.length;
    const event = termiiInboundMessage({ sender: PHONE, message: 'STOP' });
    const answer = await face.handle.sendEvent(event);
    expect(answer).toEqual({ status: 200, body: '{"received":true}', sentBody: JSON.stringify(event) });
    await handlers.seen(before + 1);
    expect(handlers.all[before]).toBeInstanceOf(TermiiInboundMessage);
    expect(face.handle.webhookDeliveries).toEqual([{ event, status: 200, body: '{"received":true}' }]);
  });

  it('records the 401 of an endpoint that checks another secret; the app calls no handler; the send still answers 200', async () => {
    const wrong = await open({ webhookUrl: events, webhookSecret: 'not-the-app-secret' });
    const before = handlers.all.length;
    expect((await wrong.send('POST', SEND, sendBody())).status).toBe(200);
    await wrong.handle.flushDeliveryReports();
    const [delivery] = wrong.handle.webhookDeliveries;
    expect(delivery.status).toBe(401);
    expect(delivery.body).toContain('x-termii-signature');
    expect(handlers.all.length).toBe(before);
  });

  it('records a refused connection and a 500 as failures without touching the Token API answer', async () => {
    const refused = await open({
      webhookUrl: `http://127.0.0.1:${await closedPort()}/termii/events`,
      webhookSecret: SECRET,
    });
    expect((await refused.send('POST', SEND, sendBody())).status).toBe(200);
    await refused.handle.flushDeliveryReports();
    const [failure] = refused.handle.webhookDeliveries;
    expect(failure.error).toBeInstanceOf(TermiiEventDeliveryError);
    expect(failure.error).toMatchObject({ reason: 'connection', code: 'ECONNREFUSED' });
    expect(failure.status).toBeUndefined();

    const broken = await startScriptedServer((_req, res) => res.writeHead(500).end('boom'));
    try {
      const erring = await open({ webhookUrl: `${broken.url}/termii/events`, webhookSecret: SECRET });
      expect((await erring.send('POST', SEND_VOICE, voiceBody)).status).toBe(200);
      await erring.handle.flushDeliveryReports();
      expect(erring.handle.webhookDeliveries).toMatchObject([{ status: 500, body: 'boom' }]);
      expect(broken.requests).toHaveLength(1);
    } finally {
      await broken.close();
    }
  });

  it('posts after deliveryReportDelayMs, and flushDeliveryReports posts at once', async () => {
    const slow = await open({ webhookUrl: events, webhookSecret: SECRET, deliveryReportDelayMs: 600_000 });
    const before = handlers.all.length;
    await slow.send('POST', SEND, sendBody());
    // The report waits for its 10 minutes: nothing has been posted.
    expect(slow.handle.webhookDeliveries).toEqual([]);
    await slow.handle.flushDeliveryReports();
    expect(slow.handle.webhookDeliveries).toMatchObject([{ status: 200 }]);
    await handlers.seen(before + 1);
  });

  it('close() cancels pending reports and abandons those in flight, leaving no timer behind', async () => {
    const baseline = timers();
    const hanging = await startScriptedServer(() => undefined);
    try {
      const closing = await open({
        webhookUrl: `${hanging.url}/termii/events`,
        webhookSecret: SECRET,
        deliveryReportDelayMs: 600_000,
      });
      const inFlight = closing.handle.sendEvent(termiiInboundMessage({ sender: PHONE, message: 'hi' }));
      await closing.send('POST', SEND, sendBody());
      // Counted by the reporter: the process-wide timer count also moves with timers of earlier tests ending.
      expect(closing.handle.pendingDeliveryReports).toBe(2);
      await closing.close();
      await expect(inFlight).rejects.toMatchObject({ reason: 'aborted' });
      expect(closing.handle.pendingDeliveryReports).toBe(0);
      expect(timers()).toBeLessThanOrEqual(baseline);
      // Only the event already in flight reached the server; the pending report never will.
      expect(hanging.requests.length).toBeLessThanOrEqual(1);
      expect(closing.handle.webhookDeliveries).toMatchObject([{ error: { reason: 'aborted' } }]);
    } finally {
      await hanging.close();
    }
  });

  it('says which option is wrong, and that nothing is reported without webhookUrl', async () => {
    await expect(createFace({ webhookUrl: events })).rejects.toThrow(
      new TermiiConfigError('webhookSecret', 'is required with webhookUrl'),
    );
    await expect(createFace({ webhookUrl: 'ftp://x/events', webhookSecret: SECRET })).rejects.toThrow(
      /"webhookUrl": must use http: or https:/,
    );
    await expect(createFace({ webhookUrl: events, webhookSecret: SECRET, deliveryReportDelayMs: -1 })).rejects.toThrow(
      /"deliveryReportDelayMs"/,
    );
    await expect(
      createFace({ webhookUrl: events, webhookSecret: SECRET, webhookEncoding: 'hexx' as 'hex' }),
    ).rejects.toThrow(/"webhookEncoding"/);
    const silent = await open({});
    expect(() => silent.handle.setDeliveryOutcome(PHONE, 'failed')).toThrow(/"webhookUrl": is not set/);
    expect(() => silent.handle.nextDeliveryOutcome('dnd')).toThrow(TermiiConfigError);
    expect(() => face.handle.setDeliveryOutcome(PHONE, 'lost' as 'failed')).toThrow(/must be one of delivered/);
    expect((await silent.send('POST', SEND, sendBody())).status).toBe(200);
    await silent.handle.flushDeliveryReports();
    expect(silent.handle.webhookDeliveries).toEqual([]);
    expect(() => silent.handle.setWebhookUrl(events)).toThrow(/"webhookSecret"/);
  });

  it('takes the webhook URL after start (setWebhookUrl), for an app that listens later: reports from then on', async () => {
    const later = await open({ webhookSecret: SECRET });
    later.handle.setDeliveryOutcome(PHONE, 'failed');
    expect(() => later.handle.sendEvent(termiiInboundMessage({ sender: PHONE, message: 'hi' }))).toThrow(
      /"webhookUrl": is not set/,
    );
    expect((await later.send('POST', SEND, sendBody())).status).toBe(200);
    await later.handle.flushDeliveryReports();
    expect(later.handle.webhookDeliveries).toEqual([]);
    expect(() => later.handle.setWebhookUrl('not a url')).toThrow(/"webhookUrl"/);

    const before = handlers.all.length;
    later.handle.setWebhookUrl(events);
    await later.send('POST', SEND, sendBody());
    const [report] = await (async () => {
      await later.handle.flushDeliveryReports();
      await handlers.seen(before + 1);
      return handlers.all.slice(before) as TermiiDeliveryReport[];
    })();
    expect(report).toMatchObject({ receiver: PHONE, status: 'failed' });
    expect(later.handle.webhookDeliveries).toMatchObject([{ status: 200 }]);
  });
});
