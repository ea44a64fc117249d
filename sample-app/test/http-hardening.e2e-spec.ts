/**
 * e2e 8 — the production habits users copy from the sample app: helmet's security headers, no
 * `X-Powered-By`, a body-size limit, and `TRUST_PROXY` deciding whom the per-client limit counts (and
 * whether the app is an HTTPS deployment, which gets HSTS and `upgrade-insecure-requests`).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { TermiiTestingController } from 'nestjs-termii/testing';
import { BODY_SIZE_LIMIT } from '../configure-app.js';
import { assertRefused, CLIENT_LIMIT } from './support/limits.js';
import { otherPhone, PHONE } from './support/phone.js';
import { post, startSampleAppOnEmulator, type RunningSampleApp } from './support/sample-app.js';

/** Headers helmet sets by default, and a value each must have (HSTS aside: HTTPS deployments only). */
const SECURITY_HEADERS: [string, RegExp][] = [
  ['content-security-policy', /default-src 'self'.*script-src 'self';.*script-src-attr 'none'/],
  ['x-content-type-options', /^nosniff$/],
  ['x-frame-options', /^SAMEORIGIN$/],
  ['cross-origin-opener-policy', /^same-origin$/],
  ['referrer-policy', /^no-referrer$/],
];

describe('e2e 8: HTTP hardening', () => {
  let sample: RunningSampleApp;
  let termii: TermiiTestingController;

  before(async () => {
    sample = await startSampleAppOnEmulator({ OTP_THROTTLE_LIMIT: '100' });
    termii = sample.app.get(TermiiTestingController);
  });
  after(() => sample.close());

  it('every answer carries the security headers and no X-Powered-By: a code, an error, a 404, the docs, the page', async () => {
    const answers = [
      ['POST /auth/otp 201', (await post(`${sample.url}/auth/otp`, { phoneNumber: PHONE })).headers],
      ['POST /auth/otp 400', (await post(`${sample.url}/auth/otp`, {})).headers],
      ['GET /nowhere 404', (await fetch(`${sample.url}/nowhere`).then(async (r) => (await r.text(), r))).headers],
      ['GET /docs 200', (await fetch(`${sample.url}/docs`).then(async (r) => (await r.text(), r))).headers],
      ['GET / 200', (await fetch(`${sample.url}/`).then(async (r) => (await r.text(), r))).headers],
    ] as const;
    for (const [what, headers] of answers) {
      assert.equal(headers.get('x-powered-by'), null, `${what}: X-Powered-By: ${headers.get('x-powered-by')}`);
      for (const [name, value] of SECURITY_HEADERS) assert.match(headers.get(name) ?? '', value, `${what}: ${name}`);
      // Plain http://localhost (no TRUST_PROXY): nothing that only works over HTTPS.
      assert.equal(headers.get('strict-transport-security'), null, `${what}: HSTS over plain http`);
      assert.doesNotMatch(headers.get('content-security-policy') ?? '', /upgrade-insecure-requests/, what);
    }
  });

  it(`a body larger than ${BODY_SIZE_LIMIT} is answered 413 and reaches nothing; a smaller one is read`, async () => {
    assert.equal(BODY_SIZE_LIMIT, '16kb');
    const before = termii.requests.length;
    const tooLarge = await post(`${sample.url}/auth/otp`, { phoneNumber: PHONE, padding: 'x'.repeat(16 * 1024) });
    assert.equal(tooLarge.status, 413, tooLarge.text);
    assert.deepEqual(tooLarge.body, { statusCode: 413, message: 'request entity too large' });
    const form = await fetch(`${sample.url}/auth/otp`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `phoneNumber=${PHONE}&padding=${'x'.repeat(16 * 1024)}`,
    });
    assert.equal(form.status, 413, await form.text());
    // Just under the limit the body is parsed, and refused for its unknown field.
    const underLimit = await post(`${sample.url}/auth/otp`, { phoneNumber: PHONE, padding: 'x'.repeat(15 * 1024) });
    assert.equal(underLimit.status, 400, underLimit.text);
    assert.match(String(underLimit.body['message']), /property padding should not exist/);
    assert.equal(termii.requests.length, before);
  });
});

describe('e2e 8: TRUST_PROXY decides who the client is', () => {
  it('unset: X-Forwarded-For is ignored, so a client cannot pick a new address to escape its limit', async () => {
    const sample = await startSampleAppOnEmulator({ OTP_THROTTLE_LIMIT: '1' });
    try {
      const first = await post(
        `${sample.url}/auth/otp`,
        { phoneNumber: otherPhone(1) },
        { 'x-forwarded-for': '203.0.113.1' },
      );
      assert.equal(first.status, 201);
      const spoofed = await post(
        `${sample.url}/auth/otp`,
        { phoneNumber: otherPhone(2) },
        { 'x-forwarded-for': '203.0.113.2' },
      );
      assertRefused(spoofed, CLIENT_LIMIT);
    } finally {
      await sample.close();
    }
  });

  it('TRUST_PROXY=loopback (the proxy’s address): each forwarded client is counted on its own', async () => {
    const sample = await startSampleAppOnEmulator({ OTP_THROTTLE_LIMIT: '1', TRUST_PROXY: 'loopback' });
    try {
      const from = (client: string, n: number) =>
        post(`${sample.url}/auth/otp`, { phoneNumber: otherPhone(n) }, { 'x-forwarded-for': client });
      assert.equal((await from('203.0.113.1', 1)).status, 201);
      assertRefused(await from('203.0.113.1', 2), CLIENT_LIMIT);
      assert.equal((await from('203.0.113.2', 3)).status, 201);
    } finally {
      await sample.close();
    }
  });

  it('TRUST_PROXY set (an HTTPS deployment): HSTS and upgrade-insecure-requests, on the page and the API', async () => {
    const sample = await startSampleAppOnEmulator({ TRUST_PROXY: 'loopback' });
    try {
      for (const path of ['/', '/auth/me']) {
        const res = await fetch(`${sample.url}${path}`);
        await res.text();
        assert.match(res.headers.get('strict-transport-security') ?? '', /max-age=\d+/, path);
        assert.match(res.headers.get('content-security-policy') ?? '', /upgrade-insecure-requests/, path);
      }
    } finally {
      await sample.close();
    }
  });

  it('TRUST_PROXY=true is refused at start-up: any client could choose its address', async () => {
    await assert.rejects(startSampleAppOnEmulator({ TRUST_PROXY: 'true' }), /TRUST_PROXY=true would let any client/);
  });
});
