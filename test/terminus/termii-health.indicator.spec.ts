/**
 * The indicator inside a real Nest application: `TerminusModule`, a `/health` controller, and HTTP requests
 * over loopback to it, with Termii played by loopback servers (one per registration).
 */
import 'reflect-metadata';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { Controller, Get, Module, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { HealthCheck, HealthCheckService, TerminusModule } from '@nestjs/terminus';
import type { AddressInfo } from 'node:net';
import { TermiiModule } from 'nestjs-termii';
import { TermiiHealthIndicator } from 'nestjs-termii/terminus';
import { CaptureLogger } from '../support/capture-logger.js';
import { closedPort, reply, startScriptedServer, type ScriptedServer } from '../support/scripted-server.js';

const API_KEY = 'TLhealthCanary-8d21f0';
// Room for a first request on a loaded CI machine (300 ms once timed out there, on a healthy answer); the
// module's own timeout (5 s) stays longer, so the indicator's decides in the timeout test.
const INDICATOR_TIMEOUT_MS = 1_000;

describe('TermiiHealthIndicator in a Nest app with TerminusModule', () => {
  let termii: ScriptedServer;
  let app: INestApplication;
  let baseUrl: string;
  const logger = new CaptureLogger();

  beforeAll(async () => {
    termii = await startScriptedServer();
    const unreachable = `http://127.0.0.1:${await closedPort()}`;

    @Controller('health')
    class HealthController {
      constructor(
        private readonly health: HealthCheckService,
        private readonly termiiHealth: TermiiHealthIndicator,
      ) {}

      @Get()
      @HealthCheck()
      check() {
        return this.health.check([
          () => this.termiiHealth.isHealthy('termii', { minBalance: 100, timeoutMs: INDICATOR_TIMEOUT_MS }),
        ]);
      }

      @Get('offline')
      @HealthCheck()
      offline() {
        return this.health.check([() => this.termiiHealth.isHealthy('termii-offline', { registration: 'offline' })]);
      }
    }

    @Module({
      imports: [
        TerminusModule,
        // Retries of a timed-out read would outlast the indicator's own deadline: that is what it is for.
        TermiiModule.forRoot({ apiKey: API_KEY, baseUrl: termii.url, timeoutMs: 5_000, maxRetries: 1 }),
        TermiiModule.forRoot({ name: 'offline', apiKey: API_KEY, baseUrl: unreachable, maxRetries: 0 }),
      ],
      controllers: [HealthController],
      providers: [TermiiHealthIndicator],
    })
    class HealthAppModule {}

    app = await NestFactory.create(HealthAppModule, { logger });
    await app.listen(0, '127.0.0.1');
    const { port } = app.getHttpServer().address() as AddressInfo;
    baseUrl = `http://127.0.0.1:${port}`;
  });

  afterAll(async () => {
    await app?.close();
    await termii.close();
    for (const line of logger.lines) expect(line.text).not.toContain(API_KEY);
  });

  beforeEach(() => {
    termii.requests.length = 0;
  });

  async function health(path = '/health'): Promise<{ status: number; body: Record<string, unknown>; text: string }> {
    const res = await fetch(baseUrl + path);
    const text = await res.text();
    return { status: res.status, body: JSON.parse(text) as Record<string, unknown>, text };
  }

  it('up with the balance and currency', async () => {
    termii.handle((_req, res) => reply(res, 200, { user: 'Tayo Joel', balance: '1500.5', currency: 'NGN' }));
    const { status, body } = await health();
    expect(status).toBe(200);
    expect(body).toMatchObject({ status: 'ok', info: { termii: { status: 'up', balance: 1500.5, currency: 'NGN' } } });
    expect(termii.requests).toHaveLength(1);
    expect(termii.requests[0].path).toBe(`/api/get-balance?api_key=${API_KEY}`);
  });

  it('down with "low balance" under minBalance', async () => {
    termii.handle((_req, res) => reply(res, 200, { balance: 99.99, currency: 'NGN' }));
    const { status, body } = await health();
    expect(status).toBe(503);
    expect(body).toMatchObject({
      status: 'error',
      error: { termii: { status: 'down', reason: 'low balance', balance: 99.99, currency: 'NGN', minBalance: 100 } },
    });
  });

  it('down with "unauthorized" when Termii refuses the key', async () => {
    termii.handle((req, res) => reply(res, 401, { message: `Invalid key in ${req.path}` }));
    const { status, body, text } = await health();
    expect(status).toBe(503);
    expect(body).toMatchObject({ error: { termii: { status: 'down', reason: 'unauthorized', httpStatus: 401 } } });
    expect(text).not.toContain(API_KEY);
    expect(text).not.toContain('get-balance');
  });

  it('down with "unreachable" when nothing listens', async () => {
    const { status, body, text } = await health('/health/offline');
    expect(status).toBe(503);
    expect(body).toMatchObject({ error: { 'termii-offline': { status: 'down', reason: 'unreachable' } } });
    expect(text).not.toContain('ECONNREFUSED');
    expect(text).not.toContain('127.0.0.1');
  });

  it('down with "timeout" when Termii does not answer within the indicator\'s timeoutMs', async () => {
    termii.handle(() => undefined);
    const { status, body } = await health();
    expect(status).toBe(503);
    expect(body).toMatchObject({ error: { termii: { status: 'down', reason: 'timeout' } } });
    expect(termii.requests).toHaveLength(1);
  });

  it('down with "bad answer" for an empty 200, and "unreachable" with the status for a 500', async () => {
    termii.handle((_req, res) => reply(res, 200, ''));
    expect((await health()).body).toMatchObject({ error: { termii: { status: 'down', reason: 'bad answer' } } });
    termii.handle((_req, res) => reply(res, 500, { message: 'boom' }));
    expect((await health()).body).toMatchObject({
      error: { termii: { status: 'down', reason: 'unreachable', httpStatus: 500 } },
    });
  });

  it('never throws: a registration that does not exist and invalid options are down too', async () => {
    const indicator = app.get(TermiiHealthIndicator);
    await expect(indicator.isHealthy('x', { registration: 'nowhere' })).resolves.toEqual({
      x: { status: 'down', reason: 'not registered' },
    });
    await expect(indicator.isHealthy('y', { minBalance: Number.NaN })).resolves.toEqual({
      y: { status: 'down', reason: 'invalid options' },
    });
    await expect(indicator.isHealthy('z', { timeoutMs: 0 })).resolves.toEqual({
      z: { status: 'down', reason: 'invalid options' },
    });
  });
});
