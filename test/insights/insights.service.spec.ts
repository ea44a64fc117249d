import 'reflect-metadata';
import { describe, expect, it, beforeAll, afterAll, beforeEach } from '@jest/globals';
import { Test } from '@nestjs/testing';
import type { INestApplicationContext } from '@nestjs/common';
import type { ServerResponse } from 'node:http';
import {
  InAppTokenService,
  InsightsService,
  TermiiApiError,
  TermiiAuthenticationError,
  TermiiConnectionError,
  TermiiModule,
  TermiiResponseError,
  TermiiServerError,
  TermiiTimeoutError,
  type TermiiModuleOptions,
} from '../../lib/index.js';
import { TermiiTestingModule } from '../../lib/testing/index.js';
import { closedPort, reply, startScriptedServer, type ScriptedServer } from '../support/scripted-server.js';

const API_KEY = 'TLbalance+key/with=odd&chars';
const BALANCE_PATH = `/api/get-balance?api_key=${encodeURIComponent(API_KEY)}`;

describe('InsightsService.getBalance', () => {
  let server: ScriptedServer;

  beforeAll(async () => {
    server = await startScriptedServer();
  });
  afterAll(() => server.close());
  beforeEach(() => {
    server.requests.length = 0;
  });

  async function withInsights<T>(
    options: Partial<TermiiModuleOptions>,
    run: (insights: InsightsService, app: INestApplicationContext) => Promise<T>,
  ): Promise<T> {
    const moduleRef = await Test.createTestingModule({
      imports: [TermiiModule.forRoot({ apiKey: API_KEY, baseUrl: server.url, ...options })],
    }).compile();
    const app = await moduleRef.init();
    try {
      return await run(app.get(InsightsService), app);
    } finally {
      await app.close();
    }
  }

  it('GETs /api/get-balance with the key in the query, no Content-Type and no body, and reads the answer', async () => {
    server.handle((_req, res) => reply(res, 200, { user: 'Tayo Joel', balance: 77.5, currency: 'NGN' }));
    const balance = await withInsights({}, (insights) => insights.getBalance());
    expect(balance).toEqual({ balance: 77.5, currency: 'NGN', user: 'Tayo Joel' });
    expect(server.requests).toHaveLength(1);
    const [request] = server.requests;
    expect(request.method).toBe('GET');
    expect(request.path).toBe(BALANCE_PATH);
    expect(request.headers['content-type']).toBeUndefined();
    expect(request.text).toBe('');
  });

  it.each([
    ['a numeric string', '12.25', 12.25],
    ['zero', 0, 0],
    ['a string with spaces', ' 300 ', 300],
    ['a negative number', -4, -4],
  ])('parses a balance given as %s', async (_name, raw, expected) => {
    server.handle((_req, res) => reply(res, 200, { balance: raw, currency: 'USD' }));
    await expect(withInsights({}, (insights) => insights.getBalance())).resolves.toEqual({
      balance: expected,
      currency: 'USD',
    });
  });

  it.each([
    ['an empty 200', (res: ServerResponse) => reply(res, 200, '')],
    ['an HTML 200', (res: ServerResponse) => reply(res, 200, '<html></html>')],
    ['no balance', (res: ServerResponse) => reply(res, 200, { currency: 'NGN' })],
    ['a non-numeric balance', (res: ServerResponse) => reply(res, 200, { balance: '12abc', currency: 'NGN' })],
    ['a balance of NaN text', (res: ServerResponse) => reply(res, 200, { balance: 'NaN', currency: 'NGN' })],
    ['no currency', (res: ServerResponse) => reply(res, 200, { balance: 5 })],
    ['a JSON array', (res: ServerResponse) => reply(res, 200, [{ balance: 5 }])],
  ])('rejects %s with TermiiResponseError, once', async (_name, answer) => {
    server.handle((_req, res) => answer(res));
    const error = await withInsights({}, (insights) => insights.getBalance()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TermiiResponseError);
    expect(error).toMatchObject({ operation: 'getBalance', status: 200 });
    expect(server.requests).toHaveLength(1);
  });

  it.each([502, 503, 504])('retries a read after HTTP %i, and reads the next answer', async (status) => {
    let calls = 0;
    server.handle((_req, res) =>
      ++calls === 1 ? reply(res, status, { message: 'gateway' }) : reply(res, 200, { balance: 9, currency: 'NGN' }),
    );
    await expect(withInsights({ maxRetries: 2 }, (insights) => insights.getBalance())).resolves.toEqual({
      balance: 9,
      currency: 'NGN',
    });
    expect(server.requests).toHaveLength(2);
  });

  it('gives up after maxRetries + 1 attempts on 503 with TermiiServerError', async () => {
    server.handle((_req, res) => reply(res, 503, { message: 'Service temporarily unavailable' }));
    const error = await withInsights({ maxRetries: 1 }, (insights) => insights.getBalance()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TermiiServerError);
    expect(error).toMatchObject({ status: 503, termiiMessage: 'Service temporarily unavailable' });
    expect(server.requests).toHaveLength(2);
  });

  it.each([
    [500, TermiiServerError],
    [401, TermiiAuthenticationError],
    [404, TermiiApiError],
  ])('does not retry HTTP %i', async (status, errorClass) => {
    server.handle((_req, res) => reply(res, status, { message: 'no' }));
    const error = await withInsights({ maxRetries: 2 }, (insights) => insights.getBalance()).catch((e: unknown) => e);
    expect((error as Error).constructor).toBe(errorClass);
    expect(server.requests).toHaveLength(1);
  });

  it('retries a read after a reset once connected; a send is not retried', async () => {
    let calls = 0;
    server.handle((_req, res) =>
      ++calls === 1 ? res.socket?.destroy() : reply(res, 200, { balance: 1, currency: 'NGN' }),
    );
    await withInsights({ maxRetries: 2 }, async (insights, app) => {
      await expect(insights.getBalance()).resolves.toEqual({ balance: 1, currency: 'NGN' });
      expect(server.requests).toHaveLength(2);
      server.requests.length = 0;
      server.handle((_req, res) => res.socket?.destroy());
      const error = await app
        .get(InAppTokenService)
        .generate({ phoneNumber: '2348109477743' })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TermiiConnectionError);
      expect(error).toMatchObject({ code: 'ECONNRESET', mayHaveReachedTermii: true, attempts: 1 });
      expect(server.requests).toHaveLength(1);
    });
  });

  it('retries a read after a response timeout, up to maxRetries', async () => {
    server.handle(() => undefined);
    const error = await withInsights({ maxRetries: 1, timeoutMs: 150 }, (insights) => insights.getBalance()).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(TermiiTimeoutError);
    expect(error).toMatchObject({ operation: 'getBalance', phase: 'response', attempts: 2, timeoutMs: 150 });
    expect((error as Error).message).not.toContain('not retried');
    expect(server.requests).toHaveLength(2);
  });

  it('retries a refused connection like every call, and says Termii was not reached', async () => {
    const port = await closedPort();
    const moduleRef = await Test.createTestingModule({
      imports: [TermiiModule.forRoot({ apiKey: API_KEY, baseUrl: `http://127.0.0.1:${port}`, maxRetries: 1 })],
    }).compile();
    const app = await moduleRef.init();
    try {
      const error = await app
        .get(InsightsService)
        .getBalance()
        .catch((e: unknown) => e);
      expect(error).toMatchObject({ code: 'ECONNREFUSED', mayHaveReachedTermii: false, attempts: 2 });
    } finally {
      await app.close();
    }
  });

  it("is provided by TermiiTestingModule, answered from the emulator's wallet", async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [TermiiTestingModule.forRoot({ balance: 1234.5, currency: 'USD' })],
    }).compile();
    const app = await moduleRef.init();
    try {
      await expect(app.get(InsightsService).getBalance()).resolves.toEqual({
        balance: 1234.5,
        currency: 'USD',
        user: expect.any(String),
      });
    } finally {
      await app.close();
    }
  });
});
