import 'reflect-metadata';
import { Test } from '@nestjs/testing';
import {
  TermiiApiError,
  TermiiAuthenticationError,
  TermiiConnectionError,
  TermiiError,
  TermiiInsufficientBalanceError,
  TermiiModule,
  TermiiRateLimitError,
  TermiiResponseError,
  TermiiServerError,
  TermiiTimeoutError,
  TokenService,
  type TermiiModuleOptions,
} from '../../lib/index.js';
import { CaptureLogger } from '../support/capture-logger.js';
import { closedPort, reply, startScriptedServer, type ScriptedServer } from '../support/scripted-server.js';
import { createTermiiApp } from '../support/termii-app.js';

const API_KEY = 'TLtokenErrorsKey';
const TOKEN_DEFAULTS = { senderId: 'Acme', emailConfigurationId: 'cfg-1' };

/** One valid call of each TokenService operation that sends something. */
const SENDS: Record<'send' | 'sendVoice' | 'call' | 'sendEmail', (tokens: TokenService) => Promise<unknown>> = {
  send: (tokens) => tokens.send({ phoneNumber: '2348109477743', messageText: 'Code < 1234 >' }),
  sendVoice: (tokens) => tokens.sendVoice({ phoneNumber: '2348109477743' }),
  call: (tokens) => tokens.call({ phoneNumber: '2348109477743', code: '4821' }),
  sendEmail: (tokens) => tokens.sendEmail({ emailAddress: 'ada@example.com', code: '4821' }),
};
const OPERATIONS = Object.keys(SENDS) as (keyof typeof SENDS)[];

