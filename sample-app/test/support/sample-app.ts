import type { INestApplication } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Test, type TestingModule, type TestingModuleBuilder } from '@nestjs/testing';
import { request as httpRequest } from 'node:http';
import { TermiiTestingModule, type TermiiTestingModuleOptions } from 'nestjs-termii/testing';
import { CaptureLogger } from '../../../test/support/capture-logger.js';
import { AppModule, termiiRegistration } from '../../app.module.js';
import { listenPort } from '../../config/listen-port.js';
import { configureApp } from '../../configure-app.js';

/** The sample app, built from `AppModule` as `main.ts` builds it, listening on a free loopback port. */
export interface RunningSampleApp {
  app: INestApplication;
  moduleRef: TestingModule;
  /** `http://127.0.0.1:PORT` */
  url: string;
  /** Everything the app logged. */
  logs: CaptureLogger;
  close(): Promise<void>;
}

export interface SampleAppOptions {
  /**
   * The app's whole environment, as `ConfigService` sees it: the machine's own variables (a developer's
   * real TERMII_API_KEY, say) never reach the app under test.
   */
  env?: Record<string, string>;
  /** Overrides to apply, e.g. `(b) => b.overrideProvider(InAppTokenService).useValue(double)`. */
  override?: (builder: TestingModuleBuilder) => TestingModuleBuilder;
}

/** Every variable the app reads; those a test does not set read as empty, i.e. unset. */
const APP_VARIABLES = [
  'NODE_ENV',
  'TERMII_API_KEY',
  'TERMII_BASE_URL',
  'OTP_THROTTLE_LIMIT',
  'OTP_THROTTLE_TTL_SECONDS',
  'OTP_NUMBER_LIMIT',
  'OTP_NUMBER_TTL_SECONDS',
  'OTP_RESEND_COOLDOWN_SECONDS',
  'REDIS_URL',
  'TRUST_PROXY',
  'OTP_CHANNEL',
  'TERMII_SENDER_ID',
  'TERMII_MIN_BALANCE',
  'TERMII_WEBHOOK_SECRET',
  'JWT_SECRET',
  'SESSION_TTL_SECONDS',
  'PORT',
];

/**
 * A session signing secret for the tests that set `TERMII_API_KEY`, where the app refuses to start without
 * one. Long enough, and distinctive, so that a test can prove it never reaches a log line.
 */
export const TEST_JWT_SECRET = 'jwt-secret-canary-3f9a1c7e5b2d4860a1f3';

/**
 * For suites about something else that ask for several codes for one number: the per-number limit and
 * the resend cooldown out of their way (the per-client limit stays as each suite sets it).
 */
export const NO_NUMBER_LIMITS = Object.freeze({ OTP_NUMBER_LIMIT: '1000', OTP_RESEND_COOLDOWN_SECONDS: '0' });

export async function startSampleApp({
  env = {},
  override = (b) => b,
}: SampleAppOptions = {}): Promise<RunningSampleApp> {
  // ConfigService reads its own values before process.env, so the machine's variables are shadowed.
  // PORT 0 (a free port, picked when the app listens) unless the test gives one.
  const port = env['PORT'] ?? '0';
  const config = new ConfigService({
    ...Object.fromEntries(APP_VARIABLES.map((name) => [name, ''])),
    ...env,
    PORT: port,
  });
  // As main.ts reads it (an invalid PORT fails here, before anything is started).
  const listenOn = listenPort(config);
  const logs = new CaptureLogger();
  const builder = Test.createTestingModule({ imports: [AppModule] })
    .overrideProvider(ConfigService)
    .useValue(config)
    .setLogger(logs);
  const moduleRef = await override(builder).compile();
  // rawBody, as main.ts: the delivery-report endpoint checks the signature of the exact bytes received.
  const app = configureApp(moduleRef.createNestApplication({ logger: logs, rawBody: true }));
  await app.listen(listenOn, '127.0.0.1');
  return { app, moduleRef, url: await app.getUrl(), logs, close: () => app.close() };
}

/**
 * Starts the sample app with `TermiiTestingModule` (given `termii` options) in place of its Termii
 * registration: the real `InAppTokenService` on the in-memory emulator.
 */
export function startSampleAppOnEmulator(
  env: Record<string, string> = {},
  termii: TermiiTestingModuleOptions = {},
): Promise<RunningSampleApp> {
  return startSampleApp({
    env,
    override: (builder) =>
      builder.overrideModule(termiiRegistration).useModule(TermiiTestingModule.forRoot({ ...termii, isGlobal: true })),
  });
}

/** What a test reads from an HTTP answer. */
export interface Answer {
  status: number;
  headers: Headers;
  /** The raw body, to search for what must not be in it. */
  text: string;
  /** The body parsed as a JSON object, or `{}`. */
  body: Record<string, unknown>;
}

/** GETs `url` and reads the whole answer. */
export async function get(url: string): Promise<Answer> {
  return read(await fetch(url));
}

/** POSTs `body` as JSON (a string is sent as it is) and reads the whole answer. */
export async function post(url: string, body: unknown, headers: Record<string, string> = {}): Promise<Answer> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return read(res);
}

async function read(res: Response): Promise<Answer> {
  const text = await res.text();
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = undefined;
  }
  const isObject = typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed);
  return { status: res.status, headers: res.headers, text, body: isObject ? (parsed as Record<string, unknown>) : {} };
}

/** POSTs JSON from another loopback source address (e.g. 127.0.0.2), i.e. as another client; resolves to the status. */
export function postFrom(localAddress: string, url: string, body: unknown): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      url,
      { method: 'POST', localAddress, headers: { 'content-type': 'application/json' } },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      },
    );
    req.on('error', reject);
    req.end(JSON.stringify(body));
  });
}

/**
 * The first line the app logged (or logs within `timeoutMs`) that matches `pattern`, with its level. For
 * what happens after an answer went out, e.g. a webhook handler; fails after the bound, never sleeps long.
 */
export async function waitForLine(
  logs: CaptureLogger,
  pattern: RegExp,
  timeoutMs = 2000,
): Promise<{ level: string; text: string }> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const line = logs.lines.find((l) => pattern.test(l.text));
    if (line) return line;
    if (Date.now() > deadline) {
      throw new Error(
        `no log line matches ${pattern} within ${timeoutMs} ms:\n${logs.lines.map((l) => l.text).join('\n')}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
