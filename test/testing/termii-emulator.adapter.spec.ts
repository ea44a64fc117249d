/**
 * The in-memory adapter on its own, as any axios user could wire it: it ends a held exchange when the
 * client's attempt is aborted (`termiiAttempt`, what `TermiiHttpClient` uses) and, for a caller without a
 * `termiiAttempt`, when axios's own `signal` aborts.
 */
import { describe, expect, it } from '@jest/globals';
import axios, { CanceledError, type AxiosRequestConfig } from 'axios';
import { TermiiAttempt } from '../../lib/http/termii-attempt.js';
import { createTermiiEmulatorAdapter, TermiiEmulator, TermiiFaults } from '../../lib/testing/index.js';

const BODY = JSON.stringify({
  api_key: 'adapter-key',
  pin_type: 'NUMERIC',
  phone_number: '2348109477743',
  pin_attempts: 3,
  pin_time_to_live: 5,
  pin_length: 6,
});

function setUp() {
  const emulator = new TermiiEmulator();
  const client = axios.create({ adapter: createTermiiEmulatorAdapter(emulator) });
  const post = (config: AxiosRequestConfig & { termiiAttempt?: TermiiAttempt }) =>
    client.post('/api/sms/otp/generate', BODY, config);
  return { emulator, post };
}

describe('createTermiiEmulatorAdapter', () => {
  it('answers without a signal or an attempt', async () => {
    const { post } = setUp();
    const res = await post({});
    expect(res.status).toBe(200);
  });

  it('without a termiiAttempt, honours config.signal: a hang ends when the signal aborts', async () => {
    const { emulator, post } = setUp();
    emulator.fail(TermiiFaults.hang());
    const controller = new AbortController();
    const call = post({ signal: controller.signal }).catch((e: unknown) => e);
    await new Promise((resolve) => setTimeout(resolve, 20));
    controller.abort();
    expect(await call).toBeInstanceOf(CanceledError);
  });

  it('without a termiiAttempt, an already aborted signal sends nothing', async () => {
    const { emulator, post } = setUp();
    const controller = new AbortController();
    controller.abort();
    expect(await post({ signal: controller.signal }).catch((e: unknown) => e)).toBeInstanceOf(CanceledError);
    expect(emulator.requests).toHaveLength(0);
  });

  it('with a termiiAttempt, marks it connected and ends a hang when the attempt is aborted', async () => {
    const { emulator, post } = setUp();
    emulator.fail(TermiiFaults.stall());
    const attempt = new TermiiAttempt();
    const call = post({ termiiAttempt: attempt }).catch((e: unknown) => e);
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(attempt.connected).toBe(true);
    attempt.abort(Object.assign(new Error('Termii attempt timed out'), { code: 'ETIMEDOUT' as const }));
    expect(await call).toBeInstanceOf(CanceledError);
  });

  it('with a termiiAttempt aborted before the request, sends nothing', async () => {
    const { emulator, post } = setUp();
    const attempt = new TermiiAttempt();
    attempt.abort(Object.assign(new Error('Termii client closed'), { code: 'ECLIENTCLOSED' as const }));
    expect(await post({ termiiAttempt: attempt }).catch((e: unknown) => e)).toBeInstanceOf(CanceledError);
    expect(emulator.requests).toHaveLength(0);
    expect(attempt.connected).toBe(false);
  });

  it('ends a delayed answer early on abort, and the late timer settles nothing', async () => {
    const { emulator, post } = setUp();
    emulator.fail(TermiiFaults.delay(200));
    const attempt = new TermiiAttempt();
    const started = Date.now();
    const call = post({ termiiAttempt: attempt }).catch((e: unknown) => e);
    await new Promise((resolve) => setTimeout(resolve, 20));
    attempt.abort(Object.assign(new Error('Termii client closed'), { code: 'ECLIENTCLOSED' as const }));
    expect(await call).toBeInstanceOf(CanceledError);
    expect(Date.now() - started).toBeLessThan(150);
  });
});
