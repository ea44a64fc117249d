/**
 * The three recipes of docs/testing.md, each as a consumer would write it.
 * `OtpLoginService` stands for the consumer's own code that injects `InAppTokenService`.
 */
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { Injectable, Module } from '@nestjs/common';
import { Test, type TestingModule } from '@nestjs/testing';
import { InAppTokenService, TermiiModule, type InAppToken, type TokenVerification } from '../../lib/index.js';
import { startTermiiSandbox, type TermiiSandbox } from '../../lib/sandbox/index.js';
import { TermiiTestingController, TermiiTestingModule } from '../../lib/testing/index.js';

@Injectable()
class OtpLoginService {
  constructor(private readonly tokens: InAppTokenService) {}

  /** Issues a PIN; the app would deliver `otp` by push. Returns what the client keeps. */
  async start(phoneNumber: string): Promise<string> {
    const token = await this.tokens.generate({ phoneNumber });
    return token.pinId;
  }

  async finish(pinId: string, pin: string): Promise<boolean> {
    return (await this.tokens.verify({ pinId, pin })).verified;
  }
}

/** The consumer's module in production: TermiiModule with the real key. */
@Module({
  imports: [TermiiModule.forRoot({ apiKey: 'production-key-from-config' })],
  providers: [OtpLoginService],
})
class OtpLoginModule {}

const PHONE = '+234 810 947 7743';

describe('Recipe 1: overrideProvider(InAppTokenService).useValue(...)', () => {
  it('replaces the service with a stub: no Termii, no emulator', async () => {
    const token: InAppToken = { pinId: 'pin-1', otp: '123456', phoneNumber: '2348109477743' };
    const verification: TokenVerification = { pinId: 'pin-1', verified: true, status: 'verified' };
    const tokens = {
      generate: jest.fn(async (_input: unknown) => token),
      verify: jest.fn(async (_input: unknown) => verification),
    };
    const moduleRef = await Test.createTestingModule({ imports: [OtpLoginModule] })
      .overrideProvider(InAppTokenService)
      .useValue(tokens)
      .compile();
    const login = moduleRef.get(OtpLoginService);

    await expect(login.start(PHONE)).resolves.toBe('pin-1');
    await expect(login.finish('pin-1', '123456')).resolves.toBe(true);
    expect(tokens.verify).toHaveBeenCalledWith({ pinId: 'pin-1', pin: '123456' });
    await moduleRef.close();
  });
});

describe('Recipe 2: TermiiTestingModule', () => {
  let moduleRef: TestingModule;

  beforeAll(async () => {
    moduleRef = await Test.createTestingModule({
      imports: [TermiiTestingModule.forRoot()],
      providers: [OtpLoginService],
    }).compile();
  });
  afterAll(() => moduleRef.close());

  it('runs the real service against the in-memory emulator; the test reads the PIN the user would type', async () => {
    const login = moduleRef.get(OtpLoginService);
    const termii = moduleRef.get(TermiiTestingController);

    const pinId = await login.start(PHONE);
    const otp = termii.lastOtp(PHONE)!;
    await expect(login.finish(pinId, otp === '000000' ? '111111' : '000000')).resolves.toBe(false);
    await expect(login.finish(pinId, otp)).resolves.toBe(true);
    await expect(login.finish(pinId, otp)).resolves.toBe(false); // single use
  });
});

describe('Recipe 3: TermiiModule pointed at the sandbox', () => {
  let sandbox: TermiiSandbox;
  let moduleRef: TestingModule;

  beforeAll(async () => {
    sandbox = await startTermiiSandbox();
    moduleRef = await Test.createTestingModule({
      imports: [TermiiModule.forRoot({ apiKey: 'any-key', baseUrl: sandbox.url })],
      providers: [OtpLoginService],
    }).compile();
  });
  afterAll(async () => {
    await moduleRef.close();
    await sandbox.close();
  });

  it('goes over real HTTP to the local sandbox', async () => {
    const login = moduleRef.get(OtpLoginService);
    const pinId = await login.start(PHONE);
    await expect(login.finish(pinId, sandbox.lastOtp(PHONE)!)).resolves.toBe(true);
    expect(sandbox.requests.map((r) => `${r.operation} ${r.status}`)).toEqual(['generate 200', 'verify 200']);
  });
});
