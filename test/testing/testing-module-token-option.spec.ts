import { afterEach, describe, expect, it } from '@jest/globals';
import { Injectable, Module } from '@nestjs/common';
import { Test, type TestingModule } from '@nestjs/testing';
import { TermiiInsufficientBalanceError, TermiiValidationError, TokenService } from '../../lib/index.js';
import { TermiiFaults, TermiiTestingController, TermiiTestingModule } from '../../lib/testing/index.js';

const PHONE = '2348109477743';

/**
 * `TermiiTestingModule` registers and exports the real `TokenService`, with the `token` option, over the
 * in-memory emulator. What the emulator answers for each Token endpoint is the emulator's own test: here
 * only the request the service made, its validation and the error mapping count.
 */
describe('TermiiTestingModule: TokenService and the token option', () => {
  const opened: TestingModule[] = [];
  async function compile(imports: Parameters<typeof Test.createTestingModule>[0]['imports']): Promise<TestingModule> {
    const moduleRef = await Test.createTestingModule({ imports }).compile();
    opened.push(moduleRef);
    return moduleRef;
  }
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((moduleRef) => moduleRef.close()));
  });

  it('exports TokenService to the importing module, which sends with the token defaults', async () => {
    @Injectable()
    class OtpSender {
      constructor(readonly tokens: TokenService) {}
    }
    @Module({
      imports: [
        TermiiTestingModule.forRoot({ apiKey: 'testing-token-key', token: { senderId: 'TestSID', pinLength: 4 } }),
      ],
      providers: [OtpSender],
    })
    class OtpModule {}

    const moduleRef = await compile([OtpModule]);
    const { tokens } = moduleRef.get(OtpSender);
    expect(tokens).toBeInstanceOf(TokenService);
    const termii = moduleRef.get(TermiiTestingController, { strict: false });
    // Whatever the emulator answers, the request it recorded is the one the service built.
    await tokens.send({ phoneNumber: PHONE, messageText: 'Code < 1234 >' }).catch(() => undefined);
    expect(termii.requests).toHaveLength(1);
    expect(termii.requests[0]).toMatchObject({ method: 'POST', path: '/api/sms/otp/send' });
    expect(termii.requests[0].body).toEqual({
      api_key: '[REDACTED]',
      pin_type: 'NUMERIC',
      message_type: 'NUMERIC',
      to: PHONE,
      from: 'TestSID',
      channel: 'dnd',
      pin_attempts: 3,
      pin_time_to_live: 5,
      pin_length: 4,
      pin_placeholder: '< 1234 >',
      message_text: 'Code < 1234 >',
    });
    expect(JSON.stringify(termii.requests)).not.toContain('testing-token-key');
  });

  it('validates before the emulator sees anything: no sender ID anywhere is a TermiiValidationError', async () => {
    const moduleRef = await compile([TermiiTestingModule.forRoot()]);
    const tokens = moduleRef.get(TokenService);
    const error = await tokens.send({ phoneNumber: PHONE, messageText: 'Code < 1234 >' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TermiiValidationError);
    expect((error as TermiiValidationError).issues.map((i) => i.property)).toEqual(['senderId']);
    expect(moduleRef.get(TermiiTestingController).requests).toHaveLength(0);
  });

  it.each([
    ['send', (tokens: TokenService) => tokens.send({ phoneNumber: PHONE, messageText: 'Code < 1234 >' })],
    ['sendVoice', (tokens: TokenService) => tokens.sendVoice({ phoneNumber: PHONE })],
    ['call', (tokens: TokenService) => tokens.call({ phoneNumber: PHONE, code: '4821' })],
    ['sendEmail', (tokens: TokenService) => tokens.sendEmail({ emailAddress: 'ada@example.com', code: '4821' })],
  ])('%s: an injected "Insufficient balance" is a TermiiInsufficientBalanceError', async (operation, call) => {
    const moduleRef = await compile([
      TermiiTestingModule.forRoot({ token: { senderId: 'TestSID', emailConfigurationId: 'cfg-1' } }),
    ]);
    const termii = moduleRef.get(TermiiTestingController);
    termii.fail(TermiiFaults.status(400, { message: 'Insufficient balance' }));
    const error = await call(moduleRef.get(TokenService)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TermiiInsufficientBalanceError);
    expect(error).toMatchObject({ operation, status: 400 });
    expect(termii.requests).toHaveLength(1);
  });

  it('an invalid token option fails compilation with TermiiConfigError naming the field', async () => {
    await expect(compile([TermiiTestingModule.forRoot({ token: { channel: 'sms' as never } })])).rejects.toMatchObject({
      name: 'TermiiConfigError',
      field: 'token.channel',
    });
  });
});
