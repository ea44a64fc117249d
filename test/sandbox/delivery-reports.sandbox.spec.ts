/**
 * The whole loop offline, in one real Nest app: `TokenService` sends through `TermiiModule` to the sandbox,
 * and the sandbox's signed delivery report comes back to the same app's `TermiiWebhooksModule` and its
 * `@OnTermiiEvent('outbound')` handler. Also: what the sandbox logs (never the secret or the code), what
 * `util.inspect(sandbox)` shows, and a webhook that fails.
 */
import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import { inspect } from 'node:util';
import { TermiiModule, TokenService } from '../../lib/index.js';
import { startTermiiSandbox, type TermiiSandbox } from '../../lib/sandbox/index.js';
import { TermiiDeliveryReport, TermiiWebhooksModule } from '../../lib/webhooks/index.js';
import { CaptureLogger } from '../support/capture-logger.js';
import { closedPort, startScriptedServer } from '../support/scripted-server.js';
import { startWebhookApp, type RecordingHandlers } from '../webhooks/support/webhook-app.js';

const SECRET = 'whsecCanary-sandbox-loop-7d20aa';
const API_KEY = 'KEYcanary-sandbox-loop-41c9';
const PHONE = '2348109477743';

describe('the sandbox reports deliveries to a Nest app that sent through it', () => {
  const logger = new CaptureLogger();
  let sandbox: TermiiSandbox;
  let app: INestApplication;
  let handlers: RecordingHandlers;
  let tokens: TokenService;

  beforeAll(async () => {
    // The app needs the sandbox's URL to start, the sandbox the app's to report: the sandbox starts with the
    // secret alone, and learns the app's URL once the app listens (on a free port, picked then).
    sandbox = await startTermiiSandbox({ log: true, webhookSecret: SECRET });
    let url: string;
    ({ app, url, handlers } = await startWebhookApp(TermiiWebhooksModule.forRoot({ secret: SECRET }), {
      imports: [TermiiModule.forRoot({ apiKey: API_KEY, baseUrl: sandbox.url, token: { senderId: 'Acme' } })],
      logger,
    }));
    sandbox.setWebhookUrl(`${url}/termii/events`);
    tokens = app.get(TokenService);
  });
  afterAll(async () => {
    await sandbox?.close();
    await app?.close();
  });

  /** The outbound events the handler got from the `from`-th on, once `count` have arrived. */
  async function reports(from: number, count: number): Promise<TermiiDeliveryReport[]> {
    await sandbox.flushDeliveryReports();
    await handlers.seen(from + count);
    return handlers.all.slice(from) as TermiiDeliveryReport[];
  }

  it('TokenService.send → one "delivered" report for that message and receiver reaches the handler', async () => {
    const before = handlers.all.length;
    await tokens.send({ phoneNumber: '+234 810 947 7743', messageText: 'Your Acme code is < 1234 >' });
    const sent = sandbox.lastMessage(PHONE)!;
    const got = await reports(before, 1);
    expect(got).toHaveLength(1);
    expect(got[0]).toMatchObject({ messageId: sent.messageId, receiver: PHONE, status: 'delivered', sender: 'Acme' });
    expect(handlers.outbound.at(-1)).toBe(got[0]);
  });

  it.each([
    ['failed', 'Message Failed'],
    ['dnd', 'DND Active on Phone Number'],
    ['expired', 'Expired'],
  ] as const)('a recipient set to %s is reported so', async (outcome, rawStatus) => {
    sandbox.setDeliveryOutcome(PHONE, outcome);
    try {
      const before = handlers.all.length;
      await tokens.send({ phoneNumber: PHONE, messageText: 'Your Acme code is < 1234 >' });
      const [report] = await reports(before, 1);
      expect(report).toMatchObject({ messageId: sandbox.lastMessage(PHONE)!.messageId, status: outcome, rawStatus });
    } finally {
      sandbox.setDeliveryOutcome(PHONE, 'delivered');
    }
  });

  it('reports Voice Token and Voice Call, and nothing for Email Token', async () => {
    const before = handlers.all.length;
    const deliveriesBefore = sandbox.webhookDeliveries.length;
    await tokens.sendEmail({
      emailAddress: 'ada@example.com',
      code: '4821',
      emailConfigurationId: '0a53c416-ef51-4a1b-9f36-1a1e5c1d2b3c',
    });
    expect(sandbox.lastMessage('ada@example.com')?.channel).toBe('email');
    await tokens.sendVoice({ phoneNumber: PHONE });
    await tokens.call({ phoneNumber: PHONE, code: '4821' });
    const got = await reports(before, 2);
    expect(got.map((report) => report.channel)).toEqual(['voice', 'voice']);
    expect(sandbox.webhookDeliveries.length - deliveriesBefore).toBe(2);
  });

  it('never logs the secret or a code, and util.inspect(sandbox) does not show the secret', async () => {
    const before = handlers.all.length;
    await tokens.send({ phoneNumber: PHONE, messageText: 'Your Acme code is < 1234 >' });
    await reports(before, 1);
    const codes = sandbox.messages.map((message) => message.code);
    const texts = logger.lines.map((line) => line.text);
    // The sandbox logged the exchange and the accepted report…
    expect(texts.some((text) => text.includes('was accepted (HTTP 200)'))).toBe(true);
    // …with neither the secret nor any code delivered.
    for (const text of texts) {
      expect(text).not.toContain(SECRET);
      expect(text).not.toContain(API_KEY);
      for (const code of codes) expect(text).not.toContain(`is ${code}`);
    }
    expect(inspect(sandbox, { depth: null, showHidden: true })).not.toContain(SECRET);
  });
});

