import { afterEach, describe, expect, it } from '@jest/globals';
import { Injectable, Module } from '@nestjs/common';
import { Test, type TestingModule } from '@nestjs/testing';
import {
  InAppTokenService,
  TermiiConnectionError,
  TermiiTimeoutError,
  TermiiValidationError,
} from '../../lib/index.js';
import { TermiiFaults, TermiiTestingController, TermiiTestingModule } from '../../lib/testing/index.js';

const PHONE = '2348109477743';

describe('TermiiTestingModule', () => {
  const opened: TestingModule[] = [];
  async function compile(imports: Parameters<typeof Test.createTestingModule>[0]['imports']): Promise<TestingModule> {
    const moduleRef = await Test.createTestingModule({ imports }).compile();
    opened.push(moduleRef);
    return moduleRef;
  }
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((moduleRef) => moduleRef.close()));
  });

  it('runs the real service: validation errors make no request', async () => {
    const moduleRef = await compile([TermiiTestingModule.forRoot()]);
    const service = moduleRef.get(InAppTokenService);
    const termii = moduleRef.get(TermiiTestingController);
    await expect(service.generate({ phoneNumber: '08109477743' })).rejects.toBeInstanceOf(TermiiValidationError);
    expect(termii.requests).toHaveLength(0);
  });

  it('gives the test the PINs issued per phone, the last OTP and the requests with the key masked', async () => {
    const moduleRef = await compile([
      TermiiTestingModule.forRoot({ apiKey: 'testing-canary-key', inAppToken: { pinLength: 4 } }),
    ]);
    const service = moduleRef.get(InAppTokenService);
    const termii = moduleRef.get(TermiiTestingController);
    const first = await service.generate({ phoneNumber: `+${PHONE}` });
    const second = await service.generate({ phoneNumber: PHONE });
    await service.generate({ phoneNumber: '2348000000001' });
    expect(termii.pinsFor(PHONE).map((pin) => pin.pinId)).toEqual([first.pinId, second.pinId]);
    expect(termii.lastOtp('+234 810 947 7743')).toBe(second.otp);
    expect(termii.lastOtp('2340000000000')).toBeUndefined();
    expect(termii.pins).toHaveLength(3);
    expect(termii.requests[0].body).toEqual({
      api_key: '[REDACTED]',
      pin_type: 'NUMERIC',
      phone_number: PHONE,
      pin_attempts: 3,
      pin_time_to_live: 5,
      pin_length: 4,
    });
    expect(JSON.stringify(termii.requests)).not.toContain('testing-canary-key');
  });

  it('moves time with advanceClock, and reset forgets everything', async () => {
    const moduleRef = await compile([TermiiTestingModule.forRoot({ inAppToken: { pinTimeToLive: 1 } })]);
    const service = moduleRef.get(InAppTokenService);
    const termii = moduleRef.get(TermiiTestingController);
    const token = await service.generate({ phoneNumber: PHONE });
    expect(termii.livePinCount).toBe(1);
    termii.advanceClock(60_000);
    expect(termii.livePinCount).toBe(0);
    await expect(service.verify({ pinId: token.pinId, pin: token.otp })).resolves.toMatchObject({ status: 'expired' });
    termii.fail(TermiiFaults.hang());
    termii.reset();
    expect([termii.pins.length, termii.requests.length]).toEqual([0, 0]);
    await expect(service.verify({ pinId: token.pinId, pin: token.otp })).resolves.toMatchObject({
      status: 'not_found',
    });
  });

  it('refuses a key the emulator is not told to accept (401)', async () => {
    const moduleRef = await compile([TermiiTestingModule.forRoot({ apiKey: 'old-key', apiKeys: ['new-key'] })]);
    await expect(moduleRef.get(InAppTokenService).generate({ phoneNumber: PHONE })).rejects.toMatchObject({
      name: 'TermiiAuthenticationError',
      status: 401,
    });
  });

  it('gives each compiled module its own emulator, even from one forRoot() result', async () => {
    const shared = TermiiTestingModule.forRoot();
    const [a, b] = [await compile([shared]), await compile([shared])];
    await a.get(InAppTokenService).generate({ phoneNumber: PHONE });
    expect(a.get(TermiiTestingController).pins).toHaveLength(1);
    expect(b.get(TermiiTestingController).pins).toHaveLength(0);
  });

  it('ends a call held by a hang fault when its timeout runs out, and on module shutdown', async () => {
    const moduleRef = await compile([TermiiTestingModule.forRoot({ timeoutMs: 100 })]);
    const service = moduleRef.get(InAppTokenService);
    const termii = moduleRef.get(TermiiTestingController);
    termii.fail(TermiiFaults.hang(), { times: 2 });
    await expect(service.generate({ phoneNumber: PHONE })).rejects.toBeInstanceOf(TermiiTimeoutError);

    const longer = await compile([TermiiTestingModule.forRoot({ timeoutMs: 60_000 })]);
    longer.get(TermiiTestingController).fail(TermiiFaults.hang());
    const pending = longer.get(InAppTokenService).generate({ phoneNumber: PHONE });
    const started = performance.now();
    await longer.close();
    await expect(pending).rejects.toBeInstanceOf(TermiiConnectionError);
    expect(performance.now() - started).toBeLessThan(1_000);
  });

  describe('isGlobal', () => {
    @Injectable()
    class LoginService {
      constructor(readonly tokens: InAppTokenService) {}
    }
    @Module({ providers: [LoginService] })
    class LoginModule {}

    it('is not global by default, like TermiiModule', async () => {
      await expect(compile([TermiiTestingModule.forRoot(), LoginModule])).rejects.toThrow(/InAppTokenService/);
    });

    it('with isGlobal: true, any module can inject InAppTokenService', async () => {
      const moduleRef = await compile([TermiiTestingModule.forRoot({ isGlobal: true }), LoginModule]);
      expect(moduleRef.get(LoginService).tokens).toBe(moduleRef.get(InAppTokenService));
    });
  });
});
