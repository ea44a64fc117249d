/**
 * The embedded default, in-process: with no TERMII_API_KEY the app starts the nestjs-termii sandbox itself,
 * says so once, runs the login on it, and stops it when the app closes. Never in production.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { OtpDeliveryChannel, type OtpDelivery } from '../auth/otp-delivery-channel.js';
import { PHONE } from './support/phone.js';
import { post, startSampleApp } from './support/sample-app.js';

const EMBEDDED_LINE =
  /^TERMII_API_KEY is not set: using the embedded nestjs-termii sandbox at (http:\/\/127\.0\.0\.1:\d+)/;

describe('the embedded sandbox, when TERMII_API_KEY is not set', () => {
  it('is started, announced in one line, serves the login, and is stopped with the app', async () => {
    const delivered: OtpDelivery[] = [];
    const sample = await startSampleApp({
      override: (builder) =>
        builder
          .overrideProvider(OtpDeliveryChannel)
          .useValue({ deliver: async (d: OtpDelivery) => void delivered.push(d) }),
    });
    let sandboxUrl: string;
    try {
      const announcements = sample.logs.lines.filter((line) => EMBEDDED_LINE.test(line.text));
      assert.equal(announcements.length, 1, sample.logs.lines.map((line) => line.text).join('\n'));
      sandboxUrl = EMBEDDED_LINE.exec(announcements[0].text)![1]!;

      const requested = await post(`${sample.url}/auth/otp`, { phoneNumber: PHONE });
      assert.equal(requested.status, 201);
      const verified = await post(`${sample.url}/auth/otp/verify`, {
        pinId: requested.body['pinId'],
        pin: delivered[0].otp,
      });
      assert.deepEqual(verified.body, { verified: true, phoneNumber: PHONE });
      // The app really talks to that sandbox over HTTP.
      assert.equal((await fetch(`${sandboxUrl}/api/sms/otp/verify`, { method: 'POST' })).status, 400);
    } finally {
      await sample.close();
    }
    await assert.rejects(
      fetch(`${sandboxUrl}/api/sms/otp/verify`, { method: 'POST' }),
      'the sandbox still answers after app.close()',
    );
  });

  it('says that TERMII_BASE_URL is ignored without a key', async () => {
    const sample = await startSampleApp({ env: { TERMII_BASE_URL: 'https://api.ng.termii.com' } });
    await sample.close();
    const line = sample.logs.lines.find((l) => EMBEDDED_LINE.test(l.text));
    assert.match(line?.text ?? '', /TERMII_BASE_URL is ignored without TERMII_API_KEY/);
  });

  it('is refused when NODE_ENV=production: start-up fails instead', async () => {
    await assert.rejects(
      startSampleApp({ env: { NODE_ENV: 'production' } }),
      /TERMII_API_KEY is required when NODE_ENV=production/,
    );
  });
});
