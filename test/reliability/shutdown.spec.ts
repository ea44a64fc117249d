/**
 * Clean shutdown: closing the Nest app while calls are in flight — waiting for an answer, reading a
 * stalled body, waiting out a retry backoff, waiting for a DNS answer — settles every call at once with a
 * typed error and leaves no socket, server or timer behind (an explicit check of Node's active
 * resources, the same list `--detectOpenHandles` reads). Also: many calls in flight draw no process warning,
 * and a call made after shutdown sends nothing.
 */
import 'reflect-metadata';
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import type { ServerResponse } from 'node:http';
import { TermiiConnectionError, TermiiError } from 'nestjs-termii';
import { replaceResolver } from '../support/replace-resolver.js';
import {
  closedPort,
  reply,
  startScriptedServer,
  type RecordedRequest,
  type ScriptedServer,
} from '../support/scripted-server.js';
import { createTermiiApp } from '../support/termii-app.js';

const API_KEY = 'TLshutdownKey';

/** Active handles by type (`TCPSocketWrap`, `TCPServerWrap`, `Timeout`, ...). */
function activeResources(): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const type of process.getActiveResourcesInfo()) counts[type] = (counts[type] ?? 0) + 1;
  return counts;
}

/** Resources of the kinds a leak would show as, that exceed the baseline. */
function extraSince(baseline: Record<string, number>): Record<string, number> {
  const now = activeResources();
  const leaked: Record<string, number> = {};
  for (const type of [
    'TCPSocketWrap',
    'TCPServerWrap',
    'TCPWrap',
    'Timeout',
    'Immediate',
    'GetAddrInfoReqWrap',
    'TLSWrap',
  ]) {
    const extra = (now[type] ?? 0) - (baseline[type] ?? 0);
    if (extra > 0) leaked[type] = extra;
  }
  return leaked;
}

/**
 * What is still open beyond the baseline once closing sockets have had time to close (polled for up to
 * 1.5 s: on a busy machine a destroyed socket or Node's own short timers can take a moment). The module's
 * own timers run for timeoutMs (5 s and more here), so a leaked one is still there.
 */
async function leakedSince(baseline: Record<string, number>): Promise<Record<string, number>> {
  let extra = extraSince(baseline);
  for (
    const started = Date.now();
    Object.keys(extra).length > 0 && Date.now() - started < 1_500;
    extra = extraSince(baseline)
  ) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return extra;
}

async function settleHandles(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
  await new Promise((resolve) => setTimeout(resolve, 50));
}

/** Routes on the phone number's last digit: 1 never answers, 2 stalls after the headers, 3 answers late. */
function slowHandler(req: RecordedRequest, res: ServerResponse): void {
  const phone = String((req.json as { phone_number?: string } | undefined)?.phone_number ?? '');
  if (phone.endsWith('1')) return;
  if (phone.endsWith('2')) {
    res.writeHead(200, { 'Content-Type': 'application/json' });
    res.write('{"status":"success",');
    return;
  }
  setTimeout(() => reply(res, 200, { status: 'success', data: { pin_id: 'late', otp: '1234' } }), 5_000).unref();
}

