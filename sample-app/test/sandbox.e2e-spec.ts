/**
 * e2e 3 — the app as configured for production (`TERMII_API_KEY`, `TERMII_BASE_URL`), talking real HTTP to
 * the nestjs-termii sandbox that the test starts: the same flow as against Termii.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { startTermiiSandbox, type TermiiSandbox } from 'nestjs-termii/sandbox';
import { PHONE, TYPED_PHONE } from './support/phone.js';
import {
  NO_NUMBER_LIMITS,
  post,
  startSampleApp,
  type RunningSampleApp,
  TEST_JWT_SECRET,
} from './support/sample-app.js';

const API_KEY = 'sample-app-e2e-key';

describe('e2e 3: the app configured with TERMII_API_KEY and TERMII_BASE_URL, against the sandbox over HTTP', () => {
  let sandbox: TermiiSandbox;
  let sample: RunningSampleApp;

  before(async () => {
    // The sandbox accepts this key only, so a success proves the app sent TERMII_API_KEY.
    sandbox = await startTermiiSandbox({ apiKeys: [API_KEY] });
    sample = await startSampleApp({
      env: {
        TERMII_API_KEY: API_KEY,
        JWT_SECRET: TEST_JWT_SECRET,
        TERMII_BASE_URL: sandbox.url,
        OTP_THROTTLE_LIMIT: '100',
        ...NO_NUMBER_LIMITS,
      },
    });
  });
  after(async () => {
    await sample.close();
    await sandbox.close();
  });
  beforeEach(() => sandbox.reset());

  it('the full flow: request a code, read it from the sandbox, verify; a second use and a wrong PIN are refused', async () => {
    const requested = await post(`${sample.url}/auth/otp`, { phoneNumber: TYPED_PHONE });
    assert.equal(requested.status, 201);
    const pinId = requested.body['pinId'] as string;
    const otp = sandbox.lastOtp(PHONE);
    assert.ok(otp, 'the sandbox issued no code');
    assert.ok(!requested.text.includes(otp), 'the code is in the HTTP answer');
    assert.equal(sandbox.pins[0].pinId, pinId);

    const ok = await post(`${sample.url}/auth/otp/verify`, { pinId, pin: otp });
    assert.equal(ok.status, 200);
    assert.deepEqual(ok.body, { verified: true, phoneNumber: PHONE });

    const again = await post(`${sample.url}/auth/otp/verify`, { pinId, pin: otp });
    assert.equal(again.status, 401);
    assert.equal(again.body['reason'], 'expired');

    const second = await post(`${sample.url}/auth/otp`, { phoneNumber: PHONE });
    const secondOtp = sandbox.lastOtp(PHONE)!;
    const bad = await post(`${sample.url}/auth/otp/verify`, {
      pinId: second.body['pinId'],
      pin: secondOtp === '000000' ? '111111' : '000000',
    });
    assert.equal(bad.status, 401);
    assert.equal(bad.body['reason'], 'invalid');

    assert.deepEqual(
      sandbox.requests.map((r) => [r.operation, r.status]),
      [
        ['generate', 200],
        ['verify', 200],
        ['verify', 400],
        ['generate', 200],
        ['verify', 200],
      ],
    );
  });

  it('says where it sends codes in one start-up line, and never logs the key', () => {
    const lines = sample.logs.lines.map((line) => line.text);
    assert.ok(
      lines.some((text) => text.startsWith(`Using Termii at ${sandbox.url}`)),
      lines.join('\n'),
    );
    assert.ok(!lines.some((text) => text.includes(API_KEY)));
  });
});
