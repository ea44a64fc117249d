/**
 * The sandbox (a real HTTP server) with `MessagingService` and `SenderIdService` pointed at it, as an app
 * under development uses it; and its log line for a message to several recipients.
 */
import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ConsoleLogger, Logger, type INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { MessagingService, SenderIdService, SenderIdStatus, TermiiModule } from '../../lib/index.js';
import { startTermiiSandbox, type TermiiSandbox } from '../../lib/sandbox/index.js';
import { CaptureLogger } from '../support/capture-logger.js';

const KEY = 'SANDBOXmsgK3y-51c2';
const PHONE = '2348109477743';
const OTHER = '2348031234567';
const THIRD = '2347031234567';

describe('the sandbox serves messages and sender IDs', () => {
  const logger = new CaptureLogger();
  let sandbox: TermiiSandbox;
  let app: INestApplicationContext;

  beforeAll(async () => {
    Logger.overrideLogger(logger);
    sandbox = await startTermiiSandbox({ log: true, senderIds: [{ senderId: 'Acme', status: 'active' }] });
    const moduleRef = await Test.createTestingModule({
      imports: [TermiiModule.forRoot({ apiKey: KEY, baseUrl: sandbox.url, messaging: { senderId: 'Acme' } })],
    })
      // The testing module installs its own logger otherwise, and the sandbox logs through Nest's.
      .setLogger(logger)
      .compile();
    app = await moduleRef.init();
  });
  afterAll(async () => {
    await app.close();
    await sandbox.close();
    Logger.overrideLogger(new ConsoleLogger());
  });

  it('delivers a message to each recipient and logs one line naming the first (masked) and how many more', async () => {
    const text = 'Your order #1234 has shipped';
    const sent = await app.get(MessagingService).send({ to: [PHONE, OTHER, THIRD], text });
    expect(sandbox.messagesFor(OTHER).map((m) => m.messageId)).toEqual([sent.messageId]);
    await app.get(MessagingService).send({ to: PHONE, text });
    const lines = logger.lines
      .filter((line) => line.text.includes('→'))
      .map((line) => line.text.replace(/ TermiiSandbox$/, ''));
    expect(lines).toEqual([
      'POST /api/sms/send → HTTP 200 (sms to 234*******743 and 2 more)',
      'POST /api/sms/send → HTTP 200 (sms to 234*******743)',
    ]);
    const everything = JSON.stringify(logger.lines);
    expect(everything).not.toContain(KEY);
    expect(everything).not.toContain(text);
  });

  it('lists and requests sender IDs over HTTP, the key masked in the logged path', async () => {
    const senderIds = app.get(SenderIdService);
    await senderIds.request({ senderId: 'Shop', useCase: 'Receipts', company: 'Shop Ltd' });
    const page = await senderIds.list();
    expect(page.items.map((item) => [item.senderId, item.status])).toEqual([
      ['Acme', SenderIdStatus.ACTIVE],
      ['Shop', SenderIdStatus.PENDING],
    ]);
    expect(sandbox.senderIds.map((entry) => entry.senderId)).toEqual(['Acme', 'Shop']);
    expect(logger.lines.some((line) => line.text.startsWith('GET /api/sender-id?api_key=[REDACTED] → HTTP 200'))).toBe(
      true,
    );
    expect(JSON.stringify(logger.lines)).not.toContain(KEY);
  });
});
