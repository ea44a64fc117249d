/**
 * `MessagingService` and `SenderIdService` through `TermiiTestingModule`: the very services, client and
 * mapping, answered by the in-memory emulator; the outbox, wallet and sender-ID registry on the controller.
 */
import 'reflect-metadata';
import { afterEach, describe, expect, it } from '@jest/globals';
import { Test, type TestingModule } from '@nestjs/testing';
import {
  MessageChannel,
  MessagingService,
  SenderIdService,
  SenderIdStatus,
  TermiiApiError,
  TermiiBulkSendError,
  TermiiInsufficientBalanceError,
  TokenService,
} from '../../lib/index.js';
import {
  TermiiTestingController,
  TermiiTestingModule,
  type TermiiTestingModuleOptions,
} from '../../lib/testing/index.js';

const PHONE = '2348109477743';
const OTHER = '2348031234567';

describe('TermiiTestingModule: messaging and sender IDs', () => {
  const opened: TestingModule[] = [];
  async function setUp(options?: TermiiTestingModuleOptions) {
    const moduleRef = await Test.createTestingModule({ imports: [TermiiTestingModule.forRoot(options)] }).compile();
    opened.push(moduleRef);
    return {
      messaging: moduleRef.get(MessagingService),
      senderIds: moduleRef.get(SenderIdService),
      tokens: moduleRef.get(TokenService),
      termii: moduleRef.get(TermiiTestingController),
    };
  }
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((moduleRef) => moduleRef.close()));
  });

  it('passes the messaging option through: send uses its sender ID, and the outbox has one entry per recipient', async () => {
    const { messaging, termii } = await setUp({ messaging: { senderId: 'Acme', channel: MessageChannel.GENERIC } });
    const sent = await messaging.send({ to: [PHONE, OTHER], text: 'Your order has shipped 📦' });
    expect(sent.messageId).toMatch(/^\d{19}$/);
    expect(termii.messages.map((m) => [m.recipient, m.messageId, m.from, m.smsChannel, m.messageType])).toEqual([
      [PHONE, sent.messageId, 'Acme', 'generic', 'unicode'],
      [OTHER, sent.messageId, 'Acme', 'generic', 'unicode'],
    ]);
    expect(termii.lastMessage(OTHER)?.text).toBe('Your order has shipped 📦');
    expect(sent.balance).toBe(termii.balance);
  });

  it('sendBulk against the emulator’s 100-a-request limit: 250 recipients in 3 requests, 250 outbox entries', async () => {
    const { messaging, termii } = await setUp({ balance: 10_000, messaging: { senderId: 'Acme' } });
    const to = Array.from({ length: 250 }, (_, i) => `23481${String(i).padStart(8, '0')}`);
    const sent = await messaging.sendBulk({ to, text: 'Flash sale' });
    expect(sent.batches.map((b) => b.to.length)).toEqual([100, 100, 50]);
    expect(termii.requests.map((r) => r.operation)).toEqual(Array(3).fill('sendBulkMessage'));
    expect(termii.messages).toHaveLength(250);
    expect(new Set(termii.messages.map((m) => m.messageId)).size).toBe(3);
  });

  it('a batch the wallet cannot pay stops the bulk send: what went out, what failed, what was not tried', async () => {
    const { messaging, termii } = await setUp({ balance: 3.9 * 150, messaging: { senderId: 'Acme' } });
    const to = Array.from({ length: 250 }, (_, i) => `23481${String(i).padStart(8, '0')}`);
    const error = (await messaging.sendBulk({ to, text: 'Hi' }).catch((e: unknown) => e)) as TermiiBulkSendError;
    expect(error).toBeInstanceOf(TermiiBulkSendError);
    expect(error.cause).toBeInstanceOf(TermiiInsufficientBalanceError);
    expect(error.sent.map((b) => b.to)).toEqual([to.slice(0, 100)]);
    expect([error.failed, error.notAttempted]).toEqual([to.slice(100, 200), to.slice(200)]);
    expect(error.mayHaveReachedTermii).toBe(false);
    expect(termii.messages).toHaveLength(100);
  });

  it('the registry: a pending sender ID is refused for messages and Send Token until approved', async () => {
    const { messaging, senderIds, tokens, termii } = await setUp({
      senderIds: [{ senderId: 'Acme', status: 'active' }],
      token: { senderId: 'Shop' },
    });
    expect(await senderIds.request({ senderId: 'Shop', useCase: 'Receipts', company: 'Shop Ltd' })).toEqual({
      termiiMessage: 'Sender Id requested. You will be  contacted by your account manager.',
    });
    const page = await senderIds.list({ status: SenderIdStatus.PENDING });
    expect(page.items).toEqual([
      expect.objectContaining({
        senderId: 'Shop',
        status: SenderIdStatus.PENDING,
        company: 'Shop Ltd',
        useCase: 'Receipts',
      }),
    ]);
    const refused = await messaging.send({ to: PHONE, text: 'Hi', from: 'Shop' }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(TermiiApiError);
    expect(refused).toMatchObject({ status: 404, termiiMessage: 'Invalid Sender Id', operation: 'sendMessage' });
    await expect(tokens.send({ phoneNumber: PHONE, messageText: 'Code < 1234 >' })).rejects.toMatchObject({
      status: 404,
    });
    termii.approveSenderId('Shop');
    await expect(messaging.send({ to: PHONE, text: 'Hi', from: 'Shop' })).resolves.toHaveProperty('messageId');
    await expect(tokens.send({ phoneNumber: PHONE, messageText: 'Code < 1234 >' })).resolves.toHaveProperty('pinId');
  });

  it('listAll walks the emulator’s pages of 15', async () => {
    const seed = Array.from({ length: 40 }, (_, i) => ({ senderId: `Brand${i}`, status: 'active' as const }));
    const { senderIds, termii } = await setUp({ senderIds: seed });
    const names: string[] = [];
    for await (const senderId of senderIds.listAll()) names.push(senderId.senderId);
    expect(names).toEqual(seed.map((s) => s.senderId));
    expect(termii.requests.map((r) => r.path.replace(/api_key=[^&]*/, 'api_key=…'))).toEqual([
      '/api/sender-id?api_key=…',
      '/api/sender-id?api_key=…&page=1',
      '/api/sender-id?api_key=…&page=2',
    ]);
  });

  it('sendFromNumber and sendTemplate land in the outbox', async () => {
    const { messaging, termii } = await setUp();
    await messaging.sendFromNumber({ to: PHONE, text: 'Your ride is here' });
    await messaging.sendTemplate({
      phoneNumber: OTHER,
      deviceId: 'dev-1',
      templateId: 'tpl-1',
      data: { name: 'Ada', amount: 2500 },
      media: { url: 'https://cdn.example.com/receipt.pdf', caption: 'Receipt' },
    });
    expect(termii.lastMessage(PHONE)).toMatchObject({ channel: 'sms', text: 'Your ride is here' });
    expect(termii.lastMessage(OTHER)).toMatchObject({
      channel: 'whatsapp',
      template: { templateId: 'tpl-1', deviceId: 'dev-1', data: { name: 'Ada', amount: 2500 } },
      media: { url: 'https://cdn.example.com/receipt.pdf', caption: 'Receipt' },
    });
  });
});
