/**
 * `GET /health` (`@nestjs/terminus` with `TermiiHealthIndicator`): up with the wallet's balance on the embedded
 * sandbox; down, with a short reason and nothing secret, when the wallet is below `TERMII_MIN_BALANCE` or
 * Termii refuses the key. Not limited by the OTP throttling.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { ConfigService } from '@nestjs/config';
import { startTermiiSandbox, type TermiiSandbox } from 'nestjs-termii/sandbox';
import { TermiiTestingController } from 'nestjs-termii/testing';
import { embeddedTermiiSandbox } from '../termii/termii-options.factory.js';
import {
  get,
  startSampleApp,
  startSampleAppOnEmulator,
  type RunningSampleApp,
  TEST_JWT_SECRET,
} from './support/sample-app.js';

describe('GET /health on the embedded sandbox', () => {
  let sample: RunningSampleApp;

  before(async () => {
    // One OTP request per client per window: /health must not count against it, nor be refused by it.
    sample = await startSampleApp({ env: { OTP_THROTTLE_LIMIT: '1', TERMII_MIN_BALANCE: '100' } });
  });
  after(() => sample.close());

  it('is up with the balance and its currency, as often as it is asked', async () => {
    for (let i = 0; i < 3; i += 1) {
      const res = await get(`${sample.url}/health`);
      assert.equal(res.status, 200, res.text);
      assert.deepEqual(res.body['info'], { termii: { status: 'up', balance: 1000, currency: 'NGN' } });
      assert.equal(res.body['status'], 'ok');
      assert.equal(res.headers.get('x-ratelimit-limit'), null);
    }
  });

  it('is down (503, "low balance") once the wallet holds less than TERMII_MIN_BALANCE, up again after a top-up', async () => {
    const sandbox = embeddedTermiiSandbox(sample.app.get(ConfigService))!;
    sandbox.setBalance(99.5);
    try {
      const res = await get(`${sample.url}/health`);
      assert.equal(res.status, 503, res.text);
      assert.equal(res.body['status'], 'error');
      assert.deepEqual(res.body['error'], {
        termii: { status: 'down', reason: 'low balance', balance: 99.5, currency: 'NGN', minBalance: 100 },
      });
    } finally {
      sandbox.setBalance(100);
    }
    assert.equal((await get(`${sample.url}/health`)).status, 200);
  });
});

describe('GET /health when Termii refuses the key', () => {
  const WRONG_KEY = 'health-canary-key-0b7e3d';
  let sandbox: TermiiSandbox;
  let sample: RunningSampleApp;

  before(async () => {
    sandbox = await startTermiiSandbox({ apiKeys: ['the-right-key'] });
    sample = await startSampleApp({
      env: { TERMII_API_KEY: WRONG_KEY, JWT_SECRET: TEST_JWT_SECRET, TERMII_BASE_URL: sandbox.url },
    });
  });
  after(async () => {
    await sample.close();
    await sandbox.close();
  });

  it('is down (503, "unauthorized"), and neither the answer nor the log holds the key or the URL', async () => {
    const res = await get(`${sample.url}/health`);
    assert.equal(res.status, 503, res.text);
    assert.equal((res.body['error'] as Record<string, { reason: string }>)['termii']?.reason, 'unauthorized');
    assert.equal(sandbox.requests.at(-1)?.operation, 'getBalance');
    const logged = sample.logs.lines.map((line) => line.text).join('\n');
    for (const secret of [WRONG_KEY, 'api_key=']) {
      assert.ok(!res.text.includes(secret), res.text);
      assert.ok(!logged.includes(secret), logged);
    }
  });
});

describe('GET /health on TermiiTestingModule', () => {
  it('reads the emulator’s wallet, as on the embedded sandbox', async () => {
    const sample = await startSampleAppOnEmulator({ TERMII_MIN_BALANCE: '10' });
    try {
      const termii = sample.app.get(TermiiTestingController);
      termii.setBalance(12.5);
      const up = await get(`${sample.url}/health`);
      assert.deepEqual(up.body['info'], { termii: { status: 'up', balance: 12.5, currency: 'NGN' } });
      termii.setBalance(9);
      const down = await get(`${sample.url}/health`);
      assert.equal(down.status, 503);
      assert.equal((down.body['error'] as Record<string, { reason: string }>)['termii']?.reason, 'low balance');
    } finally {
      await sample.close();
    }
  });

  it('a TERMII_MIN_BALANCE that is not a number ≥ 0 fails start-up, naming it', async () => {
    for (const value of ['-1', 'lots', '5 NGN']) {
      await assert.rejects(
        startSampleAppOnEmulator({ TERMII_MIN_BALANCE: value }),
        new RegExp(`TERMII_MIN_BALANCE must be a number of at least 0, e.g. 500 \\(got "${value}"\\)`),
      );
    }
  });
});
