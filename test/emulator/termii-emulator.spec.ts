import { describe, expect, it } from '@jest/globals';
import { TermiiEmulator, TermiiFaults, type TermiiEmulatorReply } from '../../lib/emulator/index.js';

const PHONE = '2348109477743';

function generateRequest(overrides: Record<string, unknown> = {}, apiKey = 'emulator-key') {
  return {
    method: 'POST',
    path: '/api/sms/otp/generate',
    body: JSON.stringify({
      api_key: apiKey,
      pin_type: 'NUMERIC',
      phone_number: PHONE,
      pin_attempts: 3,
      pin_time_to_live: 1,
      pin_length: 6,
      ...overrides,
    }),
  };
}

function verifyRequest(pinId: string, pin: string) {
  return {
    method: 'POST',
    path: '/api/sms/otp/verify',
    body: JSON.stringify({ api_key: 'emulator-key', pin_id: pinId, pin }),
  };
}

function responseOf(reply: TermiiEmulatorReply): { status: number; body: Record<string, unknown> } {
  if (reply.action !== 'respond') throw new Error(`expected an answer, got ${reply.action}`);
  return { status: reply.response.status, body: JSON.parse(reply.response.body) as Record<string, unknown> };
}

function pinIdOf(reply: TermiiEmulatorReply): string {
  return (responseOf(reply).body['data'] as { pin_id: string }).pin_id;
}

