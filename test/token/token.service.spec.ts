import 'reflect-metadata';
import type { INestApplicationContext } from '@nestjs/common';
import {
  PinType,
  SendTokenDto,
  SentEmailToken,
  SentToken,
  SentVoiceToken,
  TermiiResponseError,
  TokenChannel,
  VoiceCall,
  type InAppTokenService,
  type TokenService,
} from '../../lib/index.js';
import {
  DOCUMENTED_EMAIL_RESPONSE,
  DOCUMENTED_SEND_RESPONSE,
  DOCUMENTED_VERIFY_RESPONSE,
  DOCUMENTED_VOICE_RESPONSE,
  documentedHandler,
  reply,
  startScriptedServer,
  type ScriptedServer,
} from '../support/scripted-server.js';
import { createTermiiApp } from '../support/termii-app.js';

const API_KEY = 'TLtokenServiceKey';
const PHONE = '2348109477743';
const TEXT = 'Your login code is < 1234 >. It expires in 5 minutes.';

describe('TokenService against a loopback server', () => {
  let server: ScriptedServer;
  let app: INestApplicationContext;
  let tokens: TokenService;
  let inApp: InAppTokenService;

  beforeAll(async () => {
    server = await startScriptedServer();
    ({
      app,
      tokens,
      service: inApp,
    } = await createTermiiApp({
      apiKey: API_KEY,
      baseUrl: server.url,
      token: { senderId: 'AcmeOTP', emailConfigurationId: 'cfg-0pxo1ye8' },
    }));
  });
  beforeEach(() => {
    server.requests.length = 0;
    server.handle(documentedHandler);
  });
  afterAll(async () => {
    await app.close();
    await server.close();
  });

  /** Answers every request with `status` and `body`. */
  const answer = (status: number, body: unknown) => server.handle((_req, res) => reply(res, status, body));

  describe('send (Send Token)', () => {
    it('POSTs exactly the documented wire body, pin_type and message_type alike, with the defaults for fields left out', async () => {
      await tokens.send({ phoneNumber: PHONE, messageText: TEXT });
      expect(server.requests).toHaveLength(1);
      const [request] = server.requests;
      expect(request.method).toBe('POST');
      expect(request.path).toBe('/api/sms/otp/send');
      expect(request.headers['content-type']).toMatch(/^application\/json/);
      expect(request.json).toStrictEqual({
        api_key: API_KEY,
        pin_type: 'NUMERIC',
        message_type: 'NUMERIC',
        to: PHONE,
        from: 'AcmeOTP',
        channel: 'dnd',
        pin_attempts: 3,
        pin_time_to_live: 5,
        pin_length: 6,
        pin_placeholder: '< 1234 >',
        message_text: TEXT,
      });
    });

    it('sends the caller’s fields, integers as JSON integers, and the normalised phone number', async () => {
      const dto = Object.assign(new SendTokenDto(), {
        phoneNumber: '+234 (810) 947-77.43',
        messageText: 'Code: {{pin}}',
        pinPlaceholder: '{{pin}}',
        senderId: 'N-Alert',
        channel: TokenChannel.GENERIC,
        pinType: PinType.ALPHANUMERIC,
        pinAttempts: 10,
        pinTimeToLive: 0,
        pinLength: 8,
      });
      await tokens.send(dto);
      expect(server.requests[0].text).toBe(
        '{"api_key":"TLtokenServiceKey","pin_type":"ALPHANUMERIC","message_type":"ALPHANUMERIC","to":"2348109477743",' +
          '"from":"N-Alert","channel":"generic","pin_attempts":10,"pin_time_to_live":0,"pin_length":8,' +
          '"pin_placeholder":"{{pin}}","message_text":"Code: {{pin}}"}',
      );
    });

    it('maps the documented answer to a SentToken', async () => {
      const sent = await tokens.send({ phoneNumber: PHONE, messageText: TEXT });
      expect(sent).toBeInstanceOf(SentToken);
      expect({ ...sent }).toStrictEqual({
        pinId: DOCUMENTED_SEND_RESPONSE.pinId,
        to: DOCUMENTED_SEND_RESPONSE.to,
        smsStatus: 'Message Sent',
      });
    });

    const variants: [string, unknown, Record<string, unknown>][] = [
      [
        'a v3 answer: pin_id, phone_number, numeric status, message_id_str',
        {
          pin_id: 'v3-pin',
          phone_number: '2348109077743',
          status: 200,
          smsStatus: 'Message Sent',
          message_id_str: '3017134567891234567891',
          message_id: 3.0171345678912345e21,
        },
        { pinId: 'v3-pin', to: '2348109077743', smsStatus: 'Message Sent', messageId: '3017134567891234567891' },
      ],
      [
        'pinId and pin_id both (pinId wins), status as a string',
        { pinId: 'camel', pin_id: 'snake', to: '2348109077743', status: '200' },
        { pinId: 'camel', to: '2348109077743' },
      ],
      ['no to nor phone_number: the number sent', { pinId: 'p-1' }, { pinId: 'p-1', to: PHONE }],
      [
        'a numeric message_id',
        { pinId: 'p-1', message_id: 453166532802459 },
        { pinId: 'p-1', to: PHONE, messageId: '453166532802459' },
      ],
      [
        'fields of the wrong types are left out',
        { pinId: 'p-1', to: 2348109077743, smsStatus: false, message_id: { id: 1 } },
        { pinId: 'p-1', to: PHONE },
      ],
      [
        // Answers are parsed keeping long integers: the digits Termii wrote, not the nearest double.
        'a message_id beyond a safe integer, as a bare JSON number: its digits as written',
        '{"pinId":"p-1","message_id":1152921504606846977}',
        { pinId: 'p-1', to: PHONE, messageId: '1152921504606846977' },
      ],
    ];
    it.each(variants)('maps %s', async (_name, body, expected) => {
      answer(200, body);
      const sent = await tokens.send({ phoneNumber: PHONE, messageText: TEXT });
      expect(sent).toBeInstanceOf(SentToken);
      expect({ ...sent }).toStrictEqual(expected);
    });

    it.each([
      ['no pinId nor pin_id', { to: PHONE, smsStatus: 'Message Sent' }, 'not the documented JSON shape'],
      ['an empty pinId', { pinId: '', to: PHONE }, 'not the documented JSON shape'],
      ['a numeric pinId', { pinId: 42 }, 'not the documented JSON shape'],
      ['a JSON array', [DOCUMENTED_SEND_RESPONSE], 'not the documented JSON shape'],
      ['HTML', '<html>ok</html>', 'not JSON'],
    ])('a 2xx with %s is a TermiiResponseError, sent once', async (_name, body, reason) => {
      answer(200, body);
      const error = await tokens.send({ phoneNumber: PHONE, messageText: TEXT }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TermiiResponseError);
      expect(error).toMatchObject({ operation: 'send', status: 200, reason });
      expect(server.requests).toHaveLength(1);
    });
  });

  describe('sendVoice (Voice Token)', () => {
    it('POSTs exactly { api_key, phone_number, pin_attempts, pin_time_to_live, pin_length }: no pin_type', async () => {
      await tokens.sendVoice({ phoneNumber: '+234 810 947 7743' });
      expect(server.requests).toHaveLength(1);
      expect(server.requests[0].path).toBe('/api/sms/otp/send/voice');
      expect(server.requests[0].text).toBe(
        '{"api_key":"TLtokenServiceKey","phone_number":"2348109477743","pin_attempts":3,"pin_time_to_live":5,"pin_length":6}',
      );
    });

    it('sends the caller’s PIN policy', async () => {
      await tokens.sendVoice({ phoneNumber: PHONE, pinAttempts: 1, pinTimeToLive: 60, pinLength: 4 });
      expect(server.requests[0].json).toStrictEqual({
        api_key: API_KEY,
        phone_number: PHONE,
        pin_attempts: 1,
        pin_time_to_live: 60,
        pin_length: 4,
      });
    });

    it('maps the documented answer to a SentVoiceToken', async () => {
      const sent = await tokens.sendVoice({ phoneNumber: PHONE });
      expect(sent).toBeInstanceOf(SentVoiceToken);
      expect({ ...sent }).toStrictEqual({
        pinId: DOCUMENTED_VOICE_RESPONSE.pinId,
        messageId: '453166532802459832',
        message: 'Successfully Sent',
        balance: 77.5,
        user: 'Termii Test',
      });
    });

    const variants: [string, unknown, Record<string, unknown>][] = [
      [
        'balance as a string and pin_id',
        { code: 'ok', pin_id: 'snake-pin', message_id: '1', balance: '77.5' },
        { pinId: 'snake-pin', messageId: '1', balance: 77.5 },
      ],
      ['balance as an integer string', { pinId: 'p', balance: '9' }, { pinId: 'p', balance: 9 }],
      ['balance 0', { pinId: 'p', balance: 0 }, { pinId: 'p', balance: 0 }],
      ['a balance that is not numeric is left out', { pinId: 'p', balance: 'N/A' }, { pinId: 'p' }],
      ['a balance of null is left out', { pinId: 'p', balance: null }, { pinId: 'p' }],
      [
        'message_id_str over a rounded message_id',
        { pinId: 'p', message_id: 9223372036854776000, message_id_str: '9223372036854775807' },
        { pinId: 'p', messageId: '9223372036854775807' },
      ],
      [
        'status as a number',
        { pinId: 'p', status: 200, message: 'Successfully Sent' },
        { pinId: 'p', message: 'Successfully Sent' },
      ],
    ];
    it.each(variants)('maps %s', async (_name, body, expected) => {
      answer(200, body);
      const sent = await tokens.sendVoice({ phoneNumber: PHONE });
      expect({ ...sent }).toStrictEqual(expected);
    });

    it.each([
      ['no pinId', { code: 'ok', message_id: '1', message: 'Successfully Sent', balance: 77.5 }],
      ['a 201 without pinId', { code: 'ok' }],
    ])('a 2xx with %s is a TermiiResponseError', async (_name, body) => {
      answer(201, body);
      const error = await tokens.sendVoice({ phoneNumber: PHONE }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TermiiResponseError);
      expect(error).toMatchObject({ operation: 'sendVoice', status: 201 });
      expect(server.requests).toHaveLength(1);
    });
  });

  describe('call (Voice Call)', () => {
    it('POSTs exactly { api_key, phone_number, code } with code as a JSON number', async () => {
      await tokens.call({ phoneNumber: PHONE, code: '12345' });
      expect(server.requests).toHaveLength(1);
      expect(server.requests[0].path).toBe('/api/sms/otp/call');
      expect(server.requests[0].text).toBe(
        '{"api_key":"TLtokenServiceKey","phone_number":"2348109477743","code":12345}',
      );
      expect(server.requests[0].json).toStrictEqual({ api_key: API_KEY, phone_number: PHONE, code: 12345 });
    });

    it('sends an 8-digit code whole', async () => {
      await tokens.call({ phoneNumber: PHONE, code: '98765432' });
      expect((server.requests[0].json as { code: unknown }).code).toBe(98765432);
    });

    it('maps the documented answer to a VoiceCall, without a pinId even when Termii sends one', async () => {
      const call = await tokens.call({ phoneNumber: PHONE, code: '1234' });
      expect(call).toBeInstanceOf(VoiceCall);
      expect({ ...call }).toStrictEqual({
        messageId: '453166532802459832',
        message: 'Successfully Sent',
        balance: 77.5,
        user: 'Termii Test',
      });
    });

    it.each([
      ['balance as a string', { code: 'ok', message_id: '7', balance: '12.25' }, { messageId: '7', balance: 12.25 }],
      [
        'message_id_str',
        { code: 'ok', message_id_str: '3017134567891234567891' },
        { messageId: '3017134567891234567891' },
      ],
      ['only code "ok"', { code: 'ok' }, {}],
    ])('maps %s', async (_name, body, expected) => {
      answer(200, body);
      expect({ ...(await tokens.call({ phoneNumber: PHONE, code: '1234' })) }).toStrictEqual(expected);
    });

    it.each([
      ['none of Termii’s fields', { status: 'success' }],
      ['an empty object', {}],
      ['HTML', '<html></html>'],
    ])('a 2xx with %s is a TermiiResponseError', async (_name, body) => {
      answer(200, body);
      const error = await tokens.call({ phoneNumber: PHONE, code: '1234' }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TermiiResponseError);
      expect(error).toMatchObject({ operation: 'call', status: 200 });
    });
  });

  describe('sendEmail (Email Token)', () => {
    it('POSTs exactly { api_key, email_address, code, email_configuration_id }, code as a string', async () => {
      await tokens.sendEmail({ emailAddress: 'ada@example.com', code: '012345' });
      expect(server.requests).toHaveLength(1);
      expect(server.requests[0].path).toBe('/api/email/otp/send');
      expect(server.requests[0].text).toBe(
        '{"api_key":"TLtokenServiceKey","email_address":"ada@example.com","code":"012345","email_configuration_id":"cfg-0pxo1ye8"}',
      );
    });

    it('the call’s emailConfigurationId wins over the module’s', async () => {
      await tokens.sendEmail({ emailAddress: 'ada@example.com', code: 'aB12', emailConfigurationId: 'other-cfg' });
      expect(server.requests[0].json).toStrictEqual({
        api_key: API_KEY,
        email_address: 'ada@example.com',
        code: 'aB12',
        email_configuration_id: 'other-cfg',
      });
    });

    it('maps the documented answer to a SentEmailToken', async () => {
      const sent = await tokens.sendEmail({ emailAddress: 'ada@example.com', code: '1234' });
      expect(sent).toBeInstanceOf(SentEmailToken);
      expect({ ...sent }).toStrictEqual({
        messageId: DOCUMENTED_EMAIL_RESPONSE.message_id,
        message: 'Successfully Sent',
        balance: 9,
        user: 'Shola Olu',
      });
    });

    it('maps balance as a string and a numeric message_id', async () => {
      answer(200, { code: 'ok', message_id: 912282127055487, balance: '8.5', user: 'Shola Olu' });
      const sent = await tokens.sendEmail({ emailAddress: 'ada@example.com', code: '1234' });
      expect({ ...sent }).toStrictEqual({ messageId: '912282127055487', balance: 8.5, user: 'Shola Olu' });
    });

    it('a 2xx with the wrong shape is a TermiiResponseError', async () => {
      answer(200, { data: { pin_id: 'x' } });
      const error = await tokens.sendEmail({ emailAddress: 'ada@example.com', code: '1234' }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TermiiResponseError);
      expect(error).toMatchObject({ operation: 'sendEmail', status: 200 });
    });
  });

  describe('verify: one implementation with InAppTokenService.verify', () => {
    it('POSTs exactly { api_key, pin_id, pin } to Verify Token', async () => {
      await tokens.verify({ pinId: DOCUMENTED_SEND_RESPONSE.pinId, pin: '0522' });
      expect(server.requests).toHaveLength(1);
      expect(server.requests[0].path).toBe('/api/sms/otp/verify');
      expect(server.requests[0].text).toBe(
        `{"api_key":"TLtokenServiceKey","pin_id":"${DOCUMENTED_SEND_RESPONSE.pinId}","pin":"0522"}`,
      );
    });

    const answers: [string, number, unknown][] = [
      ['the documented "True"', 200, DOCUMENTED_VERIFY_RESPONSE],
      ['verified: false', 200, { verified: false }],
      ['"Expired" with 400', 400, { verified: 'Expired' }],
      ['HTTP 422', 422, { message: 'pin_id is invalid' }],
      ['HTTP 404', 404, { message: 'Pin not found' }],
    ];
    it.each(answers)('%s: both services resolve to the very same outcome', async (_name, status, body) => {
      answer(status, body);
      const input = { pinId: 'pin-1', pin: '1234' };
      const fromTokens = await tokens.verify(input);
      const fromInApp = await inApp.verify(input);
      expect(fromTokens).toStrictEqual(fromInApp);
      expect(server.requests.map((r) => r.text)).toEqual([server.requests[0].text, server.requests[0].text]);
    });

    it('a 400 that is not "Expired" is an error from both, with operation verify', async () => {
      answer(400, { message: 'pin is required' });
      for (const service of [tokens, inApp]) {
        await expect(service.verify({ pinId: 'p', pin: '1234' })).rejects.toMatchObject({
          name: 'TermiiApiError',
          operation: 'verify',
          status: 400,
        });
      }
    });
  });
});

