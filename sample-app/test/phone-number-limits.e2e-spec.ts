/**
 * e2e 6 — `POST /auth/otp` is limited per phone number too, whoever asks (SMS pumping asks from many
 * addresses): at most 3 codes per number per 15 minutes and one per 60 s by default, counted on the
 * normalised number, each answered 429 with `Retry-After`. A malformed body spends no number's quota.
 * Here the counts live in memory (no REDIS_URL); `redis.e2e-spec.ts` shares them between instances.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { TermiiTestingController } from 'nestjs-termii/testing';
import {
  DEFAULT_OTP_NUMBER_LIMIT,
  DEFAULT_OTP_NUMBER_TTL_SECONDS,
  DEFAULT_OTP_RESEND_COOLDOWN_SECONDS,
} from '../config/otp-throttle.options.js';
import { assertRefused, COOLDOWN, NUMBER_LIMIT, waitOut } from './support/limits.js';
import { otherPhone, PHONE, TYPED_PHONE } from './support/phone.js';
import { post, startSampleAppOnEmulator, type RunningSampleApp } from './support/sample-app.js';

async function withApp(env: Record<string, string>, run: (sample: RunningSampleApp) => Promise<void>): Promise<void> {
  const sample = await startSampleAppOnEmulator({ OTP_THROTTLE_LIMIT: '100', ...env });
  try {
    await run(sample);
  } finally {
    await sample.close();
  }
}

describe('e2e 6: limits per phone number on POST /auth/otp', () => {
  it('by default: 3 codes per number per 15 minutes, 60 s apart', () => {
    assert.deepEqual(
      [DEFAULT_OTP_NUMBER_LIMIT, DEFAULT_OTP_NUMBER_TTL_SECONDS, DEFAULT_OTP_RESEND_COOLDOWN_SECONDS],
      [3, 900, 60],
    );
  });

  it('the default cooldown refuses a second code for 60 s, and says when one may be asked for', async () => {
    await withApp({}, async (sample) => {
      assert.equal((await post(`${sample.url}/auth/otp`, { phoneNumber: PHONE })).status, 201);
      const seconds = assertRefused(await post(`${sample.url}/auth/otp`, { phoneNumber: TYPED_PHONE }), COOLDOWN);
      assert.ok(seconds >= 59 && seconds <= 60, `Retry-After: ${seconds}`);
      assert.equal(sample.app.get(TermiiTestingController).requests.length, 1);
      // Another number is not concerned.
      assert.equal((await post(`${sample.url}/auth/otp`, { phoneNumber: otherPhone(1) })).status, 201);
    });
  });

  it('the 4th code for one number is refused, however the number is written; Termii sees 3', async () => {
    await withApp({ OTP_RESEND_COOLDOWN_SECONDS: '1' }, async (sample) => {
      const termii = sample.app.get(TermiiTestingController);
      const writings = [TYPED_PHONE, PHONE, '+2348109477743'];
      for (const [i, phoneNumber] of writings.entries()) {
        if (i > 0) {
          // Within the cooldown: refused, and the refusal is not counted.
          const seconds = assertRefused(await post(`${sample.url}/auth/otp`, { phoneNumber }), COOLDOWN);
          assert.equal(seconds, 1);
          await waitOut(seconds);
        }
        assert.equal((await post(`${sample.url}/auth/otp`, { phoneNumber })).status, 201, `code ${i + 1}`);
      }
      await waitOut(1);
      const seconds = assertRefused(
        await post(`${sample.url}/auth/otp`, { phoneNumber: '234 810 947 7743' }),
        NUMBER_LIMIT,
      );
      assert.ok(seconds > 800 && seconds <= DEFAULT_OTP_NUMBER_TTL_SECONDS, `Retry-After: ${seconds}`);
      assert.equal(termii.requests.length, 3);
      assert.ok(termii.requests.every((r) => r.body!['phone_number'] === PHONE));

      // Verifying a code is not limited per number: the code of the exhausted number still logs in.
      const pin = termii.pins.at(-1)!;
      const verified = await post(`${sample.url}/auth/otp/verify`, { pinId: pin.pinId, pin: termii.lastOtp(PHONE) });
      assert.equal(verified.status, 200, verified.text);
    });
  });

  it('OTP_NUMBER_LIMIT and OTP_NUMBER_TTL_SECONDS set the per-number limit and its window', async () => {
    await withApp(
      { OTP_NUMBER_LIMIT: '1', OTP_NUMBER_TTL_SECONDS: '7200', OTP_RESEND_COOLDOWN_SECONDS: '0' },
      async (sample) => {
        assert.equal((await post(`${sample.url}/auth/otp`, { phoneNumber: PHONE })).status, 201);
        const seconds = assertRefused(await post(`${sample.url}/auth/otp`, { phoneNumber: PHONE }), NUMBER_LIMIT);
        assert.ok(seconds > 3600 && seconds <= 7200, `Retry-After: ${seconds}`);
      },
    );
  });

  it('a malformed body is answered 400 and spends no number’s quota', async () => {
    await withApp({ OTP_NUMBER_LIMIT: '1', OTP_RESEND_COOLDOWN_SECONDS: '0' }, async (sample) => {
      for (const body of [
        { phoneNumber: PHONE, role: 'admin' },
        { phoneNumber: PHONE, pinLength: 4 },
        { phoneNumber: `${PHONE}x` },
      ]) {
        assert.equal((await post(`${sample.url}/auth/otp`, body)).status, 400, JSON.stringify(body));
      }
      assert.equal((await post(`${sample.url}/auth/otp`, { phoneNumber: TYPED_PHONE })).status, 201);
      // The limit is live: the next one is refused.
      assertRefused(await post(`${sample.url}/auth/otp`, { phoneNumber: PHONE }), NUMBER_LIMIT);
    });
  });

  it('a bad value fails start-up, naming the variable; OTP_RESEND_COOLDOWN_SECONDS=0 turns the cooldown off', async () => {
    await assert.rejects(
      startSampleAppOnEmulator({ OTP_NUMBER_LIMIT: '0' }),
      /OTP_NUMBER_LIMIT must be a whole number/,
    );
    await assert.rejects(
      startSampleAppOnEmulator({ OTP_NUMBER_TTL_SECONDS: '1.5' }),
      /OTP_NUMBER_TTL_SECONDS must be a whole number/,
    );
    await assert.rejects(
      startSampleAppOnEmulator({ OTP_RESEND_COOLDOWN_SECONDS: '-1' }),
      /OTP_RESEND_COOLDOWN_SECONDS must be a whole number of at least 0/,
    );
    await withApp({ OTP_RESEND_COOLDOWN_SECONDS: '0' }, async (sample) => {
      assert.equal((await post(`${sample.url}/auth/otp`, { phoneNumber: PHONE })).status, 201);
      assert.equal((await post(`${sample.url}/auth/otp`, { phoneNumber: PHONE })).status, 201);
    });
  });

  it('without REDIS_URL each instance counts alone, in memory, and says so', async () => {
    const first = await startSampleAppOnEmulator();
    const second = await startSampleAppOnEmulator();
    try {
      for (const sample of [first, second]) {
        const lines = sample.logs.lines.map((line) => line.text);
        assert.ok(
          lines.some((text) => text.startsWith('Rate limits are counted in memory')),
          lines.join('\n'),
        );
      }
      assert.equal((await post(`${first.url}/auth/otp`, { phoneNumber: PHONE })).status, 201);
      assertRefused(await post(`${first.url}/auth/otp`, { phoneNumber: PHONE }), COOLDOWN);
      // The other instance has not seen that code: why several replicas need REDIS_URL.
      assert.equal((await post(`${second.url}/auth/otp`, { phoneNumber: PHONE })).status, 201);
    } finally {
      await first.close();
      await second.close();
    }
  });
});
