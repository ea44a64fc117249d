import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Body, Controller, HttpCode, Module, Post } from '@nestjs/common';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { InAppTokenService } from 'nestjs-termii';
import { startTermiiSandbox, type TermiiSandbox } from 'nestjs-termii/sandbox';
import { TermiiTestingController, TermiiTestingModule } from 'nestjs-termii/testing';
import { OtpModule, OtpService } from '../src/otp.module.js';

const PHONE = '+234 810 947 7743';

@Controller('otp')
class OtpController {
  constructor(private readonly otp: OtpService) {}

  @Post()
  @HttpCode(201)
  async start(@Body() body: { phoneNumber: string }): Promise<{ pinId: string }> {
    return { pinId: await this.otp.start(body.phoneNumber) };
  }

  @Post('verify')
  @HttpCode(200)
  async finish(@Body() body: { pinId: string; pin: string }): Promise<{ verified: boolean }> {
    return { verified: await this.otp.finish(body.pinId, body.pin) };
  }
}

@Module({ imports: [OtpModule], controllers: [OtpController] })
class AppModule {}

async function post(url: string, body: object): Promise<{ status: number; json: Record<string, unknown> }> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

describe(`nestjs-termii in a NestJS 12 app on Fastify (Node ${process.version})`, () => {
  let sandbox: TermiiSandbox;
  let app: NestFastifyApplication;
  let url: string;

  beforeAll(async () => {
    sandbox = await startTermiiSandbox();
    process.env['TERMII_API_KEY'] = 'consumer-key';
    process.env['TERMII_BASE_URL'] = sandbox.url;
    const moduleRef = await Test.createTestingModule({ imports: [AppModule] }).compile();
    app = moduleRef.createNestApplication<NestFastifyApplication>(new FastifyAdapter(), { logger: false });
    await app.listen(0, '127.0.0.1');
    url = (await app.getUrl()).replace('[::1]', '127.0.0.1');
  });

  afterAll(async () => {
    await app?.close();
    await sandbox?.close();
  });

  it('serves a login through Fastify: a PIN generated through the sandbox, then verified', async () => {
    const started = await post(`${url}/otp`, { phoneNumber: PHONE });
    expect(started.status).toBe(201);
    const pin = sandbox.lastOtp('2348109477743');
    expect(pin).toMatch(/^\d+$/);
    const finished = await post(`${url}/otp/verify`, { pinId: started.json['pinId'] as string, pin: pin! });
    expect(finished).toEqual({ status: 200, json: { verified: true } });
  });

  it("calls Termii through the package's own undici, never the runtime's global fetch", async () => {
    // Node 24 and 26 bundle other undici majors: a dispatcher of the package's undici must never reach them.
    const globalFetch = globalThis.fetch;
    let globalCalls = 0;
    globalThis.fetch = (() => {
      globalCalls += 1;
      throw new Error('global fetch used');
    }) as typeof fetch;
    try {
      const token = await app.get(InAppTokenService).generate({ phoneNumber: PHONE });
      expect(token.pinId).toMatch(/^[0-9a-f-]{36}$/);
    } finally {
      globalThis.fetch = globalFetch;
    }
    expect(globalCalls).toBe(0);
    expect(sandbox.requests.at(-1)?.path).toBe('/api/sms/otp/generate');
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