describe('a sandbox whose webhook fails', () => {
  const SECRET_2 = 'whsecCanary-sandbox-fail-03be';

  it('records and logs a 500 and a refused connection (masked, no secret, no code) while the send answers normally', async () => {
    const logger = new CaptureLogger();
    const broken = await startScriptedServer((_req, res) => res.writeHead(500).end());
    const port = await closedPort();
    const failing = await startTermiiSandbox({ webhookUrl: `${broken.url}/events`, webhookSecret: SECRET_2 });
    const refused = await startTermiiSandbox({ webhookUrl: `http://127.0.0.1:${port}/e`, webhookSecret: SECRET_2 });
    const { app } = await startWebhookApp(TermiiWebhooksModule.forRoot({ secret: 'unused-here' }), {
      imports: [TermiiModule.forRoot({ apiKey: API_KEY, baseUrl: failing.url })],
      logger,
    });
    try {
      const tokens = app.get(TokenService);
      await expect(tokens.sendVoice({ phoneNumber: PHONE })).resolves.toMatchObject({ pinId: expect.any(String) });
      await failing.flushDeliveryReports();
      expect(failing.webhookDeliveries).toMatchObject([{ status: 500 }]);

      await fetch(`${refused.url}/api/sms/otp/call`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ api_key: API_KEY, phone_number: PHONE, code: 48213 }),
      }).then((res) => res.text());
      await refused.flushDeliveryReports();
      expect(refused.webhookDeliveries[0].error?.code).toBe('ECONNREFUSED');

      const warnings = logger.lines.filter((line) => line.level === 'warn').map((line) => line.text);
      expect(warnings).toEqual([
        expect.stringMatching(
          /^The delivery report "Delivered" of message \d+ to 234\*{7}743 was answered HTTP 500 by http:\/\/127\.0\.0\.1:\d+\/events TermiiSandbox$/,
        ),
        expect.stringMatching(
          /^The delivery report "Delivered" of message \d+ to 234\*{7}743 failed: .*ECONNREFUSED TermiiSandbox$/,
        ),
      ]);
      const codes = [...failing.messages, ...refused.messages].map((message) => message.code);
      for (const text of warnings) {
        expect(text).not.toContain(SECRET_2);
        // Without the message id and the port, whose digits could hold a code's by chance.
        const rest = text.replace(/message \d+/, 'message <id>').replace(/:\d+\//, ':<port>/');
        for (const code of codes) expect(rest).not.toContain(code);
      }
    } finally {
      await Promise.all([failing.close(), refused.close(), broken.close()]);
      await app.close();
    }
  });
});