describe('clean shutdown', () => {
  let server: ScriptedServer;
  let baseline: Record<string, number>;
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);

  beforeEach(async () => {
    await settleHandles();
    baseline = activeResources();
    unhandled.length = 0;
    process.on('unhandledRejection', onUnhandled);
    server = await startScriptedServer(slowHandler);
  });
  afterEach(async () => {
    process.off('unhandledRejection', onUnhandled);
    await server.close();
  });

  it('closing the app with calls in flight of every kind settles them all at once and leaves no handle', async () => {
    const refusedPort = await closedPort();
    // Three apps: one reaches the slow server, one retries a refused port (long backoffs), one waits on DNS.
    const reached = await createTermiiApp({ apiKey: API_KEY, baseUrl: server.url, timeoutMs: 30_000 });
    const refused = await createTermiiApp({
      apiKey: API_KEY,
      baseUrl: `http://127.0.0.1:${refusedPort}`,
      timeoutMs: 30_000,
      maxRetries: 10,
    });
    const dns = await createTermiiApp({
      apiKey: API_KEY,
      baseUrl: 'http://localhost:9',
      timeoutMs: 30_000,
      maxRetries: 10,
    });
    // A resolver that never answers (no DNS query leaves the machine).
    replaceResolver(dns.app, () => undefined);

    const calls: Promise<unknown>[] = [];
    for (let i = 0; i < 30; i++)
      calls.push(reached.service.generate({ phoneNumber: `23481094777${10 + i}` }).catch((e: unknown) => e));
    for (let i = 0; i < 10; i++)
      calls.push(reached.service.verify({ pinId: `p${i}`, pin: '1234' }).catch((e: unknown) => e));
    for (let i = 0; i < 10; i++)
      calls.push(refused.service.generate({ phoneNumber: '2348109477743' }).catch((e: unknown) => e));
    for (let i = 0; i < 5; i++)
      calls.push(dns.service.generate({ phoneNumber: '2348109477743' }).catch((e: unknown) => e));
    // Until every slow exchange has reached the server (verify bodies fall to the "late" branch).
    while (server.requests.length < 40) await new Promise((resolve) => setTimeout(resolve, 10));
    await new Promise((resolve) => setTimeout(resolve, 300)); // the refused calls are now in a backoff wait

    const started = Date.now();
    await Promise.all([reached.app.close(), refused.app.close(), dns.app.close()]);
    const errors = await Promise.all(calls);
    const settledMs = Date.now() - started;

    expect(settledMs).toBeLessThan(2_000);
    for (const [i, error] of errors.entries()) {
      expect(error).toBeInstanceOf(TermiiConnectionError);
      // A call cut short in a backoff wait reports the failure it was waiting to retry (never reached).
      if (i >= 40 && i < 50)
        expect(error).toMatchObject({
          code: expect.stringMatching(/^(ECONNREFUSED|ECLIENTCLOSED)$/),
          mayHaveReachedTermii: false,
        });
      else expect(error).toMatchObject({ code: 'ECLIENTCLOSED' });
    }
    // Nothing was sent twice: 40 exchanges reached the server, one each.
    expect(server.requests).toHaveLength(40);
    await server.close();
    await settleHandles();
    expect(await leakedSince(baseline)).toEqual({});
    expect(unhandled).toEqual([]);
  });

  it('calls still queued for a socket (beyond the 128 per origin) end at shutdown too, and are never sent', async () => {
    server.handle(() => undefined); // never answers: 128 calls hold every socket, the rest wait for one
    const { app, service } = await createTermiiApp({ apiKey: API_KEY, baseUrl: server.url, timeoutMs: 30_000 });
    const calls = Array.from({ length: 140 }, () =>
      service.generate({ phoneNumber: '2348109477743' }).catch((e: unknown) => e),
    );
    while (server.requests.length < 128) await new Promise((resolve) => setTimeout(resolve, 10));
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(server.requests).toHaveLength(128);

    const started = Date.now();
    await app.close();
    const errors = await Promise.all(calls);
    expect(Date.now() - started).toBeLessThan(2_000);
    for (const error of errors) expect(error).toMatchObject({ name: 'TermiiConnectionError', code: 'ECLIENTCLOSED' });
    expect(server.requests).toHaveLength(128);
    await server.close();
    await settleHandles();
    expect(await leakedSince(baseline)).toEqual({});
  });

  it('calls queued for a socket time out like the others (timeoutMs), none is sent twice', async () => {
    const { app, service } = await createTermiiApp({
      apiKey: API_KEY,
      baseUrl: server.url,
      timeoutMs: 600,
      maxRetries: 0,
    });
    try {
      // One answered call first: the first calls of a fresh module compile its code paths, which on a busy
      // machine can hold the event loop longer than the timeout and keep every socket from connecting in time.
      server.handle((_req, res) => reply(res, 200, { status: 'success', data: { pin_id: 'p', otp: '1234' } }));
      await service.generate({ phoneNumber: '2348109477743' });
      const before = server.requests.length;
      server.handle(() => undefined);
      const started = Date.now();
      const errors = await Promise.all(
        Array.from({ length: 140 }, () => service.generate({ phoneNumber: '2348109477743' }).catch((e: unknown) => e)),
      );
      expect(Date.now() - started).toBeLessThan(3_000);
      for (const error of errors) expect(error).toMatchObject({ name: 'TermiiTimeoutError' });
      // The queued 12 may get a socket freed by a timed-out call just before their own deadline.
      const sent = server.requests.length - before;
      expect(sent).toBeGreaterThanOrEqual(128);
      expect(sent).toBeLessThanOrEqual(140);
    } finally {
      await app.close();
    }
  });

  it('a call made after shutdown fails at once with ECLIENTCLOSED and sends nothing', async () => {
    server.handle((_req, res) => reply(res, 200, { status: 'success', data: { pin_id: 'p', otp: '1234' } }));
    const { app, service } = await createTermiiApp({ apiKey: API_KEY, baseUrl: server.url, timeoutMs: 5_000 });
    await service.generate({ phoneNumber: '2348109477743' });
    await app.close();

    const started = Date.now();
    const error = await service.generate({ phoneNumber: '2348109477743' }).catch((e: unknown) => e);
    const verifyError = await service.verify({ pinId: 'p', pin: '1234' }).catch((e: unknown) => e);
    expect(Date.now() - started).toBeLessThan(500);
    for (const e of [error, verifyError]) {
      expect(e).toBeInstanceOf(TermiiConnectionError);
      expect(e).toMatchObject({ code: 'ECLIENTCLOSED', mayHaveReachedTermii: false, attempts: 1 });
    }
    expect(server.requests).toHaveLength(1);
    await server.close();
    await settleHandles();
    expect(await leakedSince(baseline)).toEqual({});
  });

  it('many calls in flight draw no process warning (no MaxListenersExceededWarning)', async () => {
    const warnings: Error[] = [];
    const onWarning = (warning: Error) => warnings.push(warning);
    process.on('warning', onWarning);
    server.handle((_req, res) =>
      setTimeout(() => reply(res, 200, { status: 'success', data: { pin_id: 'p', otp: '1234' } }), 100),
    );
    const { app, service } = await createTermiiApp({ apiKey: API_KEY, baseUrl: server.url });
    try {
      const results = await Promise.all(
        Array.from({ length: 50 }, () => service.generate({ phoneNumber: '2348109477743' })),
      );
      expect(results).toHaveLength(50);
      await new Promise((resolve) => setImmediate(resolve));
      expect(warnings.map((w) => `${w.name}: ${w.message}`)).toEqual([]);
    } finally {
      process.off('warning', onWarning);
      await app.close();
    }
  });

  it('after a normal run and close, no handle is left', async () => {
    server.handle((_req, res) => reply(res, 200, { status: 'success', data: { pin_id: 'p', otp: '1234' } }));
    const { app, service } = await createTermiiApp({ apiKey: API_KEY, baseUrl: server.url });
    await Promise.all(Array.from({ length: 20 }, () => service.generate({ phoneNumber: '2348109477743' })));
    await app.close();
    await server.close();
    await settleHandles();
    expect(await leakedSince(baseline)).toEqual({});
    expect(TermiiError).toBeDefined();
  });
});
