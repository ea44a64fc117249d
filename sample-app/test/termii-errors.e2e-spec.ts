/**
 * Termii failures, through the app's one exception filter: each nestjs-termii error class gets its HTTP
 * status, and the answer holds nothing of Termii's (its text, status, error codes, base URL or key).
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { InAppTokenService, TermiiValidationError } from 'nestjs-termii';
import { TermiiFaults, TermiiTestingController, type TermiiFault } from 'nestjs-termii/testing';
import { PHONE } from './support/phone.js';
import {
  NO_NUMBER_LIMITS,
  post,
  startSampleApp,
  startSampleAppOnEmulator,
  type RunningSampleApp,
  TEST_JWT_SECRET,
} from './support/sample-app.js';

const API_KEY = 'canary-key-5f1c2a9e';
const TIMEOUT_MS = 200;

/** [what Termii does, the error class it becomes, the app's status] */
const FAILURES: [string, TermiiFault, string, number][] = [
  ['answers 429 with Retry-After: 30', TermiiFaults.rateLimited(30), 'TermiiRateLimitError', 429],
  ['refuses the key (401)', TermiiFaults.unauthorized(), 'TermiiAuthenticationError', 502],
  ['fails with 500', TermiiFaults.status(500, { message: 'Simulated internal detail' }), 'TermiiServerError', 502],
  ['answers a proxy HTML page (502)', TermiiFaults.html(502), 'TermiiServerError', 502],
  [
    'answers 400 Insufficient balance',
    TermiiFaults.status(400, { message: 'Insufficient balance' }),
    'TermiiInsufficientBalanceError',
    503,
  ],
  ['answers 200 with an unexpected body', TermiiFaults.wrongShape(), 'TermiiResponseError', 502],
  ['resets the connection', TermiiFaults.drop(), 'TermiiConnectionError', 503],
  [`answers after ${TIMEOUT_MS * 5} ms`, TermiiFaults.delay(TIMEOUT_MS * 5), 'TermiiTimeoutError', 504],
];

/** What an answer to the client must never contain. */
const INTERNALS = [
  API_KEY,
  'Termii',
  'Simulated',
  'Insufficient balance',
  'ECONNRESET',
  'emulator',
  'HTTP 5',
  '<html',
  `${TIMEOUT_MS}`,
];

describe('nestjs-termii errors → HTTP answers', () => {
  let sample: RunningSampleApp;
  let termii: TermiiTestingController;

  before(async () => {
    sample = await startSampleAppOnEmulator(
      { OTP_THROTTLE_LIMIT: '1000', ...NO_NUMBER_LIMITS },
      { apiKey: API_KEY, timeoutMs: TIMEOUT_MS, maxRetries: 0 },
    );
    termii = sample.app.get(TermiiTestingController);
  });
  after(() => sample.close());
  beforeEach(() => termii.reset());

  for (const [what, fault, errorClass, status] of FAILURES) {
    for (const operation of ['generate', 'verify'] as const) {
      it(`Termii ${what} on ${operation} → ${errorClass} → ${status}, with no internals in the answer`, async () => {
        termii.fail(fault, { operation });
        sample.logs.lines.length = 0;
        const res =
          operation === 'generate'
            ? await post(`${sample.url}/auth/otp`, { phoneNumber: PHONE })
            : await post(`${sample.url}/auth/otp/verify`, {
                pinId: 'c8dcd048-5e7f-4347-8c89-4470c3af0b4e',
                pin: '123456',
              });

        assert.equal(res.status, status, res.text);
        assert.deepEqual(Object.keys(res.body).sort(), ['error', 'message', 'statusCode']);
        assert.equal(res.body['statusCode'], status);
        for (const internal of INTERNALS)
          assert.ok(!res.text.includes(internal), `the answer shows "${internal}": ${res.text}`);
        if (status === 429) assert.equal(res.headers.get('retry-after'), '30');
        // The server's log keeps what the client is not told, and not the key.
        const logged = sample.logs.lines.map((line) => line.text).join('\n');
        assert.ok(logged.includes(`${errorClass}: `), logged);
        assert.ok(!logged.includes(API_KEY));
      });
    }
  }
});

describe('a TermiiValidationError from the service → 400 with its messages', () => {
  let sample: RunningSampleApp;

  before(async () => {
    const invalid = new TermiiValidationError([
      { property: 'phoneNumber', messages: ['phoneNumber must be an international phone number'] },
    ]);
    sample = await startSampleApp({
      env: { TERMII_API_KEY: 'unused-in-this-suite', JWT_SECRET: TEST_JWT_SECRET },
      override: (builder) =>
        builder.overrideProvider(InAppTokenService).useValue({
          generate: async () => Promise.reject(invalid),
          verify: async () => Promise.reject(invalid),
        }),
    });
  });
  after(() => sample.close());

  it('answers like the ValidationPipe does', async () => {
    const res = await post(`${sample.url}/auth/otp`, { phoneNumber: PHONE });

    assert.equal(res.status, 400);
    assert.deepEqual(res.body, {
      statusCode: 400,
      error: 'Bad Request',
      message: ['phoneNumber must be an international phone number'],
    });
  });
});