describe('TokenService defaults: the module’s token option, independent of inAppToken', () => {
  let server: ScriptedServer;
  let app: INestApplicationContext;
  let tokens: TokenService;
  let inApp: InAppTokenService;

  beforeAll(async () => {
    server = await startScriptedServer();
    ({
      app,
      tokens,
      service: inApp,
    } = await createTermiiApp({
      apiKey: API_KEY,
      baseUrl: server.url,
      inAppToken: { pinLength: 4, pinAttempts: 2 },
      token: {
        senderId: 'Acme',
        channel: TokenChannel.GENERIC,
        pinPlaceholder: '{{pin}}',
        pinType: PinType.ALPHANUMERIC,
        pinAttempts: 7,
        pinTimeToLive: 0,
        pinLength: 8,
        emailConfigurationId: 'cfg-default',
      },
    }));
  });
  beforeEach(() => {
    server.requests.length = 0;
  });
  afterAll(async () => {
    await app.close();
    await server.close();
  });

  it('send takes every default from token', async () => {
    await tokens.send({ phoneNumber: PHONE, messageText: 'Code {{pin}}' });
    expect(server.requests[0].json).toStrictEqual({
      api_key: API_KEY,
      pin_type: 'ALPHANUMERIC',
      message_type: 'ALPHANUMERIC',
      to: PHONE,
      from: 'Acme',
      channel: 'generic',
      pin_attempts: 7,
      pin_time_to_live: 0,
      pin_length: 8,
      pin_placeholder: '{{pin}}',
      message_text: 'Code {{pin}}',
    });
  });

  it('each call field overrides its default', async () => {
    await tokens.send({
      phoneNumber: PHONE,
      messageText: 'Code < 1234 >',
      pinPlaceholder: '< 1234 >',
      senderId: 'Other',
      channel: TokenChannel.DND,
      pinType: PinType.NUMERIC,
      pinAttempts: 1,
      pinTimeToLive: 9,
      pinLength: 5,
    });
    expect(server.requests[0].json).toMatchObject({
      pin_type: 'NUMERIC',
      message_type: 'NUMERIC',
      from: 'Other',
      channel: 'dnd',
      pin_attempts: 1,
      pin_time_to_live: 9,
      pin_length: 5,
      pin_placeholder: '< 1234 >',
    });
  });

  it('sendVoice takes the PIN policy from token, generate from inAppToken', async () => {
    await tokens.sendVoice({ phoneNumber: PHONE });
    await inApp.generate({ phoneNumber: PHONE });
    expect(server.requests[0].json).toMatchObject({ pin_attempts: 7, pin_time_to_live: 0, pin_length: 8 });
    expect(server.requests[1].json).toMatchObject({ pin_attempts: 2, pin_time_to_live: 5, pin_length: 4 });
  });

  it('sendEmail takes emailConfigurationId from token', async () => {
    await tokens.sendEmail({ emailAddress: 'ada@example.com', code: '4321' });
    expect(server.requests[0].json).toMatchObject({ email_configuration_id: 'cfg-default' });
  });
});
