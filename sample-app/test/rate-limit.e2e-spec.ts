/**
 * e2e 5 — the OTP routes are rate-limited per client (SMS pumping, brute force): 5 requests per minute on
 * each route by default, configurable through the environment; past the limit, 429 and nothing reaches Termii.
 * Each code here is for another number, so that only the per-client limit is met (the per-number limits
 * have their own suite).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { TermiiTestingController } from 'nestjs-termii/testing';
import { DEFAULT_OTP_THROTTLE_LIMIT, DEFAULT_OTP_THROTTLE_TTL_SECONDS } from '../config/otp-throttle.options.js';
import { assertRefused, CLIENT_LIMIT } from './support/limits.js';
import { otherPhone } from './support/phone.js';
import { post, postFrom, startSampleAppOnEmulator, type RunningSampleApp } from './support/sample-app.js';

describe('e2e 5: rate limit of the OTP routes', () => {
  describe('by default', () => {
    let sample: RunningSampleApp;
    let termii: TermiiTestingController;

    before(async () => {
      sample = await startSampleAppOnEmulator();
      termii = sample.app.get(TermiiTestingController);
    });
    after(() => sample.close());

    it('allows 5 code requests per minute per client, then answers 429 with Retry-After and sends nothing to Termii', async () => {
      assert.deepEqual([DEFAULT_OTP_THROTTLE_LIMIT, DEFAULT_OTP_THROTTLE_TTL_SECONDS], [5, 60]);
      for (let i = 1; i <= 5; i += 1) {
        assert.equal(
          (await post(`${sample.url}/auth/otp`, { phoneNumber: otherPhone(i) })).status,
          201,
          `request ${i}`,
        );
      }
      const limited = await post(`${sample.url}/auth/otp`, { phoneNumber: otherPhone(6) });

      assert.equal(limited.status, 429);
      assert.equal(limited.body['statusCode'], 429);
      assertRefused(limited, CLIENT_LIMIT);
      const retryAfter = Number(limited.headers.get('retry-after'));
      assert.ok(retryAfter > 0 && retryAfter <= 60, `Retry-After: ${limited.headers.get('retry-after')}`);
      assert.equal(termii.requests.length, 5);
    });

    it('counts each route on its own: verify still has its 5 tries, then answers 429 too', async () => {
      const pinId = termii.pins[0].pinId;
      for (let i = 1; i <= 5; i += 1) {
        assert.equal((await post(`${sample.url}/auth/otp/verify`, { pinId, pin: '000000' })).status, 401, `try ${i}`);
      }
      assert.equal((await post(`${sample.url}/auth/otp/verify`, { pinId, pin: '000000' })).status, 429);
      assert.equal(termii.requests.filter((r) => r.operation === 'verify').length, 5);
    });

    it('counts each client on its own: another address is not limited', async () => {
      assert.equal(await postFrom('127.0.0.2', `${sample.url}/auth/otp`, { phoneNumber: otherPhone(7) }), 201);
    });
  });

  describe('configured through the environment', () => {
    it('OTP_THROTTLE_LIMIT and OTP_THROTTLE_TTL_SECONDS set the limit and the window', async () => {
      const sample = await startSampleAppOnEmulator({ OTP_THROTTLE_LIMIT: '2', OTP_THROTTLE_TTL_SECONDS: '3600' });
      try {
        assert.equal((await post(`${sample.url}/auth/otp`, { phoneNumber: otherPhone(1) })).status, 201);
        assert.equal((await post(`${sample.url}/auth/otp`, { phoneNumber: otherPhone(2) })).status, 201);
        const limited = await post(`${sample.url}/auth/otp`, { phoneNumber: otherPhone(3) });
        assert.equal(limited.status, 429);
        assert.ok(
          Number(limited.headers.get('retry-after')) > 60,
          `Retry-After: ${limited.headers.get('retry-after')}`,
        );
      } finally {
        await sample.close();
      }
    });

    it('a value that is not a whole number ≥ 1 fails start-up, naming the variable', async () => {
      await assert.rejects(
        startSampleAppOnEmulator({ OTP_THROTTLE_LIMIT: 'lots' }),
        /OTP_THROTTLE_LIMIT must be a whole number/,
      );
      await assert.rejects(
        startSampleAppOnEmulator({ OTP_THROTTLE_TTL_SECONDS: '0' }),
        /OTP_THROTTLE_TTL_SECONDS must be a whole number/,
      );
    });
  });
});