describe('TokenService errors and the retry rule', () => {
  let server: ScriptedServer;

  beforeAll(async () => {
    server = await startScriptedServer();
  });
  afterAll(() => server.close());
  beforeEach(() => {
    server.requests.length = 0;
  });

  async function withTokens<T>(options: Partial<TermiiModuleOptions>, run: (tokens: TokenService) => Promise<T>) {
    const { app, tokens } = await createTermiiApp({
      apiKey: API_KEY,
      baseUrl: server.url,
      token: TOKEN_DEFAULTS,
      ...options,
    });
    try {
      return await run(tokens);
    } finally {
      await app.close();
    }
  }

  type ErrorClass = abstract new (...args: never[]) => TermiiError;
  const statusRows: [string, number, unknown, Record<string, string>, ErrorClass, Record<string, unknown>][] = [
    ['401', 401, { message: 'Invalid API key' }, {}, TermiiAuthenticationError, { termiiMessage: 'Invalid API key' }],
    ['403', 403, { message: 'Your account is not active' }, {}, TermiiAuthenticationError, {}],
    [
      '400 "Insufficient balance"',
      400,
      { message: 'Insufficient balance' },
      {},
      TermiiInsufficientBalanceError,
      { termiiMessage: 'Insufficient balance' },
    ],
    [
      '402 "insufficient BALANCE, top up" (any case, any status)',
      402,
      { message: 'Sorry: insufficient BALANCE, top up your wallet' },
      {},
      TermiiInsufficientBalanceError,
      {},
    ],
    [
      '200 "Insufficient balance" without the answer’s fields',
      200,
      { code: 'error', message: 'Insufficient balance' },
      {},
      TermiiInsufficientBalanceError,
      { status: 200 },
    ],
    [
      '400 with another message',
      400,
      { message: 'You are not set up on this route' },
      {},
      TermiiApiError,
      { termiiMessage: 'You are not set up on this route' },
    ],
    ['422 without a message', 422, {}, {}, TermiiApiError, { termiiMessage: undefined }],
    [
      '429 with Retry-After',
      429,
      { message: 'Too many' },
      { 'Retry-After': '9' },
      TermiiRateLimitError,
      { retryAfterMs: 9_000 },
    ],
    ['500 with JSON', 500, { message: 'Service temporarily unavailable' }, {}, TermiiServerError, {}],
    [
      '502 with an HTML page',
      502,
      '<html><h1>502 Bad Gateway</h1></html>',
      {},
      TermiiServerError,
      { termiiMessage: undefined },
    ],
    [
      '200 with invalid JSON',
      200,
      '{"code":',
      { 'Content-Type': 'application/json' },
      TermiiResponseError,
      { reason: 'not JSON' },
    ],
  ];
  const cases = OPERATIONS.flatMap((operation) => statusRows.map((row) => [operation, ...row] as const));

  it.each(cases)(
    '%s, HTTP %s → its exact error class, sent once, never retried',
    async (operation, _name, status, body, headers, errorClass, fields) => {
      server.handle((_req, res) => reply(res, status, body, headers));
      await withTokens({ maxRetries: 3 }, async (tokens) => {
        const error = (await SENDS[operation](tokens).catch((e: unknown) => e)) as TermiiError;
        expect(error).toBeInstanceOf(errorClass);
        expect(error.constructor).toBe(errorClass);
        expect(error).toMatchObject({ operation, status, ...fields });
        expect(error.message).toContain(operation);
        expect(error.message.length).toBeLessThan(300);
        expect(server.requests).toHaveLength(1);
      });
    },
  );

  it('TermiiInsufficientBalanceError is a TermiiApiError, and the message says what Termii said', async () => {
    server.handle((_req, res) => reply(res, 400, { message: 'Insufficient balance' }));
    await withTokens({}, async (tokens) => {
      const error = await tokens
        .send({ phoneNumber: '2348109477743', messageText: 'Code < 1234 >' })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TermiiApiError);
      expect(error).toBeInstanceOf(TermiiError);
      expect((error as Error).name).toBe('TermiiInsufficientBalanceError');
      expect((error as Error).message).toBe('Termii send failed with HTTP 400: Insufficient balance');
    });
  });

  it('verify and generate map "Insufficient balance" the same way: the one mapper', async () => {
    server.handle((_req, res) => reply(res, 400, { message: 'Insufficient balance' }));
    const { app, tokens, service } = await createTermiiApp({ apiKey: API_KEY, baseUrl: server.url });
    try {
      await expect(tokens.verify({ pinId: 'p', pin: '1234' })).rejects.toMatchObject({
        name: 'TermiiInsufficientBalanceError',
        operation: 'verify',
      });
      await expect(service.generate({ phoneNumber: '2348109477743' })).rejects.toMatchObject({
        name: 'TermiiInsufficientBalanceError',
        operation: 'generate',
      });
    } finally {
      await app.close();
    }
  });

  it.each(OPERATIONS)(
    '%s: no answer → TermiiTimeoutError (response phase), one request, not retried',
    async (operation) => {
      server.handle(() => undefined);
      await withTokens({ timeoutMs: 150, maxRetries: 3 }, async (tokens) => {
        const error = await SENDS[operation](tokens).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(TermiiTimeoutError);
        expect(error).toMatchObject({ operation, phase: 'response', attempts: 1, timeoutMs: 150 });
        expect(server.requests).toHaveLength(1);
      });
    },
  );

  it.each(OPERATIONS)(
    '%s: a reset after the body was written → TermiiConnectionError, not retried',
    async (operation) => {
      server.handle((_req, res) => res.socket?.destroy());
      await withTokens({ maxRetries: 3 }, async (tokens) => {
        const error = await SENDS[operation](tokens).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(TermiiConnectionError);
        expect(error).toMatchObject({ operation, mayHaveReachedTermii: true, attempts: 1 });
        expect(server.requests).toHaveLength(1);
      });
    },
  );

  it.each(OPERATIONS)(
    '%s: connection refused is retried maxRetries times (Termii never reached)',
    async (operation) => {
      const port = await closedPort();
      const logger = new CaptureLogger();
      const moduleRef = await Test.createTestingModule({
        imports: [
          TermiiModule.forRoot({
            apiKey: API_KEY,
            baseUrl: `http://127.0.0.1:${port}`,
            maxRetries: 2,
            token: TOKEN_DEFAULTS,
          }),
        ],
      })
        .setLogger(logger)
        .compile();
      const app = await moduleRef.init();
      try {
        const error = await SENDS[operation](app.get(TokenService)).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(TermiiConnectionError);
        expect(error).toMatchObject({ operation, code: 'ECONNREFUSED', mayHaveReachedTermii: false, attempts: 3 });
        const retries = logger.lines.filter((l) => l.level === 'warn' && l.text.startsWith(`${operation}: `));
        expect(retries).toHaveLength(2);
      } finally {
        await app.close();
      }
    },
  );

  it.each(OPERATIONS)('%s: closing the app ends the call in flight at once', async (operation) => {
    server.handle(() => undefined);
    const { app, tokens } = await createTermiiApp({
      apiKey: API_KEY,
      baseUrl: server.url,
      timeoutMs: 10_000,
      token: TOKEN_DEFAULTS,
    });
    const call = SENDS[operation](tokens).catch((e: unknown) => e);
    // Wait until the request has reached the server: the call is then surely in flight.
    while (server.requests.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    await app.close();
    const error = await call;
    expect(error).toBeInstanceOf(TermiiConnectionError);
    expect(error).toMatchObject({ operation, code: 'ECLIENTCLOSED' });
  });
});
