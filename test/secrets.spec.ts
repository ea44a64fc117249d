import 'reflect-metadata';
import { Test } from '@nestjs/testing';
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { inspect } from 'node:util';
import { renderingsOf } from './support/canary.js';
import {
  CampaignService,
  ContactService,
  InAppTokenService,
  InsightsService,
  PhonebookService,
  MessagingService,
  SenderIdService,
  TERMII_DIAGNOSTICS_CHANNEL,
  TERMII_MODULE_OPTIONS,
  TermiiError,
  TermiiModule,
  TokenService,
} from '../lib/index.js';
import { TermiiOptions } from '../lib/options/termii-options.js';
import { CaptureLogger } from './support/capture-logger.js';
import {
  closedPort,
  reply,
  startScriptedServer,
  type ScriptedHandler,
  type ScriptedServer,
} from './support/scripted-server.js';

/** A key no test data or library text could produce by chance. */
const CANARY = 'TLcanaryK3y-7f2b9e41d0c6';
/** What `TokenService.send` and `sendEmail` need from the module, so that they really send. */
const TOKEN_DEFAULTS = { senderId: 'Acme', emailConfigurationId: 'cfg-1' };

describe('the API key never leaks', () => {
  let server: ScriptedServer;
  const logger = new CaptureLogger();

  beforeAll(async () => {
    server = await startScriptedServer();
  });
  afterAll(() => server.close());

  const echo =
    (status: number): ScriptedHandler =>
    (req, res) =>
      reply(res, status, { message: `rejected request ${req.path} ${req.text}`, request: req.json });

  // Three columns in every row: with fewer, Jest would pass its `done` callback as the timeout.
  const paths: [string, ScriptedHandler | 'refused', number][] = [
    ['401 echoing the request body', echo(401), 2_000],
    ['403 echoing the request body', echo(403), 2_000],
    ['400 echoing the request body', echo(400), 2_000],
    ['422 echoing (verify resolves; generate throws)', echo(422), 2_000],
    ['429 echoing the request body', echo(429), 2_000],
    ['500 echoing the request body', echo(500), 2_000],
    ['502 HTML page echoing the body', (req, res) => reply(res, 502, `<html>${req.path}${req.text}</html>`), 2_000],
    ['200 HTML echoing the body', (req, res) => reply(res, 200, `<html>${req.path}${req.text}</html>`), 2_000],
    [
      '200 wrong shape echoing the body',
      (req, res) => reply(res, 200, { data: { echo: req.text }, balance: req.path, currency: req.path }),
      2_000,
    ],
    ['timeout', () => undefined, 100],
    ['reset after the body', (_req, res) => res.socket?.destroy(), 2_000],
    ['connection refused', 'refused', 2_000],
  ];

  it.each(paths)('%s: not in any error rendering, log line nor event', async (_name, handler, timeoutMs) => {
    let baseUrl = server.url;
    const events: unknown[] = [];
    const onEvent = (event: unknown) => events.push(event);
    subscribe(TERMII_DIAGNOSTICS_CHANNEL, onEvent);
    if (handler === 'refused') baseUrl = `http://127.0.0.1:${await closedPort()}`;
    else server.handle(handler);
    const moduleRef = await Test.createTestingModule({
      imports: [
        TermiiModule.forRoot({
          apiKey: CANARY,
          baseUrl,
          timeoutMs,
          maxRetries: 1,
          token: TOKEN_DEFAULTS,
          messaging: { senderId: 'Acme', bulkBatchSize: 1 },
        }),
      ],
    })
      .setLogger(logger)
      .compile();
    const app = await moduleRef.init();
    try {
      const service = app.get(InAppTokenService);
      const tokens = app.get(TokenService);
      const messaging = app.get(MessagingService);
      const senderIds = app.get(SenderIdService);
      const phoneNumber = '2348109477743';
      const errors = [
        await service.generate({ phoneNumber }).catch((e: unknown) => e),
        await service.verify({ pinId: 'pin-1', pin: '1234' }).catch((e: unknown) => e),
        await service.generate({ phoneNumber: '0810', extra: CANARY } as never).catch((e: unknown) => e),
        await tokens.send({ phoneNumber, messageText: 'Code < 1234 >' }).catch((e: unknown) => e),
        await tokens.sendVoice({ phoneNumber }).catch((e: unknown) => e),
        await tokens.call({ phoneNumber, code: '4821' }).catch((e: unknown) => e),
        await tokens.sendEmail({ emailAddress: 'ada@example.com', code: '4821' }).catch((e: unknown) => e),
        await tokens.verify({ pinId: 'pin-1', pin: '1234' }).catch((e: unknown) => e),
        await tokens.send({ phoneNumber, messageText: CANARY, extra: CANARY } as never).catch((e: unknown) => e),
        await tokens.call({ phoneNumber, code: CANARY }).catch((e: unknown) => e),
        // The balance read carries the key in its URL's query rather than in a body.
        await app
          .get(InsightsService)
          .getBalance()
          .catch((e: unknown) => e),
        await messaging.send({ to: [phoneNumber, '2348031234567'], text: 'Hi' }).catch((e: unknown) => e),
        // Two batches of one: the error holds what was sent, what failed and the batch's error as its cause.
        await messaging.sendBulk({ to: [phoneNumber, '2348031234567'], text: 'Hi' }).catch((e: unknown) => e),
        await messaging.sendFromNumber({ to: phoneNumber, text: 'Hi' }).catch((e: unknown) => e),
        await messaging
          .sendTemplate({ phoneNumber, deviceId: 'd', templateId: 't', data: { key: CANARY } })
          .catch((e: unknown) => e),
        await messaging.send({ to: phoneNumber, text: CANARY, from: CANARY }).catch((e: unknown) => e),
        await senderIds.list({ name: 'Acme' }).catch((e: unknown) => e),
        await senderIds.request({ senderId: 'Acme', useCase: 'OTP', company: 'Acme' }).catch((e: unknown) => e),
        // So do Search, Status and History, with their own parameters after it.
        await app
          .get(InsightsService)
          .searchNumber(phoneNumber)
          .catch((e: unknown) => e),
        await app
          .get(InsightsService)
          .getNumberStatus({ phoneNumber, countryCode: 'NG' })
          .catch((e: unknown) => e),
        await app
          .get(InsightsService)
          .getHistory({ messageId: '3017544054459083819856413' })
          .catch((e: unknown) => e),
      ].filter((e) => e instanceof Error);
      // Every call fails here except verify on a 422, which resolves as not_found.
      expect(errors.length).toBeGreaterThanOrEqual(9);
      for (const error of errors) {
        expect(error).toBeInstanceOf(TermiiError);
        for (const text of renderingsOf(error)) expect(text).not.toContain(CANARY);
      }
      // The control: the key was really sent, so its absence above means something.
      if (handler !== 'refused') {
        expect(server.requests.some((r) => r.text.includes(CANARY))).toBe(true);
        // ... by every operation.
        for (const path of [
          '/api/sms/otp/send',
          '/api/sms/otp/send/voice',
          '/api/sms/otp/call',
          '/api/email/otp/send',
          '/api/sms/send',
          '/api/sms/send/bulk',
          '/api/sms/number/send',
          '/api/send/template',
          '/api/sender-id/request',
        ]) {
          expect(server.requests.some((r) => r.path === path && r.text.includes(CANARY))).toBe(true);
        }
        expect(server.requests.some((r) => r.method === 'GET' && r.path.includes(CANARY))).toBe(true);
        for (const path of ['/api/check/dnd?', '/api/insight/number/query?', '/api/sms/inbox?']) {
          expect(server.requests.some((r) => r.path.startsWith(path) && r.path.includes(CANARY))).toBe(true);
        }
        expect(server.requests.some((r) => r.path.startsWith('/api/sender-id?') && r.path.includes(CANARY))).toBe(true);
      }
    } finally {
      unsubscribe(TERMII_DIAGNOSTICS_CHANNEL, onEvent);
      await app.close();
    }
    expect(logger.lines.length).toBeGreaterThan(0);
    for (const line of logger.lines) expect(line.text).not.toContain(CANARY);
    // One event per attempt of the three calls that reached the client, none of them holding the key.
    expect(events.length).toBeGreaterThanOrEqual(3);
    for (const event of events) expect(inspect(event, { depth: null, showHidden: true })).not.toContain(CANARY);
  });

  it.each(paths)(
    'campaigns, %s: not in any error rendering, log line nor event, for every operation',
    async (_name, handler, timeoutMs) => {
      let baseUrl = server.url;
      const events: unknown[] = [];
      const onEvent = (event: unknown) => events.push(event);
      subscribe(TERMII_DIAGNOSTICS_CHANNEL, onEvent);
      if (handler === 'refused') baseUrl = `http://127.0.0.1:${await closedPort()}`;
      else server.handle(handler);
      server.requests.length = 0;
      logger.lines.length = 0;
      const moduleRef = await Test.createTestingModule({
        imports: [TermiiModule.forRoot({ apiKey: CANARY, baseUrl, timeoutMs, maxRetries: 1 })],
      })
        .setLogger(logger)
        .compile();
      const app = await moduleRef.init();
      try {
        const phonebooks = app.get(PhonebookService);
        const contacts = app.get(ContactService);
        const campaigns = app.get(CampaignService);
        const calls: (() => Promise<unknown>)[] = [
          () => phonebooks.list(),
          () => phonebooks.create({ name: 'Customers', description: CANARY.slice(0, 20) }),
          () => phonebooks.update('pb-1', { name: 'Renamed' }),
          () => phonebooks.delete('pb-1'),
          () => contacts.list('pb-1'),
          () => contacts.add('pb-1', { phoneNumber: '2348109477743' }),
          () => contacts.upload('pb-1', { csv: 'phone_number\n2348109477743\n', countryCode: '234' }),
          () =>
            campaigns.send({
              phonebookId: 'pb-1',
              senderId: 'Acme',
              message: 'Hi',
              channel: 'dnd',
              type: 'plain',
              countryCode: '234',
              campaignType: 'regular',
            }),
          () => campaigns.list(),
          () => campaigns.history('c-1'),
          () => campaigns.retry('c-1'),
          // Invalid input naming the key: the validation error must not repeat it.
          () => contacts.upload(CANARY, { csv: CANARY, countryCode: CANARY }),
          () => phonebooks.update(`${CANARY}/x`, { name: 'x' }),
        ];
        const outcomes: unknown[] = [];
        for (const call of calls) outcomes.push(await call().catch((e: unknown) => e));
        // Every call fails here: no row answers a page, nor a write's acknowledgement (a `message`).
        const errors = outcomes.filter((outcome) => outcome instanceof Error);
        expect(errors).toHaveLength(calls.length);
        for (const error of errors) {
          expect(error).toBeInstanceOf(TermiiError);
          for (const text of renderingsOf(error)) expect(text).not.toContain(CANARY);
        }
        for (const outcome of outcomes)
          expect(inspect(outcome, { depth: null, showHidden: true })).not.toContain(CANARY);
        // The control: every operation really sent the key, in its body, its query or its multipart part.
        if (handler !== 'refused') {
          const inQuery = (method: string, path: string) =>
            server.requests.some((r) => r.method === method && r.path.startsWith(`${path}?api_key=${CANARY}`));
          const inBody = (method: string, path: string) =>
            server.requests.some((r) => r.method === method && r.path === path && r.text.includes(CANARY));
          for (const path of ['/api/phonebooks', '/api/phonebooks/pb-1/contacts', '/api/sms/campaigns']) {
            expect(inQuery('GET', path)).toBe(true);
          }
          expect(inQuery('GET', '/api/sms/campaigns/c-1')).toBe(true);
          expect(inQuery('DELETE', '/api/phonebooks/pb-1')).toBe(true);
          for (const [method, path] of [
            ['POST', '/api/phonebooks'],
            ['PATCH', '/api/phonebooks/pb-1'],
            ['POST', '/api/phonebooks/pb-1/contacts'],
            ['POST', '/api/phonebooks/contacts/upload'],
            ['POST', '/api/sms/campaigns/send'],
            ['PATCH', '/api/sms/campaigns/c-1'],
          ]) {
            expect(inBody(method, path)).toBe(true);
          }
        }
      } finally {
        unsubscribe(TERMII_DIAGNOSTICS_CHANNEL, onEvent);
        await app.close();
      }
      expect(logger.lines.length).toBeGreaterThan(0);
      for (const line of logger.lines) expect(line.text).not.toContain(CANARY);
      expect(events.length).toBeGreaterThanOrEqual(11);
      for (const event of events) expect(inspect(event, { depth: null, showHidden: true })).not.toContain(CANARY);
    },
  );

  it.each([
    ['send', (tokens: TokenService) => tokens.send({ phoneNumber: '2348109477743', messageText: 'Code < 1234 >' })],
    ['sendVoice', (tokens: TokenService) => tokens.sendVoice({ phoneNumber: '2348109477743' })],
    ['call', (tokens: TokenService) => tokens.call({ phoneNumber: '2348109477743', code: '4821' })],
    ['sendEmail', (tokens: TokenService) => tokens.sendEmail({ emailAddress: 'ada@example.com', code: '4821' })],
  ])(
    '%s: an echoed "Insufficient balance" keeps its class and Termii’s text, the key redacted',
    async (_name, call) => {
      server.handle((req, res) => reply(res, 400, { message: `Insufficient balance for ${req.text}` }));
      const moduleRef = await Test.createTestingModule({
        imports: [TermiiModule.forRoot({ apiKey: CANARY, baseUrl: server.url, token: TOKEN_DEFAULTS })],
      }).compile();
      const app = await moduleRef.init();
      try {
        const error = await call(app.get(TokenService)).catch((e: unknown) => e);
        expect((error as Error).name).toBe('TermiiInsufficientBalanceError');
        expect((error as Error).message).toContain('"api_key":"[REDACTED]"');
        for (const text of renderingsOf(error)) expect(text).not.toContain(CANARY);
      } finally {
        await app.close();
      }
    },
  );

  it('echoed messages are redacted, not dropped', async () => {
    server.handle(echo(401));
    const moduleRef = await Test.createTestingModule({
      imports: [TermiiModule.forRoot({ apiKey: CANARY, baseUrl: server.url })],
    }).compile();
    const app = await moduleRef.init();
    try {
      const error = await app
        .get(InAppTokenService)
        .generate({ phoneNumber: '2348109477743' })
        .catch((e: unknown) => e);
      expect((error as Error).message).toContain('"api_key":"[REDACTED]"');
    } finally {
      await app.close();
    }
  });

  it('is not visible in util.inspect or JSON of the service nor of the options providers', async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [TermiiModule.forRootAsync({ useFactory: () => ({ apiKey: CANARY, baseUrl: server.url }) })],
    }).compile();
    const app = await moduleRef.init();
    try {
      server.handle((_req, res) => reply(res, 200, { status: 'success', data: { pin_id: 'p', otp: '1234' } }));
      const service = app.get(InAppTokenService);
      await service.generate({ phoneNumber: '2348109477743' });
      // A read too: its URL holds the key, and must be kept nowhere the service reaches.
      await app
        .get(InsightsService)
        .getBalance()
        .catch(() => undefined);
      await app
        .get(InsightsService)
        .getHistory({ messageId: '3017544054459083819856413' })
        .catch(() => undefined);
      for (const value of [
        service,
        app.get(TokenService),
        app.get(InsightsService),
        app.get(PhonebookService),
        app.get(ContactService),
        app.get(CampaignService),
        app.get(MessagingService),
        app.get(SenderIdService),
        app.get(TERMII_MODULE_OPTIONS),
        app.get(TermiiOptions),
      ]) {
        expect(inspect(value, { depth: null, showHidden: true })).not.toContain(CANARY);
        expect(JSON.stringify(value, (_k, v: unknown) => (typeof v === 'bigint' ? String(v) : v)) ?? '').not.toContain(
          CANARY,
        );
      }
      // The control: the options really hold the key.
      expect(app.get(TermiiOptions).apiKey).toBe(CANARY);
    } finally {
      await app.close();
    }
  });
});
