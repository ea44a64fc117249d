/**
 * Load and soak: many `generate` calls at a fixed concurrency against the sandbox running in its own
 * process, first with every answer normal, then with 10 % of requests failing.
 *
 * CI size by default; set TERMII_LOAD_CALLS (and TERMII_LOAD_CONCURRENCY) for a larger manual run, e.g.
 *   TERMII_LOAD_CALLS=200000 npm run test:jest -- test/reliability/load-soak
 * Each phase logs one line with its numbers (calls, wall time, calls per second, heap).
 */
import 'reflect-metadata';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import {
  InAppTokenService,
  TermiiConnectionError,
  TermiiError,
  TermiiModule,
  TermiiRateLimitError,
  TermiiResponseError,
  TermiiServerError,
  TermiiTimeoutError,
  type InAppToken,
} from 'nestjs-termii';
import { TermiiFaults, type TermiiFault } from 'nestjs-termii/sandbox';
import { CountingLogger } from '../support/counting-logger.js';
import { settledHeapUsed } from '../support/heap.js';
import { startSandboxProcess, type SandboxProcess } from '../support/sandbox-process.js';

const CALLS = Number(process.env['TERMII_LOAD_CALLS'] ?? 5_000);
const CONCURRENCY = Number(process.env['TERMII_LOAD_CONCURRENCY'] ?? 100);
const WARM_UP_CALLS = Math.min(2_000, CALLS);
/** "Within a few MB": the heap after the run, after full collections, may exceed the warmed-up heap by this. */
const HEAP_GROWTH_LIMIT = 4 * 1024 * 1024;
const CANARY = 'TLloadCanary-5e1d7a93c2';
/** Generous: at concurrency 100 on a busy 2-core machine a normal answer can queue for seconds. */
const TIMEOUT_MS = 5_000;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** A small seeded generator, so that the fault pattern is the same on every run. */
function mulberry32(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function phoneOf(i: number): string {
  return `234${String(8_000_000_000 + i).padStart(10, '0')}`;
}

interface RunResult {
  ok: number;
  /** Errors by class name (and code for connection errors). */
  errors: Record<string, number>;
  malformed: string[];
  untyped: unknown[];
  ms: number;
}

/** `count` generate calls, `concurrency` at a time; every result and error is checked as it arrives. */
async function run(service: InAppTokenService, count: number, concurrency: number, offset: number): Promise<RunResult> {
  const result: RunResult = { ok: 0, errors: {}, malformed: [], untyped: [], ms: 0 };
  let next = 0;
  const started = Date.now();
  const worker = async () => {
    while (next < count) {
      const i = offset + next++;
      const phoneNumber = phoneOf(i);
      try {
        const token: InAppToken = await service.generate({ phoneNumber });
        const wellFormed =
          UUID.test(token.pinId) &&
          /^\d{6}$/.test(token.otp) &&
          token.phoneNumber === phoneNumber &&
          Object.keys(token).every((k) => ['pinId', 'otp', 'phoneNumber', 'phoneNumberOther'].includes(k));
        if (wellFormed) result.ok++;
        else if (result.malformed.length < 5) result.malformed.push(JSON.stringify(token));
      } catch (error) {
        if (!(error instanceof TermiiError)) {
          result.untyped.push(error);
          continue;
        }
        const key = error instanceof TermiiConnectionError ? `${error.name} ${error.code}` : error.name;
        result.errors[key] = (result.errors[key] ?? 0) + 1;
        if (error.message.includes(CANARY) || error.message.length >= 300) result.malformed.push(error.message);
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  result.ms = Date.now() - started;
  return result;
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

describe(`load and soak: ${CALLS} generate calls at concurrency ${CONCURRENCY}, sandbox in its own process`, () => {
  let sandbox: SandboxProcess;
  let app: INestApplicationContext;
  let service: InAppTokenService;
  const logger = new CountingLogger([CANARY]);
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);

  beforeAll(async () => {
    process.on('unhandledRejection', onUnhandled);
    sandbox = await startSandboxProcess();
    const moduleRef = await Test.createTestingModule({
      imports: [TermiiModule.forRoot({ apiKey: CANARY, baseUrl: sandbox.url, timeoutMs: TIMEOUT_MS, maxRetries: 2 })],
    })
      .setLogger(logger)
      .compile();
    app = await moduleRef.init();
    service = app.get(InAppTokenService);
  }, 30_000);

  afterAll(async () => {
    process.off('unhandledRejection', onUnhandled);
    await app?.close();
    await sandbox?.close();
  });

  it('every call succeeds with a well-formed token, one request each, and the heap does not grow', async () => {
    await run(service, WARM_UP_CALLS, CONCURRENCY, 0);
    await sandbox.reset();
    const heapAfterWarmUp = await settledHeapUsed();

    const result = await run(service, CALLS, CONCURRENCY, WARM_UP_CALLS);
    const heapAfterRun = await settledHeapUsed();
    const stats = await sandbox.stats();
    process.stdout.write(
      `load: ${CALLS} calls at concurrency ${CONCURRENCY} in ${result.ms} ms (${Math.round((CALLS / result.ms) * 1000)} calls/s); ` +
        `heap after warm-up ${mb(heapAfterWarmUp)}, after run ${mb(heapAfterRun)} (${mb(heapAfterRun - heapAfterWarmUp)})\n`,
    );

    expect(result.untyped).toEqual([]);
    expect(result.malformed).toEqual([]);
    expect(result.errors).toEqual({});
    expect(result.ok).toBe(CALLS);
    expect(stats.requests).toEqual({ generate: CALLS });
    expect(heapAfterRun - heapAfterWarmUp).toBeLessThan(HEAP_GROWTH_LIMIT);
    expect(unhandled).toEqual([]);
    expect(logger.leaks).toEqual([]);
  }, 120_000);

  it('with 10 % of requests failing: every failure typed and matching its fault, none retried, no unhandled rejection', async () => {
    await sandbox.reset();
    const random = mulberry32(5);
    // The kinds of failure a busy Termii or its proxy produces; hang and stall cost a timeout each, so they are rarer.
    const kinds: [TermiiFault, number, string][] = [
      [TermiiFaults.status(500, { message: 'Internal error' }), 3, 'TermiiServerError'],
      [TermiiFaults.html(502), 3, 'TermiiServerError'],
      [TermiiFaults.empty(503), 2, 'TermiiServerError'],
      [TermiiFaults.rateLimited(1), 3, 'TermiiRateLimitError'],
      [TermiiFaults.drop(), 3, 'TermiiConnectionError ECONNRESET'],
      [TermiiFaults.invalidJson(), 2, 'TermiiResponseError'],
      [TermiiFaults.wrongShape(), 2, 'TermiiResponseError'],
      [TermiiFaults.hang(), 1, 'TermiiTimeoutError'],
      [TermiiFaults.stall(), 1, 'TermiiTimeoutError'],
    ];
    const totalWeight = kinds.reduce((sum, [, weight]) => sum + weight, 0);
    const pattern: (TermiiFault | null)[] = [];
    const expected: Record<string, number> = {};
    for (let i = 0; i < CALLS; i++) {
      if (random() >= 0.1) {
        pattern.push(null);
        continue;
      }
      let pick = random() * totalWeight;
      const [fault, , errorName] = kinds.find(([, weight]) => (pick -= weight) < 0) ?? kinds[0];
      pattern.push(fault);
      expected[errorName] = (expected[errorName] ?? 0) + 1;
    }
    for (let i = 0; i < pattern.length; i += 2_000) await sandbox.queueFaults(pattern.slice(i, i + 2_000));
    const failures = Object.values(expected).reduce((sum, n) => sum + n, 0);

    const result = await run(service, CALLS, CONCURRENCY, 0);
    const stats = await sandbox.stats();
    process.stdout.write(
      `soak: ${CALLS} calls, ${failures} faults (${((failures / CALLS) * 100).toFixed(1)} %) in ${result.ms} ms; errors ${JSON.stringify(result.errors)}\n`,
    );

    expect(result.untyped).toEqual([]);
    expect(result.malformed).toEqual([]);
    // Each fault hits exactly one request and each call sends exactly one: the counts match one for one.
    expect(result.errors).toEqual(expected);
    expect(result.ok).toBe(CALLS - failures);
    expect(stats.requests).toEqual({ generate: CALLS });
    expect(stats.pendingFaults).toBe(0);
    expect(unhandled).toEqual([]);
    expect(logger.leaks).toEqual([]);
    // The classes the counts stand for.
    expect(
      [TermiiServerError, TermiiRateLimitError, TermiiResponseError, TermiiTimeoutError].map((c) => c.name),
    ).toEqual(expect.arrayContaining(Object.keys(expected).filter((k) => !k.startsWith('TermiiConnectionError'))));
  }, 120_000);
});
