import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Test, type TestingModule } from '@nestjs/testing';
import { InAppTokenService, PinType, TermiiModule } from '../../lib/index.js';
import { startTermiiSandbox, type TermiiSandbox } from '../../lib/sandbox/index.js';

const KEY = 'sandbox-flow-key';
const PHONE = '+234 810-947 7743';
const DIGITS = '2348109477743';

describe('InAppTokenService against the sandbox over HTTP', () => {
  let now = Date.UTC(2026, 0, 1);
  let sandbox: TermiiSandbox;
  let moduleRef: TestingModule;
  let service: InAppTokenService;

  beforeAll(async () => {
    sandbox = await startTermiiSandbox({ apiKeys: [KEY], clock: () => now });
    moduleRef = await Test.createTestingModule({
      imports: [TermiiModule.forRoot({ apiKey: KEY, baseUrl: sandbox.url, inAppToken: { pinTimeToLive: 2 } })],
    }).compile();
    service = moduleRef.get(InAppTokenService);
  });

  afterAll(async () => {
    await moduleRef.close();
    await sandbox.close();
  });

  it('generate → verify(wrong) → verify(right) → verify(again) gives invalid, verified, expired', async () => {
    const token = await service.generate({ phoneNumber: PHONE, pinLength: 5 });
    expect(token).toEqual({
      pinId: expect.any(String),
      otp: expect.stringMatching(/^\d{5}$/),
      phoneNumber: DIGITS,
      phoneNumberOther: 'Termii',
    });
    expect(sandbox.lastOtp(DIGITS)).toBe(token.otp);

    const wrongPin = token.otp === '11111' ? '22222' : '11111';
    await expect(service.verify({ pinId: token.pinId, pin: wrongPin })).resolves.toEqual({
      pinId: token.pinId,
      verified: false,
      status: 'invalid',
      msisdn: DIGITS,
    });
    await expect(service.verify({ pinId: token.pinId, pin: token.otp })).resolves.toEqual({
      pinId: token.pinId,
      verified: true,
      status: 'verified',
      msisdn: DIGITS,
    });
    // A PIN cannot be used twice: the sandbox answers 400 "Expired", which the service reads as `expired`.
    await expect(service.verify({ pinId: token.pinId, pin: token.otp })).resolves.toMatchObject({
      verified: false,
      status: 'expired',
    });
  });

  it('a PIN not verified within its time to live is expired (the clock is moved, not waited for)', async () => {
    const token = await service.generate({ phoneNumber: PHONE });
    now += 2 * 60_000;
    await expect(service.verify({ pinId: token.pinId, pin: token.otp })).resolves.toMatchObject({
      verified: false,
      status: 'expired',
    });
  });

  it('an unknown pinId is not_found, and the exact wire body reached the sandbox with the key masked', async () => {
    await expect(service.verify({ pinId: 'no-such-pin', pin: '1234' })).resolves.toEqual({
      pinId: 'no-such-pin',
      verified: false,
      status: 'not_found',
    });
    await service.generate({
      phoneNumber: PHONE,
      pinType: PinType.ALPHANUMERIC,
      pinAttempts: 4,
      pinTimeToLive: 10,
      pinLength: 8,
    });
    const last = sandbox.requests.at(-1)!;
    expect(last).toMatchObject({ method: 'POST', path: '/api/sms/otp/generate', operation: 'generate', status: 200 });
    expect(last.body).toEqual({
      api_key: '[REDACTED]',
      pin_type: 'ALPHANUMERIC',
      phone_number: DIGITS,
      pin_attempts: 4,
      pin_time_to_live: 10,
      pin_length: 8,
    });
    expect(JSON.stringify(sandbox.requests)).not.toContain(KEY);
  });
});
