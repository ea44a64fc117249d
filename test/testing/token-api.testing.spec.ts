/**
 * `TermiiTestingModule` serves the rest of the Token API and the balance from its in-memory emulator, with
 * the outbox and wallet on `TermiiTestingController`. The requests go through the module's own axios
 * instance (the one the services use), so this is what any Termii service of the module will meet.
 */
import { afterEach, describe, expect, it } from '@jest/globals';
import { HttpService } from '@nestjs/axios';
import { Test, type TestingModule } from '@nestjs/testing';
import { InAppTokenService, TermiiApiError } from '../../lib/index.js';
import {
  TermiiFaults,
  TermiiTestingController,
  TermiiTestingModule,
  type TermiiOutboxMessage,
  type TermiiTestingModuleOptions,
} from '../../lib/testing/index.js';

const PHONE = '2348109477743';
const SEND = {
  api_key: 'termii-testing-key',
  pin_type: 'NUMERIC',
  message_type: 'NUMERIC',
  to: PHONE,
  from: 'Acme',
  channel: 'dnd',
  pin_attempts: 3,
  pin_time_to_live: 5,
  pin_length: 6,
  pin_placeholder: '< 1234 >',
  message_text: 'Your Acme code: < 1234 >',
};

describe('TermiiTestingModule: Token API, outbox and wallet', () => {
  const opened: TestingModule[] = [];
  async function setUp(options?: TermiiTestingModuleOptions) {
    const moduleRef = await Test.createTestingModule({ imports: [TermiiTestingModule.forRoot(options)] }).compile();
    opened.push(moduleRef);
    const http = moduleRef.get(HttpService, { strict: false }).axiosRef;
    const post = async (path: string, body: unknown) => {
      const res = await http.post<string>(`https://termii.emulator.invalid${path}`, JSON.stringify(body), {
        headers: { 'Content-Type': 'application/json' },
        responseType: 'text',
        transformResponse: [(data: unknown) => data],
        validateStatus: () => true,
      });
      return { status: res.status, body: JSON.parse(res.data) as Record<string, unknown> };
    };
    return {
      post,
      termii: moduleRef.get(TermiiTestingController),
      tokens: moduleRef.get(InAppTokenService),
    };
  }
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((moduleRef) => moduleRef.close()));
  });

  it('passes the wallet options to its emulator', async () => {
    const { termii, post } = await setUp({
      balance: 50,
      currency: 'USD',
      prices: { voice: 2.5 },
      accountName: 'Acme Ltd',
    });
    expect([termii.balance, termii.emulator.currency, termii.emulator.prices.voice]).toEqual([50, 'USD', 2.5]);
    const voice = await post('/api/sms/otp/send/voice', {
      api_key: 'k',
      phone_number: PHONE,
      pin_attempts: 3,
      pin_time_to_live: 5,
      pin_length: 6,
    });
    expect(voice.body).toMatchObject({ code: 'ok', balance: 47.5, user: 'Acme Ltd' });
  });

  it('a PIN sent by SMS is in the outbox and verifies through the very same verify as In-App PINs', async () => {
    const { termii, post, tokens } = await setUp();
    const delivered: TermiiOutboxMessage[] = [];
    termii.onDelivery((message) => void delivered.push(message));
    const sent = await post('/api/sms/otp/send', SEND);
    expect(sent).toEqual({ status: 200, body: { pinId: expect.any(String), to: PHONE, smsStatus: 'Message Sent' } });
    const message = termii.lastMessage(`+${PHONE}`)!;
    expect(delivered).toEqual([message]);
    expect(message.text).toBe(`Your Acme code: ${message.code}`);
    expect(termii.lastOtp(PHONE)).toBe(message.code);
    const pinId = sent.body['pinId'] as string;
    await expect(tokens.verify({ pinId, pin: message.code ?? '' })).resolves.toMatchObject({ status: 'verified' });
    await expect(tokens.verify({ pinId, pin: message.code ?? '' })).resolves.toMatchObject({ status: 'expired' });
  });

  it("call and email message ids are unknown to verify: the library's verify says not_found", async () => {
    const { termii, post, tokens } = await setUp();
    const called = await post('/api/sms/otp/call', { api_key: 'k', phone_number: PHONE, code: 4821 });
    const emailed = await post('/api/email/otp/send', {
      api_key: 'k',
      email_address: 'ada@example.com',
      code: 'X1Y2',
      email_configuration_id: 'conf',
    });
    expect(termii.messages.map((m) => [m.channel, m.code, m.messageId])).toEqual([
      ['voice-call', '4821', called.body['message_id']],
      ['email', 'X1Y2', emailed.body['message_id']],
    ]);
    for (const id of [called.body['message_id'], emailed.body['message_id']] as string[]) {
      await expect(tokens.verify({ pinId: id, pin: '4821' })).resolves.toMatchObject({ status: 'not_found' });
    }
  });

  it('runs out of balance, answers "Insufficient balance", keeps In-App free; setBalance and reset restore it', async () => {
    const { termii, post, tokens } = await setUp({ balance: 5 });
    expect((await post('/api/sms/otp/send', SEND)).status).toBe(200);
    expect(await post('/api/sms/otp/send', SEND)).toEqual({ status: 400, body: { message: 'Insufficient balance' } });
    expect(termii.messages).toHaveLength(1);
    await expect(tokens.generate({ phoneNumber: PHONE })).resolves.toMatchObject({ phoneNumber: PHONE });
    termii.setBalance(3.9);
    expect((await post('/api/sms/otp/send', SEND)).status).toBe(200);
    expect(termii.balance).toBe(0);
    termii.reset();
    expect([termii.balance, termii.messages.length, termii.pins.length]).toEqual([5, 0, 0]);
  });

  it("TermiiFaults.insufficientBalance() reaches the service as a TermiiApiError with Termii's message", async () => {
    const { termii, tokens } = await setUp();
    termii.fail(TermiiFaults.insufficientBalance());
    const error = await tokens.generate({ phoneNumber: PHONE }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TermiiApiError);
    expect(error).toMatchObject({ status: 400, termiiMessage: 'Insufficient balance', operation: 'generate' });
  });

  it('the balance endpoint answers from the wallet', async () => {
    const { termii } = await setUp({ balance: 12.5 });
    const http = opened[0].get(HttpService, { strict: false }).axiosRef;
    const res = await http.get<string>('https://termii.emulator.invalid/api/get-balance?api_key=k', {
      responseType: 'text',
      transformResponse: [(data: unknown) => data],
    });
    expect(JSON.parse(res.data)).toEqual({ user: 'Termii Sandbox', balance: 12.5, currency: 'NGN' });
    expect(termii.requests.at(-1)).toMatchObject({
      method: 'GET',
      path: '/api/get-balance?api_key=[REDACTED]',
      operation: 'getBalance',
    });
  });
});
