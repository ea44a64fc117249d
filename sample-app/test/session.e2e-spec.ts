/**
 * The session a right code starts: a signed JWT in an `HttpOnly`, `SameSite=Strict` cookie; `GET /auth/me`
 * and `POST /auth/logout`; what a forged, altered or expired token gets; `JWT_SECRET` and
 * `SESSION_TTL_SECONDS` at start-up; and the JSON-only rule of the state-changing routes.
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { startTermiiSandbox, type TermiiSandbox } from 'nestjs-termii/sandbox';
import { TermiiTestingController } from 'nestjs-termii/testing';
import { otherPhone, PHONE } from './support/phone.js';
import {
  NO_NUMBER_LIMITS,
  post,
  startSampleApp,
  startSampleAppOnEmulator,
  TEST_JWT_SECRET,
  type RunningSampleApp,
} from './support/sample-app.js';
import {
  claimsOf,
  headerOf,
  hs256Token,
  me,
  sessionSetCookie,
  signIn,
  unsignedToken,
  withClaims,
} from './support/session.js';

const LIMITS = { OTP_THROTTLE_LIMIT: '100', ...NO_NUMBER_LIMITS };
const NOT_SIGNED_IN = {
  statusCode: 401,
  error: 'Unauthorized',
  message: 'Not signed in, or the session has expired: sign in with a one-time code.',
};
const NOT_JSON = {
  statusCode: 415,
  error: 'Unsupported Media Type',
  message: 'Send the body as JSON, with Content-Type: application/json.',
};

describe('a session after the right code (TermiiTestingModule)', () => {
  let sample: RunningSampleApp;
  let termii: TermiiTestingController;

  before(async () => {
    sample = await startSampleAppOnEmulator(LIMITS);
    termii = sample.app.get(TermiiTestingController);
  });
  after(() => sample.close());
  beforeEach(() => termii.reset());

  it('verify keeps its JSON answer and sets the cookie: HttpOnly, SameSite=Strict, Path=/, an hour, not Secure over http', async () => {
    const { verified, token } = await signIn(sample.url, termii);
    assert.deepEqual(verified.body, { verified: true, phoneNumber: PHONE });
    const cookie = sessionSetCookie(verified)!;
    assert.deepEqual(
      [...cookie.attributes.keys()].sort(),
      ['expires', 'httponly', 'max-age', 'path', 'samesite'],
      cookie.raw,
    );
    assert.equal(cookie.attributes.get('max-age'), '3600');
    assert.equal(cookie.attributes.get('path'), '/');
    assert.equal(cookie.attributes.get('samesite'), 'Strict');
    const expires = Date.parse(cookie.attributes.get('expires')!);
    assert.ok(Math.abs(expires - (Date.now() + 3600_000)) < 5_000, cookie.raw);
    // The token: HS256, the phone number as subject, as long as the cookie.
    assert.deepEqual(headerOf(token), { alg: 'HS256', typ: 'JWT' });
    const claims = claimsOf(token);
    assert.equal(claims['sub'], PHONE);
    assert.equal((claims['exp'] as number) - (claims['iat'] as number), 3600);
    assert.ok(!verified.text.includes(token), 'the token is in the JSON answer, where a script could read it');
  });

  it('GET /auth/me: 200 with the phone number for the session, 401 without one', async () => {
    const { token } = await signIn(sample.url, termii);
    const signedIn = await me(sample.url, token);
    assert.equal(signedIn.status, 200, signedIn.text);
    assert.deepEqual(signedIn.body, { phoneNumber: PHONE });
    const anonymous = await me(sample.url, undefined);
    assert.equal(anonymous.status, 401);
    assert.deepEqual(anonymous.body, NOT_SIGNED_IN);
  });

  it('a wrong code sets no cookie', async () => {
    const requested = await post(`${sample.url}/auth/otp`, { phoneNumber: PHONE });
    const otp = termii.lastOtp(PHONE)!;
    const wrong = await post(`${sample.url}/auth/otp/verify`, {
      pinId: requested.body['pinId'],
      pin: otp === '000000' ? '111111' : '000000',
    });
    assert.equal(wrong.status, 401);
    assert.deepEqual(wrong.headers.getSetCookie(), []);
  });

  it('forged, altered, unsigned or malformed tokens: 401, the same answer as no session', async () => {
    const { token } = await signIn(sample.url, termii);
    const claims = claimsOf(token);
    const [header, payload, signature] = token.split('.');
    const flipped = `${signature.slice(0, 10)}${signature[10] === 'A' ? 'B' : 'A'}${signature.slice(11)}`;
    const refused: [string, string][] = [
      ['signed with another secret', hs256Token(claims, 'not-the-app-secret-but-just-as-long-0123')],
      ['another phone number, the signature kept', withClaims(token, { ...claims, sub: otherPhone(1) })],
      ['a later expiry, the signature kept', withClaims(token, { ...claims, exp: (claims['exp'] as number) + 86_400 })],
      ['alg: none', unsignedToken(claims)],
      ['a changed signature', `${header}.${payload}.${flipped}`],
      ['no signature', `${header}.${payload}.`],
      ['not a JWT', 'hello'],
    ];
    for (const [what, forged] of refused) {
      const res = await me(sample.url, forged);
      assert.equal(res.status, 401, `${what}: ${res.text}`);
      assert.deepEqual(res.body, NOT_SIGNED_IN, what);
    }
    // The genuine token still works: the refusals are about the tokens, not the session.
    assert.equal((await me(sample.url, token)).status, 200);
  });

  it('POST /auth/logout: 204, and the answer clears the cookie with the attributes it was set with', async () => {
    const { token } = await signIn(sample.url, termii);
    const res = await fetch(`${sample.url}/auth/logout`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: `session=${token}` },
      body: '{}',
    });
    assert.equal(res.status, 204);
    assert.equal(await res.text(), '');
    const cleared = sessionSetCookie({ status: res.status, headers: res.headers, text: '', body: {} });
    assert.ok(cleared, 'no Set-Cookie');
    assert.equal(cleared.value, '');
    assert.equal(cleared.attributes.get('expires'), 'Thu, 01 Jan 1970 00:00:00 GMT');
    assert.equal(cleared.attributes.get('path'), '/');
    assert.equal(cleared.attributes.get('samesite'), 'Strict');
    assert.ok(cleared.attributes.has('httponly'));
    // Without a session too, and with an empty JSON body: signing out twice is harmless.
    const again = await fetch(`${sample.url}/auth/logout`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
    });
    assert.equal(again.status, 204);
    assert.equal(sessionSetCookie({ status: 204, headers: again.headers, text: '', body: {} })?.value, '');
  });

  it('state-changing routes take JSON only: a form or text/plain post is answered 415 and changes nothing', async () => {
    const { token } = await signIn(sample.url, termii);
    termii.reset();
    const limitBefore = (await post(`${sample.url}/auth/otp`, { phoneNumber: otherPhone(2) })).headers.get(
      'x-ratelimit-remaining',
    );
    assert.ok(limitBefore, 'no rate-limit header to compare with');
    const requestsBefore = termii.requests.length;
    const attempts: [string, string, string][] = [
      ['/auth/otp', 'application/x-www-form-urlencoded', `phoneNumber=${PHONE}`],
      [
        '/auth/otp',
        'multipart/form-data; boundary=x',
        `--x\r\nContent-Disposition: form-data; name="phoneNumber"\r\n\r\n${PHONE}\r\n--x--\r\n`,
      ],
      ['/auth/otp', 'text/plain', JSON.stringify({ phoneNumber: PHONE })],
      ['/auth/otp/verify', 'text/plain', JSON.stringify({ pinId: 'x', pin: '123456' })],
      ['/auth/logout', 'application/x-www-form-urlencoded', ''],
      ['/auth/logout', 'text/plain', '{}'],
    ];
    for (const [path, type, body] of attempts) {
      const res = await fetch(`${sample.url}${path}`, {
        method: 'POST',
        headers: { 'content-type': type, cookie: `session=${token}` },
        body,
      });
      const text = await res.text();
      assert.equal(res.status, 415, `${path} as ${type}: ${text}`);
      assert.deepEqual(JSON.parse(text), NOT_JSON);
      assert.deepEqual(res.headers.getSetCookie(), [], `${path} as ${type} touched the cookie`);
    }
    assert.equal(termii.requests.length, requestsBefore, 'a refused request reached Termii');
    // Refused before the rate limits: none of them was counted.
    const limitAfter = (await post(`${sample.url}/auth/otp`, { phoneNumber: otherPhone(3) })).headers.get(
      'x-ratelimit-remaining',
    );
    assert.equal(Number(limitAfter), Number(limitBefore) - 1);
    // And the session is still there.
    assert.equal((await me(sample.url, token)).status, 200);
  });

  it('the OpenAPI document describes GET /auth/me and POST /auth/logout', async () => {
    const document = (await (await fetch(`${sample.url}/docs-json`)).json()) as {
      paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
      components: { securitySchemes?: Record<string, unknown> };
    };
    assert.deepEqual(Object.keys(document.paths['/auth/me']), ['get']);
    assert.deepEqual(Object.keys(document.paths['/auth/me']['get'].responses).sort(), ['200', '401']);
    assert.deepEqual(Object.keys(document.paths['/auth/logout']), ['post']);
    assert.deepEqual(Object.keys(document.paths['/auth/logout']['post'].responses).sort(), ['204', '415']);
    assert.deepEqual(document.components.securitySchemes?.['session'], {
      type: 'apiKey',
      in: 'cookie',
      name: 'session',
    });
    assert.equal(document.paths['/sandbox/phone'], undefined);
    assert.equal(document.paths['/'], undefined);
  });
});

describe('SESSION_TTL_SECONDS: the session expires with its token', () => {
  it('SESSION_TTL_SECONDS=1: the cookie lasts a second, and the token is refused once it has expired', async () => {
    const sample = await startSampleAppOnEmulator({ ...LIMITS, SESSION_TTL_SECONDS: '1' });
    try {
      const { verified, token } = await signIn(sample.url, sample.app.get(TermiiTestingController));
      assert.equal(sessionSetCookie(verified)!.attributes.get('max-age'), '1');
      const claims = claimsOf(token);
      assert.equal((claims['exp'] as number) - (claims['iat'] as number), 1);
      // Within its second it may still be valid; once past exp (whole seconds), it is not.
      await sleep(Math.max(0, (claims['exp'] as number) * 1000 - Date.now()) + 50);
      const expired = await me(sample.url, token);
      assert.equal(expired.status, 401, expired.text);
      assert.deepEqual(expired.body, NOT_SIGNED_IN);
    } finally {
      await sample.close();
    }
  });

  it('a SESSION_TTL_SECONDS that is not a whole number ≥ 1 fails start-up, naming the variable', async () => {
    await assert.rejects(
      startSampleAppOnEmulator({ SESSION_TTL_SECONDS: 'an hour' }),
      /SESSION_TTL_SECONDS must be a whole number of at least 1 \(got "an hour"\)/,
    );
  });
});

describe('the Secure flag: set when the app is an HTTPS deployment (TRUST_PROXY)', () => {
  it('TRUST_PROXY=loopback: the cookie that starts the session and the one that clears it are Secure', async () => {
    const sample = await startSampleAppOnEmulator({ ...LIMITS, TRUST_PROXY: 'loopback' });
    try {
      const { verified } = await signIn(sample.url, sample.app.get(TermiiTestingController));
      assert.ok(sessionSetCookie(verified)!.attributes.has('secure'), sessionSetCookie(verified)!.raw);
      const out = await post(`${sample.url}/auth/logout`, {});
      assert.equal(out.status, 204);
      assert.ok(sessionSetCookie(out)!.attributes.has('secure'), sessionSetCookie(out)!.raw);
    } finally {
      await sample.close();
    }
  });
});

describe('JWT_SECRET', () => {
  let sandbox: TermiiSandbox;
  const API_KEY = 'session-e2e-key';

  before(async () => {
    sandbox = await startTermiiSandbox({ apiKeys: [API_KEY] });
  });
  after(() => sandbox.close());

  /** The app as deployed: a real Termii key (the sandbox over HTTP stands in for Termii). */
  function startDeployed(env: Record<string, string>): Promise<RunningSampleApp> {
    return startSampleApp({ env: { TERMII_API_KEY: API_KEY, TERMII_BASE_URL: sandbox.url, ...LIMITS, ...env } });
  }

  it('with TERMII_API_KEY and no JWT_SECRET, start-up fails and says why', async () => {
    await assert.rejects(
      startDeployed({}),
      /^Error: JWT_SECRET is required with TERMII_API_KEY: at least 32 characters, the same on every instance/,
    );
  });

  it('a JWT_SECRET under 32 characters fails start-up, with or without TERMII_API_KEY, and the message has its length, not the secret', async () => {
    const short = 'short-secret-12345';
    for (const start of [
      () => startDeployed({ JWT_SECRET: short }),
      () => startSampleAppOnEmulator({ JWT_SECRET: short }),
    ]) {
      await assert.rejects(start(), (error: Error) => {
        assert.match(error.message, /^JWT_SECRET must be at least 32 characters \(it has 18\)/);
        assert.ok(!error.message.includes(short), error.message);
        return true;
      });
    }
  });

  it('replicas sharing JWT_SECRET accept each other’s sessions; the secret is never logged', async () => {
    const first = await startDeployed({ JWT_SECRET: TEST_JWT_SECRET });
    const second = await startDeployed({ JWT_SECRET: TEST_JWT_SECRET });
    try {
      const requested = await post(`${first.url}/auth/otp`, { phoneNumber: PHONE });
      const verified = await post(`${first.url}/auth/otp/verify`, {
        pinId: requested.body['pinId'],
        pin: sandbox.lastOtp(PHONE),
      });
      const token = sessionSetCookie(verified)!.value;
      const there = await me(second.url, token);
      assert.equal(there.status, 200, there.text);
      assert.deepEqual(there.body, { phoneNumber: PHONE });
      for (const sample of [first, second]) {
        const logged = sample.logs.lines.map((line) => line.text).join('\n');
        assert.ok(!logged.includes(TEST_JWT_SECRET), logged);
        assert.ok(!logged.includes('JWT_SECRET is not set'), logged);
      }
    } finally {
      await first.close();
      await second.close();
    }
  });

  it('on the embedded sandbox without JWT_SECRET: a random secret per start, said in the log; another start does not accept the session', async () => {
    const first = await startSampleApp({ env: LIMITS });
    let second: RunningSampleApp | undefined;
    try {
      const warning = first.logs.lines.find((line) => line.text.startsWith('JWT_SECRET is not set'));
      assert.equal(warning?.level, 'warn');
      assert.match(warning.text, /a random secret made at this start/);
      // A code from the embedded sandbox: the logging channel's line carries it. (Read before a second app
      // starts: Nest's loggers then write to the newest app's logger.)
      const requested = await post(`${first.url}/auth/otp`, { phoneNumber: PHONE });
      const otp = /Code for \S+: (\d+)/.exec(first.logs.lines.map((line) => line.text).join('\n'))?.[1];
      assert.ok(otp, 'no code in the log');
      const verified = await post(`${first.url}/auth/otp/verify`, { pinId: requested.body['pinId'], pin: otp });
      const token = sessionSetCookie(verified)!.value;
      assert.equal((await me(first.url, token)).status, 200);
      second = await startSampleApp({ env: LIMITS });
      assert.equal((await me(second.url, token)).status, 401);
    } finally {
      await first.close();
      await second?.close();
    }
  });
});