describe('TermiiEmulator', () => {
  it('accepts any non-empty key by default', () => {
    const emulator = new TermiiEmulator();
    expect(responseOf(emulator.handle(generateRequest({}, 'anything'))).status).toBe(200);
    expect(responseOf(emulator.handle(generateRequest({}, '  '))).status).toBe(401);
  });

  it('keeps 100 000 PINs issued with the clock moving under its cap of live PINs', () => {
    let now = 0;
    const maxPins = 10_000;
    const emulator = new TermiiEmulator({ clock: () => now, maxPins, historyLimit: 100 });
    let highest = 0;
    let answered = 0;
    let overCap = 0;
    for (let i = 0; i < 100_000; i++) {
      now += 5; // 500 s in all: PINs with a 1-minute time to live keep expiring along the way
      const reply = emulator.handle(generateRequest({ pin_time_to_live: 1 + (i % 3) }));
      if (reply.action === 'respond' && reply.response.status === 200) answered++;
      if (emulator.storedPinCount > maxPins) overCap++;
      if (i % 5_000 === 0) highest = Math.max(highest, emulator.livePinCount);
    }
    expect(answered).toBe(100_000);
    expect(overCap).toBe(0);
    expect(emulator.livePinCount).toBeLessThanOrEqual(maxPins);
    expect(highest).toBeGreaterThan(0);
    expect(emulator.issuedPins.length).toBeLessThanOrEqual(200);
    expect(emulator.requests.length).toBeLessThanOrEqual(100);
  });

  it('forgets expired PINs after the retention time (then 422), and answers "Expired" until then', () => {
    let now = 0;
    const emulator = new TermiiEmulator({ clock: () => now, expiredPinRetentionMs: 10_000 });
    const pinId = pinIdOf(emulator.handle(generateRequest({ pin_time_to_live: 1 })));
    now = 60_000;
    expect(responseOf(emulator.handle(verifyRequest(pinId, '000000')))).toMatchObject({
      status: 400,
      body: { verified: 'Expired' },
    });
    // Sweeping happens as PINs are added: add enough, later, to trigger one.
    now = 71_000;
    for (let i = 0; i < 64; i++) emulator.handle(generateRequest());
    expect(responseOf(emulator.handle(verifyRequest(pinId, '000000'))).status).toBe(422);
    expect(emulator.storedPinCount).toBe(64);
  });

  it('evicts the oldest PIN beyond maxPins', () => {
    const emulator = new TermiiEmulator({ maxPins: 2 });
    const first = pinIdOf(emulator.handle(generateRequest()));
    const second = pinIdOf(emulator.handle(generateRequest()));
    pinIdOf(emulator.handle(generateRequest()));
    expect(emulator.storedPinCount).toBe(2);
    expect(responseOf(emulator.handle(verifyRequest(first, '000000'))).status).toBe(422);
    expect(responseOf(emulator.handle(verifyRequest(second, '000000'))).status).toBe(200);
  });

  it('records requests and issued PINs per phone without the key anywhere', () => {
    const canary = 'CANARY-KEY-91b2c3';
    const emulator = new TermiiEmulator();
    emulator.handle(generateRequest({ phone_number: '2348000000001' }, canary));
    emulator.handle(generateRequest({ phone_number: '2348000000002', note: `echo ${canary}` }, canary));
    emulator.handle({ method: 'POST', path: '/api/sms/otp/verify', body: `{"api_key":"${canary}", broken` });
    expect(emulator.pinsFor('+234 800 000 0001')).toHaveLength(1);
    expect(emulator.lastPinFor('2348000000002')?.otp).toMatch(/^\d{6}$/);
    expect(emulator.requests.map((r) => r.body)).toEqual([
      expect.objectContaining({ api_key: '[REDACTED]' }),
      expect.objectContaining({ api_key: '[REDACTED]', note: 'echo [REDACTED]' }),
      undefined,
    ]);
    expect(JSON.stringify(emulator.requests)).not.toContain(canary);
    expect(JSON.stringify(emulator.issuedPins)).not.toContain(canary);
  });

  it('keeps PINs with leading zeros as strings and makes fresh ids', () => {
    const emulator = new TermiiEmulator();
    const ids = new Set<string>();
    for (let i = 0; i < 200; i++) {
      const data = responseOf(emulator.handle(generateRequest({ pin_length: 4 }))).body['data'] as {
        pin_id: string;
        otp: string;
      };
      expect(data.otp).toMatch(/^\d{4}$/);
      ids.add(data.pin_id);
    }
    expect(ids.size).toBe(200);
  });

  it('turns faults into replies for the face to carry out, in order, and a delay still processes the request', () => {
    const emulator = new TermiiEmulator();
    emulator.fail(TermiiFaults.drop(20));
    emulator.fail(TermiiFaults.delay(30));
    emulator.fail(TermiiFaults.hang());
    emulator.fail(TermiiFaults.stall(202));
    emulator.fail(TermiiFaults.html(503, '<h1>down</h1>'));
    expect(emulator.pendingFaults).toBe(5);
    expect(emulator.handle(generateRequest())).toEqual({ action: 'drop', delayMs: 20 });
    const delayed = emulator.handle(generateRequest());
    expect(delayed).toMatchObject({ action: 'respond', delayMs: 30, response: { status: 200 } });
    expect(emulator.handle(generateRequest())).toEqual({ action: 'hang' });
    expect(emulator.handle(generateRequest())).toMatchObject({ action: 'stall', response: { status: 202 } });
    expect(emulator.handle(generateRequest())).toMatchObject({
      action: 'respond',
      response: { status: 503, body: '<h1>down</h1>', headers: { 'content-type': 'text/html; charset=utf-8' } },
    });
    // Only the delayed request was processed: faults that replace the answer issue no PIN.
    expect(emulator.issuedPins).toHaveLength(1);
    expect(emulator.requests.map((r) => r.fault)).toEqual(['drop', 'delay', 'hang', 'stall', 'respond']);
    expect(emulator.pendingFaults).toBe(0);
  });

  it('reset forgets PINs, requests, faults and clock moves', () => {
    const emulator = new TermiiEmulator({ clock: () => 1_000 });
    const pinId = pinIdOf(emulator.handle(generateRequest()));
    emulator.fail(TermiiFaults.hang());
    emulator.advanceClock(5_000);
    emulator.reset();
    expect([emulator.now(), emulator.pendingFaults, emulator.requests.length, emulator.issuedPins.length]).toEqual([
      1_000, 0, 0, 0,
    ]);
    expect(responseOf(emulator.handle(verifyRequest(pinId, '000000'))).status).toBe(422);
  });

  it('rejects options and arguments it cannot honour', () => {
    expect(() => new TermiiEmulator({ maxPins: 0 })).toThrow(RangeError);
    expect(() => new TermiiEmulator({ apiKeys: [''] })).toThrow(TypeError);
    expect(() => new TermiiEmulator().advanceClock(-1)).toThrow(RangeError);
    expect(() => new TermiiEmulator().fail(TermiiFaults.hang(), { times: 0 })).toThrow(RangeError);
  });
});
