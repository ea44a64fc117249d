import 'reflect-metadata';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { Test } from '@nestjs/testing';
import type { INestApplicationContext } from '@nestjs/common';
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { inspect } from 'node:util';
import {
  InAppTokenService,
  InsightsService,
  TERMII_DIAGNOSTICS_CHANNEL,
  TermiiModule,
  getTermiiServiceToken,
  type TermiiAttemptEvent,
  type TermiiModuleOptions,
} from '../../lib/index.js';
import {
  DOCUMENTED_GENERATE_RESPONSE,
  DOCUMENTED_VERIFY_RESPONSE,
  closedPort,
  reply,
  startScriptedServer,
  type ScriptedServer,
} from '../support/scripted-server.js';

const API_KEY = 'TLdiagnosticsKey-5e1c';
const PHONE = '2348109477743';
const PIN = '918273';
const EVENT_FIELDS = ['attempt', 'code', 'durationMs', 'error', 'operation', 'registration', 'status', 'willRetry'];

describe(`diagnostics events on "${TERMII_DIAGNOSTICS_CHANNEL}"`, () => {
  let server: ScriptedServer;
  let events: TermiiAttemptEvent[];
  const onEvent = (event: unknown) => events.push(event as TermiiAttemptEvent);

  beforeAll(async () => {
    server = await startScriptedServer();
  });
  afterAll(() => server.close());
  beforeEach(() => {
    events = [];
    server.requests.length = 0;
    subscribe(TERMII_DIAGNOSTICS_CHANNEL, onEvent);
  });
  afterEach(() => {
    unsubscribe(TERMII_DIAGNOSTICS_CHANNEL, onEvent);
  });

  async function withApp<T>(
    options: Partial<TermiiModuleOptions> & { name?: string },
    run: (app: INestApplicationContext) => Promise<T>,
  ): Promise<T> {
    const moduleRef = await Test.createTestingModule({
      imports: [TermiiModule.forRoot({ apiKey: API_KEY, baseUrl: server.url, ...options })],
    }).compile();
    const app = await moduleRef.init();
    try {
      return await run(app);
    } finally {
      await app.close();
    }
  }

  it('publishes one event per attempt: a success', async () => {
    server.handle((_req, res) => reply(res, 200, DOCUMENTED_GENERATE_RESPONSE));
    await withApp({}, (app) => app.get(InAppTokenService).generate({ phoneNumber: PHONE }));
    expect(events).toEqual([
      {
        registration: undefined,
        operation: 'generate',
        attempt: 1,
        status: 200,
        error: undefined,
        code: undefined,
        durationMs: expect.any(Number),
        willRetry: false,
      },
    ]);
    expect(events[0].durationMs).toBeGreaterThanOrEqual(0);
  });

  it('a retried read: the failed attempt says it will be retried and which error it was', async () => {
    let calls = 0;
    server.handle((_req, res) =>
      ++calls === 1 ? reply(res, 503, { message: 'busy' }) : reply(res, 200, { balance: 3, currency: 'NGN' }),
    );
    await withApp({ maxRetries: 2 }, (app) => app.get(InsightsService).getBalance());
    expect(events).toMatchObject([
      { operation: 'getBalance', attempt: 1, status: 503, error: 'TermiiServerError', willRetry: true },
      { operation: 'getBalance', attempt: 2, status: 200, error: undefined, willRetry: false },
    ]);
  });

  it('failures below HTTP carry the error class and the system code', async () => {
    const port = await closedPort();
    await withApp({ baseUrl: `http://127.0.0.1:${port}`, maxRetries: 1 }, (app) =>
      app
        .get(InAppTokenService)
        .verify({ pinId: 'pin-1', pin: PIN })
        .catch(() => undefined),
    );
    expect(events).toMatchObject([
      {
        operation: 'verify',
        attempt: 1,
        status: undefined,
        error: 'TermiiConnectionError',
        code: 'ECONNREFUSED',
        willRetry: true,
      },
      {
        operation: 'verify',
        attempt: 2,
        status: undefined,
        error: 'TermiiConnectionError',
        code: 'ECONNREFUSED',
        willRetry: false,
      },
    ]);

    events = [];
    server.handle(() => undefined);
    await withApp({ timeoutMs: 100, maxRetries: 2 }, (app) =>
      app
        .get(InAppTokenService)
        .generate({ phoneNumber: PHONE })
        .catch(() => undefined),
    );
    // A send that may have reached Termii is never retried.
    expect(events).toMatchObject([
      { operation: 'generate', attempt: 1, error: 'TermiiTimeoutError', code: 'ETIMEDOUT', willRetry: false },
    ]);
  });

  it('an answer the operation reads as a result is no error (verify 422: not found)', async () => {
    server.handle((_req, res) => reply(res, 422, { message: 'pin not found' }));
    await withApp({}, (app) => app.get(InAppTokenService).verify({ pinId: 'pin-1', pin: PIN }));
    expect(events).toMatchObject([{ operation: 'verify', status: 422, error: undefined }]);
  });

  it('names the registration', async () => {
    server.handle((_req, res) => reply(res, 200, { balance: 1, currency: 'USD' }));
    await withApp({ name: 'ghana' }, (app) =>
      app.get<InsightsService>(getTermiiServiceToken(InsightsService, 'ghana')).getBalance(),
    );
    expect(events).toMatchObject([{ registration: 'ghana', operation: 'getBalance' }]);
  });

  it('holds no key, URL, body, phone number or PIN: only its documented fields', async () => {
    server.handle((req, res) =>
      req.path.startsWith('/api/get-balance')
        ? reply(res, 200, { balance: 1, currency: 'USD', user: PHONE })
        : req.path.endsWith('/verify')
          ? reply(res, 200, DOCUMENTED_VERIFY_RESPONSE)
          : reply(res, 200, DOCUMENTED_GENERATE_RESPONSE),
    );
    await withApp({}, async (app) => {
      await app.get(InAppTokenService).generate({ phoneNumber: PHONE });
      await app.get(InAppTokenService).verify({ pinId: 'pin-1', pin: PIN });
      await app.get(InsightsService).getBalance();
    });
    expect(events).toHaveLength(3);
    // The control: the key, the phone number and the PIN really travelled.
    expect(server.requests.map((r) => r.path + r.text).join(' ')).toEqual(
      expect.stringMatching(new RegExp(`(?=.*${API_KEY})(?=.*${PHONE})(?=.*${PIN})`)),
    );
    for (const event of events) {
      expect(Object.keys(event).sort()).toEqual(EVENT_FIELDS);
      const text = inspect(event, { depth: null, showHidden: true });
      for (const secret of [API_KEY, PHONE, PIN, server.url, '/api/']) expect(text).not.toContain(secret);
    }
  });

  it('publishes nothing once nobody subscribes', async () => {
    unsubscribe(TERMII_DIAGNOSTICS_CHANNEL, onEvent);
    server.handle((_req, res) => reply(res, 200, DOCUMENTED_GENERATE_RESPONSE));
    await withApp({}, (app) => app.get(InAppTokenService).generate({ phoneNumber: PHONE }));
    expect(events).toEqual([]);
    expect(server.requests).toHaveLength(1);
  });
});
