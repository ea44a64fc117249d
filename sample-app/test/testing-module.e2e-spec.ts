/**
 * e2e 2 — `TermiiTestingModule` in place of the app's `TermiiModule` registration: the real
 * `InAppTokenService` runs (validation, wire bodies, mapping), answered by an in-memory Termii emulator
 * that the test reads through `TermiiTestingController`.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { TermiiTestingController } from 'nestjs-termii/testing';
import { OTP_POLICY } from '../auth/auth.service.js';
import { PHONE, TYPED_PHONE } from './support/phone.js';
import { NO_NUMBER_LIMITS, post, startSampleAppOnEmulator, type RunningSampleApp } from './support/sample-app.js';

describe('e2e 2: TermiiTestingModule in place of TermiiModule', () => {
  let sample: RunningSampleApp;
  let termii: TermiiTestingController;

  before(async () => {
    sample = await startSampleAppOnEmulator({ OTP_THROTTLE_LIMIT: '100', ...NO_NUMBER_LIMITS });
    termii = sample.app.get(TermiiTestingController);
  });
  after(() => sample.close());
  beforeEach(() => termii.reset());

  async function requestCode(): Promise<{ pinId: string; otp: string }> {
    const res = await post(`${sample.url}/auth/otp`, { phoneNumber: TYPED_PHONE });
    assert.equal(res.status, 201);
    const otp = termii.lastOtp(PHONE);
    assert.ok(otp, 'the emulator issued no code');
    assert.ok(!res.text.includes(otp), 'the code is in the HTTP answer');
    return { pinId: res.body['pinId'] as string, otp };
  }

  function wrong(otp: string): string {
    return otp === '000000' ? '111111' : '000000';
  }

  it('the full flow: request a code, read it from the testing handle, verify; a second use and a wrong PIN are refused', async () => {
    const { pinId, otp } = await requestCode();

    const ok = await post(`${sample.url}/auth/otp/verify`, { pinId, pin: otp });
    assert.equal(ok.status, 200);
    assert.deepEqual(ok.body, { verified: true, phoneNumber: PHONE });

    const again = await post(`${sample.url}/auth/otp/verify`, { pinId, pin: otp });
    assert.equal(again.status, 401);
    assert.equal(again.body['reason'], 'expired');

    const second = await requestCode();
    const bad = await post(`${sample.url}/auth/otp/verify`, { pinId: second.pinId, pin: wrong(second.otp) });
    assert.equal(bad.status, 401);
    assert.equal(bad.body['reason'], 'invalid');
    assert.match(bad.body['message'] as string, /wrong code/i);
  });

  it('sends Termii the app policy for the number the user typed, and no more', async () => {
    await requestCode();

    assert.equal(termii.requests.length, 1);
    assert.deepEqual(termii.requests[0].body, {
      api_key: '[REDACTED]',
      pin_type: 'NUMERIC',
      phone_number: PHONE,
      pin_attempts: OTP_POLICY.pinAttempts,
      pin_time_to_live: OTP_POLICY.pinTimeToLive,
      pin_length: OTP_POLICY.pinLength,
    });
  });

  it('refuses a code past its time to live, and an unknown pinId, saying which', async () => {
    const { pinId, otp } = await requestCode();
    termii.advanceClock(OTP_POLICY.pinTimeToLive * 60_000 + 1);

    const late = await post(`${sample.url}/auth/otp/verify`, { pinId, pin: otp });
    assert.equal(late.status, 401);
    assert.equal(late.body['reason'], 'expired');
    assert.match(late.body['message'] as string, /expired/i);

    const unknown = await post(`${sample.url}/auth/otp/verify`, {
      pinId: '00000000-0000-4000-8000-000000000000',
      pin: otp,
    });
    assert.equal(unknown.status, 401);
    assert.equal(unknown.body['reason'], 'not_found');
    assert.match(unknown.body['message'] as string, /unknown pinId/i);
  });

  it(`refuses the right code after ${OTP_POLICY.pinAttempts} wrong ones: a code cannot be brute-forced`, async () => {
    const { pinId, otp } = await requestCode();
    for (let i = 0; i < OTP_POLICY.pinAttempts; i += 1) {
      assert.equal((await post(`${sample.url}/auth/otp/verify`, { pinId, pin: wrong(otp) })).status, 401);
    }
    const right = await post(`${sample.url}/auth/otp/verify`, { pinId, pin: otp });
    assert.equal(right.status, 401);
    assert.equal(right.body['reason'], 'expired');
  });
});
