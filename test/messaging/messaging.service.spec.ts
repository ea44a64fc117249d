import 'reflect-metadata';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import type { INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import {
  MessageChannel,
  MessageType,
  MessagingService,
  SentMessage,
  TermiiApiError,
  TermiiBulkSendError,
  TermiiConnectionError,
  TermiiError,
  TermiiInsufficientBalanceError,
  TermiiModule,
  TermiiResponseError,
  TermiiServerError,
  type TermiiModuleOptions,
} from '../../lib/index.js';
import { reply, startScriptedServer, type ScriptedServer } from '../support/scripted-server.js';

const API_KEY = 'TLmessagingServiceKey';
const PHONE = '2348109477743';
const OTHER = '2348012345678';
/** Termii's current answer: a 25-digit id, as a bare JSON number in `message_id` and as text in `message_id_str`. */
const CURRENT_ANSWER =
  '{"code":"ok","balance":1047.57,"message_id":3017544054459083819856413,"message":"Successfully Sent",' +
  '"user":"Termii Test","message_id_str":"3017544054459083819856413"}';
/** An older answer: no `message_id_str`, the 19-digit id only as a bare JSON number. */
const OLDER_ANSWER =
  '{"message_id":9122821270554876574,"message":"Successfully Sent","balance":"unlimited","user":"Shola"}';

async function startApp(options: TermiiModuleOptions): Promise<INestApplicationContext> {
  const moduleRef = await Test.createTestingModule({ imports: [TermiiModule.forRoot(options)] }).compile();
  return moduleRef.init();
}

describe('MessagingService against a loopback server', () => {
  let server: ScriptedServer;
  let app: INestApplicationContext;
  let messaging: MessagingService;

  /** Answers every request with `status` and this exact body text (or JSON of an object). */
  const answer = (status: number, body: unknown) =>
    server.handle((_req, res) =>
      typeof body === 'string'
        ? (res.writeHead(status, { 'content-type': 'application/json' }), res.end(body))
        : reply(res, status, body),
    );

  beforeAll(async () => {
    server = await startScriptedServer();
    app = await startApp({
      apiKey: API_KEY,
      baseUrl: server.url,
      maxRetries: 2,
      messaging: { senderId: 'Acme' },
    });
    messaging = app.get(MessagingService);
  });
  beforeEach(() => {
    server.requests.length = 0;
    answer(200, CURRENT_ANSWER);
  });
  afterAll(async () => {
    await app.close();
    await server.close();
  });

  describe('send', () => {
    it('POSTs exactly { api_key, to, from, sms, type, channel }, one number as a string, with the defaults', async () => {
      await messaging.send({ to: '+234 810 947 7743', text: 'Your order has shipped' });
      expect(server.requests).toHaveLength(1);
      const [request] = server.requests;
      expect(request.method).toBe('POST');
      expect(request.path).toBe('/api/sms/send');
      expect(request.headers['content-type']).toMatch(/^application\/json/);
      expect(request.text).toBe(
        `{"api_key":"${API_KEY}","to":"${PHONE}","from":"Acme","sms":"Your order has shipped","type":"plain","channel":"dnd"}`,
      );
    });

    it('sends an array as an array (normalised), and the call’s own from, channel and type', async () => {
      await messaging.send({
        to: ['+234 810 947 7743', OTHER],
        text: 'Sale ends tonight',
        from: 'N-Alert',
        channel: MessageChannel.GENERIC,
        type: MessageType.UNICODE,
      });
      expect(server.requests[0].json).toStrictEqual({
        api_key: API_KEY,
        to: [PHONE, OTHER],
        from: 'N-Alert',
        sms: 'Sale ends tonight',
        type: 'unicode',
        channel: 'generic',
      });
    });

    it.each([
      ['plain GSM-7 text', 'Hello @ 5 £ €', 'plain'],
      ['an emoji', 'Your order is here 🎉', 'unicode'],
      ['a Yoruba tone mark', 'Ẹ ku àárọ̀', 'unicode'],
    ])('picks type from the text when left out: %s → %s', async (_name, text, type) => {
      await messaging.send({ to: PHONE, text });
      expect((server.requests[0].json as Record<string, unknown>)['type']).toBe(type);
    });

    it("sends a voice message with type 'voice', whatever the text", async () => {
      await messaging.send({ to: PHONE, text: 'Your code is 1 2 3 4', channel: MessageChannel.VOICE });
      expect(server.requests[0].json).toMatchObject({ type: 'voice', channel: 'voice' });
    });

    it('sends WhatsApp media as media: { url, caption } and no sms field; from names the device', async () => {
      await messaging.send({
        to: PHONE,
        from: 'Acme Support Device',
        channel: MessageChannel.WHATSAPP,
        media: { url: 'https://cdn.example.com/receipt.pdf', caption: 'Your receipt' },
      });
      expect(server.requests[0].text).toBe(
        `{"api_key":"${API_KEY}","to":"${PHONE}","from":"Acme Support Device","type":"plain","channel":"whatsapp",` +
          '"media":{"url":"https://cdn.example.com/receipt.pdf","caption":"Your receipt"}}',
      );
    });

    it('reads the lossless id: message_id_str, and a bare 19-digit message_id digit for digit', async () => {
      const current = await messaging.send({ to: PHONE, text: 'Hi' });
      expect(current).toBeInstanceOf(SentMessage);
      expect({ ...current }).toStrictEqual({
        messageId: '3017544054459083819856413',
        balance: 1047.57,
        user: 'Termii Test',
      });
      answer(200, OLDER_ANSWER);
      const older = await messaging.send({ to: PHONE, text: 'Hi' });
      // JSON.parse would have read 9122821270554877000.
      expect({ ...older }).toStrictEqual({ messageId: '9122821270554876574', balance: 'unlimited', user: 'Shola' });
    });

    it('takes message_id_str over message_id when both are there', async () => {
      answer(200, { message_id: '1', message_id_str: '3017544054459083819856413' });
      expect((await messaging.send({ to: PHONE, text: 'Hi' })).messageId).toBe('3017544054459083819856413');
    });

    it('rejects a 2xx without a message id with TermiiResponseError, after one request', async () => {
      answer(200, { code: 'ok', message: 'Successfully Sent' });
      await expect(messaging.send({ to: PHONE, text: 'Hi' })).rejects.toBeInstanceOf(TermiiResponseError);
      expect(server.requests).toHaveLength(1);
    });

    it('maps "Insufficient balance" to TermiiInsufficientBalanceError, and Termii’s 404 to TermiiApiError', async () => {
      answer(400, { message: 'Insufficient balance' });
      const poor = await messaging.send({ to: PHONE, text: 'Hi' }).catch((e: unknown) => e);
      expect(poor).toBeInstanceOf(TermiiInsufficientBalanceError);
      expect(poor).toMatchObject({ operation: 'sendMessage', mayHaveReachedTermii: false });
      answer(404, { message: 'Invalid Sender Id' });
      const refused = await messaging.send({ to: PHONE, text: 'Hi' }).catch((e: unknown) => e);
      expect(refused).toBeInstanceOf(TermiiApiError);
      expect(refused).toMatchObject({ status: 404, termiiMessage: 'Invalid Sender Id', mayHaveReachedTermii: false });
    });

    it('never retries a send once connected: a 503 and a reset are each one request', async () => {
      answer(503, { message: 'Service temporarily unavailable' });
      const unavailable = await messaging.send({ to: PHONE, text: 'Hi' }).catch((e: unknown) => e);
      expect(unavailable).toBeInstanceOf(TermiiServerError);
      expect(unavailable).toMatchObject({ mayHaveReachedTermii: true });
      expect(server.requests).toHaveLength(1);
      server.handle((req, res) => res.socket?.destroy());
      const reset = await messaging.send({ to: PHONE, text: 'Hi' }).catch((e: unknown) => e);
      expect(reset).toBeInstanceOf(TermiiConnectionError);
      expect(reset).toMatchObject({ operation: 'sendMessage', mayHaveReachedTermii: true, attempts: 1 });
      expect(server.requests).toHaveLength(2);
    });
  });

  describe('sendBulk', () => {
    const recipients = (count: number) =>
      Array.from({ length: count }, (_, i) => `234810${String(1_000_000 + i).padStart(7, '0')}`);

    it('sends 250 recipients as 3 requests of 100, 100 and 50, in order, and returns each batch', async () => {
      let id = 0;
      server.handle((_req, res) => reply(res, 200, { code: 'ok', message_id_str: `30175440544590838198564${++id}` }));
      const to = recipients(250);
      const sent = await messaging.sendBulk({ to, text: 'Flash sale' });
      expect(server.requests.map((r) => r.path)).toEqual(Array(3).fill('/api/sms/send/bulk'));
      const bodies = server.requests.map((r) => r.json as Record<string, unknown>);
      expect(bodies.map((b) => (b['to'] as string[]).length)).toEqual([100, 100, 50]);
      expect(bodies.flatMap((b) => b['to'] as string[])).toEqual(to);
      expect(server.requests[0].text).toBe(
        `{"api_key":"${API_KEY}","to":${JSON.stringify(to.slice(0, 100))},"from":"Acme","sms":"Flash sale","type":"plain","channel":"dnd"}`,
      );
      expect(sent.batches).toEqual([
        { to: to.slice(0, 100), messageId: '301754405445908381985641' },
        { to: to.slice(100, 200), messageId: '301754405445908381985642' },
        { to: to.slice(200), messageId: '301754405445908381985643' },
      ]);
    });

    it('stops at a failed batch: TermiiBulkSendError with sent, failed and notAttempted, exactly 2 requests', async () => {
      server.handle((_req, res) =>
        server.requests.length === 2
          ? reply(res, 500, { message: 'Internal Server Error' })
          : reply(res, 200, { code: 'ok', message_id: '3017544054459083819856413', balance: 99, user: 'T' }),
      );
      const to = recipients(250);
      const error = (await messaging
        .sendBulk({ to, text: 'Flash sale' })
        .catch((e: unknown) => e)) as TermiiBulkSendError;
      expect(error).toBeInstanceOf(TermiiBulkSendError);
      expect(error).toBeInstanceOf(TermiiError);
      expect(server.requests).toHaveLength(2);
      expect(error.sent).toEqual([
        { to: to.slice(0, 100), messageId: '3017544054459083819856413', balance: 99, user: 'T' },
      ]);
      expect(error.failed).toEqual(to.slice(100, 200));
      expect(error.notAttempted).toEqual(to.slice(200));
      expect(error.cause).toBeInstanceOf(TermiiServerError);
      expect(error.cause).toMatchObject({ operation: 'sendBulkMessage', status: 500 });
      expect(error.mayHaveReachedTermii).toBe(true);
      expect(error.operation).toBe('sendBulkMessage');
      expect(error.message).toMatch(/1 batch sent, 100 recipients in the failed batch \(may have been sent\), 50 not/);
    });

    it('a refusal of the first batch: nothing sent, the batch failed and not sent, the rest not attempted', async () => {
      answer(400, { message: 'Insufficient balance' });
      const to = recipients(150);
      const error = (await messaging.sendBulk({ to, text: 'Hi' }).catch((e: unknown) => e)) as TermiiBulkSendError;
      expect(error).toBeInstanceOf(TermiiBulkSendError);
      expect(error.cause).toBeInstanceOf(TermiiInsufficientBalanceError);
      expect(error).toMatchObject({ sent: [], failed: to.slice(0, 100), notAttempted: to.slice(100) });
      expect(error.mayHaveReachedTermii).toBe(false);
      expect(server.requests).toHaveLength(1);
    });

    it('uses messaging.bulkBatchSize, and the call’s channel and from', async () => {
      const small = await startApp({ apiKey: API_KEY, baseUrl: server.url, messaging: { bulkBatchSize: 2 } });
      try {
        await small
          .get(MessagingService)
          .sendBulk({ to: recipients(5), text: 'Hi', from: 'Shop', channel: MessageChannel.GENERIC });
        expect(server.requests.map((r) => (r.json as { to: string[] }).to.length)).toEqual([2, 2, 1]);
        expect(server.requests[0].json).toMatchObject({ from: 'Shop', channel: 'generic' });
      } finally {
        await small.close();
      }
    });
  });

  describe('sendFromNumber', () => {
    it('POSTs exactly { api_key, to, sms } to the Number API', async () => {
      await messaging.sendFromNumber({ to: '+234 810 947 7743', text: 'Your ride is here' });
      expect(server.requests[0].path).toBe('/api/sms/number/send');
      expect(server.requests[0].text).toBe(`{"api_key":"${API_KEY}","to":"${PHONE}","sms":"Your ride is here"}`);
    });
  });

  describe('sendTemplate', () => {
    it('POSTs { api_key, phone_number, device_id, template_id, data } to /api/send/template', async () => {
      await messaging.sendTemplate({
        phoneNumber: '+234 810 947 7743',
        deviceId: 'device-1',
        templateId: 'tpl-42',
        data: { product_name: 'Termii', otp: 120435, expiry_time: '10 minutes' },
      });
      expect(server.requests[0].path).toBe('/api/send/template');
      expect(server.requests[0].text).toBe(
        `{"api_key":"${API_KEY}","phone_number":"${PHONE}","device_id":"device-1","template_id":"tpl-42",` +
          '"data":{"product_name":"Termii","otp":120435,"expiry_time":"10 minutes"}}',
      );
    });

    it('with media, POSTs to /api/send/template/media with media: { url, caption }', async () => {
      await messaging.sendTemplate({
        phoneNumber: PHONE,
        deviceId: 'device-1',
        templateId: 'tpl-42',
        data: {},
        media: { url: 'https://cdn.example.com/a.png' },
      });
      expect(server.requests[0].path).toBe('/api/send/template/media');
      expect(server.requests[0].json).toStrictEqual({
        api_key: API_KEY,
        phone_number: PHONE,
        device_id: 'device-1',
        template_id: 'tpl-42',
        data: {},
        media: { url: 'https://cdn.example.com/a.png' },
      });
    });

    it('reads the answer as an object or as an array of one; an array of two is a TermiiResponseError', async () => {
      const input = { phoneNumber: PHONE, deviceId: 'd', templateId: 't', data: { a: 'b' } };
      answer(200, `[${CURRENT_ANSWER}]`);
      expect((await messaging.sendTemplate(input)).messageId).toBe('3017544054459083819856413');
      answer(200, CURRENT_ANSWER);
      expect((await messaging.sendTemplate(input)).messageId).toBe('3017544054459083819856413');
      answer(200, `[${CURRENT_ANSWER},${CURRENT_ANSWER}]`);
      await expect(messaging.sendTemplate(input)).rejects.toBeInstanceOf(TermiiResponseError);
    });
  });
});
