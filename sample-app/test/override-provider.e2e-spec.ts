/**
 * e2e 1 — the lightest double: `overrideProvider(InAppTokenService).useValue(...)` with a plain object.
 * No Termii and no emulator: the test decides what "Termii" answers and checks what the app asked for.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it, mock } from 'node:test';
import { InAppTokenService, type InAppToken, type TokenVerification } from 'nestjs-termii';
import { OTP_POLICY } from '../auth/auth.service.js';
import { OtpDeliveryChannel, type OtpDelivery } from '../auth/otp-delivery-channel.js';
import { PHONE, TYPED_PHONE } from './support/phone.js';
import { post, startSampleApp, type RunningSampleApp, TEST_JWT_SECRET } from './support/sample-app.js';

describe('e2e 1: InAppTokenService replaced with overrideProvider(...).useValue(a plain double)', () => {
  const token: InAppToken = { pinId: 'pin-1', otp: '482913', phoneNumber: PHONE };
  const verified: TokenVerification = { pinId: 'pin-1', verified: true, status: 'verified', msisdn: PHONE };
  const tokens = {
    generate: mock.fn(async (_input: unknown): Promise<InAppToken> => token),
    verify: mock.fn(async (_input: unknown): Promise<TokenVerification> => verified),
  };
  const delivered: OtpDelivery[] = [];
  const channel: OtpDeliveryChannel = { deliver: async (delivery) => void delivered.push(delivery) };
  let sample: RunningSampleApp;

  before(async () => {
    sample = await startSampleApp({
      // The key only lets TermiiModule start: the service that would send it is replaced.
      env: { TERMII_API_KEY: 'unused-in-this-suite', JWT_SECRET: TEST_JWT_SECRET, OTP_THROTTLE_LIMIT: '100' },
      override: (builder) =>
        builder
          .overrideProvider(InAppTokenService)
          .useValue(tokens)
          .overrideProvider(OtpDeliveryChannel)
          .useValue(channel),
    });
  });
  after(() => sample.close());
  beforeEach(() => {
    tokens.generate.mock.resetCalls();
    tokens.verify.mock.resetCalls();
    delivered.length = 0;
  });

  it('POST /auth/otp gets a code with the app policy, delivers it, and answers 201 { pinId, expiresAt } without it', async () => {
    const before = Date.now();
    const res = await post(`${sample.url}/auth/otp`, { phoneNumber: TYPED_PHONE });
    const after = Date.now();

    assert.equal(res.status, 201);
    assert.deepEqual(Object.keys(res.body).sort(), ['expiresAt', 'pinId']);
    assert.equal(res.body['pinId'], 'pin-1');
    const expiresAt = Date.parse(res.body['expiresAt'] as string);
    const ttl = OTP_POLICY.pinTimeToLive * 60_000;
    assert.ok(
      expiresAt >= before + ttl && expiresAt <= after + ttl,
      `expiresAt ${String(res.body['expiresAt'])} is not about ${ttl} ms ahead`,
    );
    assert.ok(!res.text.includes(token.otp), 'the code is in the HTTP answer');
    // The library's DTO rules normalised the number before the service saw it.
    assert.deepEqual(
      tokens.generate.mock.calls.map((c) => c.arguments[0]),
      [{ phoneNumber: PHONE, ...OTP_POLICY }],
    );
    assert.deepEqual(delivered, [{ phoneNumber: PHONE, otp: token.otp, expiresAt: new Date(expiresAt) }]);
  });

  it('POST /auth/otp/verify answers 200 { verified: true, phoneNumber } for a verified code', async () => {
    const res = await post(`${sample.url}/auth/otp/verify`, { pinId: 'pin-1', pin: '482913' });

    assert.equal(res.status, 200);
    assert.deepEqual(res.body, { verified: true, phoneNumber: PHONE });
    assert.deepEqual(
      tokens.verify.mock.calls.map((c) => c.arguments[0]),
      [{ pinId: 'pin-1', pin: '482913' }],
    );
  });

  for (const [status, message] of [
    ['invalid', /wrong code/i],
    ['expired', /expired/i],
    ['not_found', /unknown pinId/i],
  ] as const) {
    it(`POST /auth/otp/verify answers 401 that says so when the code is ${status}`, async () => {
      tokens.verify.mock.mockImplementationOnce(async () => ({ pinId: 'pin-1', verified: false, status }));
      const res = await post(`${sample.url}/auth/otp/verify`, { pinId: 'pin-1', pin: '000000' });

      assert.equal(res.status, 401);
      assert.equal(res.body['reason'], status);
      assert.match(res.body['message'] as string, message);
      assert.deepEqual(Object.keys(res.body).sort(), ['error', 'message', 'reason', 'statusCode']);
    });
  }

  it('answers 502, not a login without a phone number, when Termii verifies but names no number', async () => {
    tokens.verify.mock.mockImplementationOnce(async () => ({ pinId: 'pin-1', verified: true, status: 'verified' }));
    const res = await post(`${sample.url}/auth/otp/verify`, { pinId: 'pin-1', pin: '482913' });

    assert.equal(res.status, 502);
    assert.ok(!('phoneNumber' in res.body));
  });
});
