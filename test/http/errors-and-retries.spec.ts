import 'reflect-metadata';
import { Test } from '@nestjs/testing';
import { createServer, type Server } from 'node:http';
import {
  InAppTokenService,
  TermiiApiError,
  TermiiAuthenticationError,
  TermiiConnectionError,
  TermiiError,
  TermiiRateLimitError,
  TermiiServerError,
  TermiiTimeoutError,
  TermiiModule,
  type TermiiModuleOptions,
} from '../../lib/index.js';
import { CaptureLogger } from '../support/capture-logger.js';
import { closedPort, reply, startScriptedServer, type ScriptedServer } from '../support/scripted-server.js';
import { createTermiiApp } from '../support/termii-app.js';

const API_KEY = 'TLerrorsTestKey';
const GENERATE = { phoneNumber: '2348109477743' };
const VERIFY = { pinId: 'pin-1', pin: '1234' };

describe('errors and the retry rule', () => {
  let server: ScriptedServer;

  beforeAll(async () => {
    server = await startScriptedServer();
  });
  afterAll(() => server.close());
  beforeEach(() => {
    server.requests.length = 0;
  });

  async function withService<T>(
    options: Partial<TermiiModuleOptions>,
    run: (service: InAppTokenService) => Promise<T>,
  ): Promise<T> {
    const { app, service } = await createTermiiApp({ apiKey: API_KEY, baseUrl: server.url, ...options });
    try {
      return await run(service);
    } finally {
      await app.close();
    }
  }

  const statusCases: [
    string,
    number,
    unknown,
    Record<string, string>,
    new (...args: never[]) => TermiiError,
    Record<string, unknown>,
  ][] = [
    ['401', 401, { message: 'Invalid API key' }, {}, TermiiAuthenticationError, { termiiMessage: 'Invalid API key' }],
    ['403', 403, { message: 'Your account is not active' }, {}, TermiiAuthenticationError, {}],
    [
      '400 (generate)',
      400,
      { message: 'Insufficient balance' },
      {},
      TermiiApiError,
      { termiiMessage: 'Insufficient balance' },
    ],
    ['405', 405, '', {}, TermiiApiError, { termiiMessage: undefined }],
    [
      '429 with Retry-After seconds',
      429,
      { message: 'Too many requests' },
      { 'Retry-After': '7' },
      TermiiRateLimitError,
      { retryAfterMs: 7000 },
    ],
    ['429 without Retry-After', 429, {}, {}, TermiiRateLimitError, { retryAfterMs: undefined }],
    ['500 with JSON', 500, { message: 'Service temporarily unavailable' }, {}, TermiiServerError, {}],
    [
      '502 with an HTML page',
      502,
      '<html><body><h1>502 Bad Gateway</h1></body></html>',
      {},
      TermiiServerError,
      { termiiMessage: undefined },
    ],
    ['503 with an empty body', 503, '', {}, TermiiServerError, {}],
  ];

  it.each(statusCases)(
    'HTTP %s → its error class, sent once, never retried',
    async (_name, status, body, headers, errorClass, fields) => {
      server.handle((_req, res) => reply(res, status, body, headers));
      await withService({}, async (service) => {
        const error = (await service.generate(GENERATE).catch((e: unknown) => e)) as TermiiApiError;
        expect(error).toBeInstanceOf(errorClass);
        expect(error).toBeInstanceOf(TermiiApiError);
        expect(error).toMatchObject({ status, operation: 'generate', ...fields });
        expect(error.message).toContain(`HTTP ${status}`);
        expect(error.message.length).toBeLessThan(300);
        expect(server.requests).toHaveLength(1);
      });
    },
  );

  it('Termii’s own message text is part of the error message', async () => {
    server.handle((_req, res) => reply(res, 400, { message: 'You are not set up on this route' }));
    await withService({}, async (service) => {
      await expect(service.verify(VERIFY)).rejects.toThrow(
        'Termii verify failed with HTTP 400: You are not set up on this route',
      );
    });
  });

  it('a 429 with Retry-After as an HTTP date gives retryAfterMs from now', async () => {
    server.handle((_req, res) => reply(res, 429, {}, { 'Retry-After': new Date(Date.now() + 30_000).toUTCString() }));
    await withService({}, async (service) => {
      const error = (await service.generate(GENERATE).catch((e: unknown) => e)) as TermiiRateLimitError;
      expect(error).toBeInstanceOf(TermiiRateLimitError);
      expect(error.retryAfterMs).toBeGreaterThan(25_000);
      expect(error.retryAfterMs).toBeLessThanOrEqual(30_000);
    });
  });

  it('no retry after a 500: the server sees exactly one request', async () => {
    server.handle((_req, res) => reply(res, 500, { message: 'boom' }));
    await withService({ maxRetries: 5 }, async (service) => {
      await expect(service.generate(GENERATE)).rejects.toBeInstanceOf(TermiiServerError);
      expect(server.requests).toHaveLength(1);
    });
  });

  it('a server that never answers → TermiiTimeoutError (response phase), one request, not retried', async () => {
    server.handle(() => undefined);
    await withService({ timeoutMs: 150, maxRetries: 3 }, async (service) => {
      const started = Date.now();
      const error = (await service.generate(GENERATE).catch((e: unknown) => e)) as TermiiTimeoutError;
      expect(error).toBeInstanceOf(TermiiTimeoutError);
      expect(error).toMatchObject({ phase: 'response', timeoutMs: 150, attempts: 1, operation: 'generate' });
      expect(Date.now() - started).toBeLessThan(2_000);
      expect(server.requests).toHaveLength(1);
    });
  });

  it('a connection reset after the body was written → TermiiConnectionError, not retried', async () => {
    server.handle((req, res) => res.socket?.destroy());
    await withService({ maxRetries: 3 }, async (service) => {
      const error = (await service.verify(VERIFY).catch((e: unknown) => e)) as TermiiConnectionError;
      expect(error).toBeInstanceOf(TermiiConnectionError);
      expect(error).toMatchObject({ mayHaveReachedTermii: true, attempts: 1, operation: 'verify' });
      expect(server.requests).toHaveLength(1);
    });
  });

  it('connection refused is retried maxRetries times, then TermiiConnectionError', async () => {
    const port = await closedPort();
    const logger = new CaptureLogger();
    const moduleRef = await Test.createTestingModule({
      imports: [TermiiModule.forRoot({ apiKey: API_KEY, baseUrl: `http://127.0.0.1:${port}`, maxRetries: 2 })],
    })
      .setLogger(logger)
      .compile();
    const app = await moduleRef.init();
    try {
      const error = (await app
        .get(InAppTokenService)
        .generate(GENERATE)
        .catch((e: unknown) => e)) as TermiiConnectionError;
      expect(error).toBeInstanceOf(TermiiConnectionError);
      expect(error).toMatchObject({ code: 'ECONNREFUSED', mayHaveReachedTermii: false, attempts: 3 });
      expect(logger.lines.filter((l) => l.level === 'warn' && l.text.includes('retrying'))).toHaveLength(2);
    } finally {
      await app.close();
    }
  });

  it('a retry after connection refused reaches Termii once it listens, and succeeds', async () => {
    const port = await closedPort();
    const late: Server = createServer((req, res) => {
      req.resume();
      req.on('end', () => reply(res, 200, { status: 'success', data: { pin_id: 'late-pin', otp: '4321' } }));
    });
    const logger = new CaptureLogger();
    // The server starts listening when the client announces its first retry: no timing guesswork.
    logger.onLine = (level, text) => {
      if (level === 'warn' && text.includes('retrying') && !late.listening) late.listen(port, '127.0.0.1');
    };
    const moduleRef = await Test.createTestingModule({
      imports: [TermiiModule.forRoot({ apiKey: API_KEY, baseUrl: `http://127.0.0.1:${port}`, maxRetries: 2 })],
    })
      .setLogger(logger)
      .compile();
    const app = await moduleRef.init();
    try {
      const token = await app.get(InAppTokenService).generate(GENERATE);
      expect(token.pinId).toBe('late-pin');
      expect(logger.lines.filter((l) => l.level === 'warn')).toHaveLength(1);
    } finally {
      await app.close();
      await new Promise<void>((resolve) => late.close(() => resolve()));
    }
  });

  it('maxRetries: 0 makes one attempt only', async () => {
    const port = await closedPort();
    const { app, service } = await createTermiiApp({
      apiKey: API_KEY,
      baseUrl: `http://127.0.0.1:${port}`,
      maxRetries: 0,
    });
    try {
      await expect(service.generate(GENERATE)).rejects.toMatchObject({ name: 'TermiiConnectionError', attempts: 1 });
    } finally {
      await app.close();
    }
  });

  it('closing the app ends a call in flight at once, with a TermiiConnectionError', async () => {
    server.handle(() => undefined);
    const { app, service } = await createTermiiApp({ apiKey: API_KEY, baseUrl: server.url, timeoutMs: 10_000 });
    const call = service.generate(GENERATE).catch((e: unknown) => e);
    await new Promise((resolve) => setTimeout(resolve, 50));
    const started = Date.now();
    await app.close();
    const error = await call;
    expect(error).toBeInstanceOf(TermiiConnectionError);
    expect(error).toMatchObject({ code: 'ECLIENTCLOSED' });
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});
