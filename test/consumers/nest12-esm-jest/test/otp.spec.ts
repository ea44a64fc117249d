import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { Test, type TestingModule } from '@nestjs/testing';
import { InAppTokenService, TermiiError, TermiiValidationError } from 'nestjs-termii';
import { startTermiiSandbox, type TermiiSandbox } from 'nestjs-termii/sandbox';
import { TermiiTestingController, TermiiTestingModule } from 'nestjs-termii/testing';
import { OtpModule, OtpService } from '../src/otp.module.js';

const PHONE = '+234 810 947 7743';

describe('nestjs-termii in a NestJS 12 ESM app (Jest in native ESM mode)', () => {
  it('loads the ESM build', () => {
    const url = import.meta.resolve('nestjs-termii');
    expect(url).toMatch(/\/node_modules\/nestjs-termii\/dist\/index\.js$/);
  });

  describe('forRootAsync with ConfigService, against the sandbox on loopback', () => {
    let sandbox: TermiiSandbox;
    let moduleRef: TestingModule;

    beforeAll(async () => {
      sandbox = await startTermiiSandbox();
      process.env['TERMII_API_KEY'] = 'consumer-key';
      process.env['TERMII_BASE_URL'] = sandbox.url;
      moduleRef = await Test.createTestingModule({ imports: [OtpModule] }).compile();
    });

    afterAll(async () => {
      await moduleRef?.close();
      await sandbox?.close();
    });

    it('generates a PIN through the sandbox and verifies it', async () => {
      expect(sandbox.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      const otp = moduleRef.get(OtpService);
      const pinId = await otp.start(PHONE);
      const pin = sandbox.lastOtp('2348109477743');
      expect(pin).toMatch(/^\d+$/);
      await expect(otp.finish(pinId, pin!)).resolves.toBe(true);
      expect(sandbox.requests.length).toBe(2);
    });

    it('throws TermiiValidationError, an instance of the classes this app imports, and sends nothing', async () => {
      const before = sandbox.requests.length;
      const error = await moduleRef
        .get(OtpService)
        .start('not a phone')
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TermiiValidationError);
      expect(error).toBeInstanceOf(TermiiError);
      expect((error as TermiiValidationError).issues[0]?.property).toBe('phoneNumber');
      expect(sandbox.requests.length).toBe(before);
    });
  });

  it('overrideProvider(InAppTokenService) replaces the service', async () => {
    process.env['TERMII_API_KEY'] = 'unused';
    const generate = jest.fn(async (_input: unknown) => ({
      pinId: 'pin-1',
      otp: '123456',
      phoneNumber: '2348109477743',
    }));
    const moduleRef = await Test.createTestingModule({ imports: [OtpModule] })
      .overrideProvider(InAppTokenService)
      .useValue({ generate, verify: jest.fn() })
      .compile();
    await expect(moduleRef.get(OtpService).start(PHONE)).resolves.toBe('pin-1');
    expect(generate).toHaveBeenCalledWith({ phoneNumber: PHONE });
    await moduleRef.close();
  });

  it('TermiiTestingModule from nestjs-termii/testing stands in for TermiiModule', async () => {
    const moduleRef = await Test.createTestingModule({
      imports: [TermiiTestingModule.forRoot()],
      providers: [OtpService],
    }).compile();
    const otp = moduleRef.get(OtpService);
    const termii = moduleRef.get(TermiiTestingController);
    const pinId = await otp.start(PHONE);
    await expect(otp.finish(pinId, termii.lastOtp('2348109477743')!)).resolves.toBe(true);
    await moduleRef.close();
  });
});
