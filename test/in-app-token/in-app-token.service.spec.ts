import 'reflect-metadata';
import type { INestApplicationContext } from '@nestjs/common';
import {
  GenerateInAppTokenDto,
  InAppToken,
  PinType,
  TermiiApiError,
  TermiiResponseError,
  type InAppTokenService,
} from '../../lib/index.js';
import {
  DOCUMENTED_GENERATE_RESPONSE,
  DOCUMENTED_VERIFY_RESPONSE,
  reply,
  startScriptedServer,
  type ScriptedServer,
} from '../support/scripted-server.js';
import { createTermiiApp } from '../support/termii-app.js';

const API_KEY = 'TLserviceTestKey';

describe('InAppTokenService against a loopback server', () => {
  let server: ScriptedServer;
  let app: INestApplicationContext;
  let service: InAppTokenService;

  beforeAll(async () => {
    server = await startScriptedServer();
    ({ app, service } = await createTermiiApp({ apiKey: API_KEY, baseUrl: server.url }));
  });
  beforeEach(() => {
    server.requests.length = 0;
    server.handle((req, res) =>
      reply(res, 200, req.path.endsWith('/generate') ? DOCUMENTED_GENERATE_RESPONSE : DOCUMENTED_VERIFY_RESPONSE),
    );
  });
  afterAll(async () => {
    await app.close();
    await server.close();
  });

  describe('generate', () => {
    it('POSTs exactly the documented wire body, with the module defaults for fields left out', async () => {
      await service.generate({ phoneNumber: '2348109477743' });
      expect(server.requests).toHaveLength(1);
      const [request] = server.requests;
      expect(request.method).toBe('POST');
      expect(request.path).toBe('/api/sms/otp/generate');
      expect(request.headers['content-type']).toMatch(/^application\/json/);
      expect(request.json).toStrictEqual({
        api_key: API_KEY,
        pin_type: 'NUMERIC',
        phone_number: '2348109477743',
        pin_attempts: 3,
        pin_time_to_live: 5,
        pin_length: 6,
      });
    });

    it('sends the caller’s fields as integers and the normalised phone number', async () => {
      const dto = Object.assign(new GenerateInAppTokenDto(), {
        phoneNumber: '+234 (810) 947-77.43',
        pinType: PinType.ALPHANUMERIC,
        pinAttempts: 10,
        pinTimeToLive: 0,
        pinLength: 8,
      });
      await service.generate(dto);
      expect(server.requests[0].text).toBe(
        '{"api_key":"TLserviceTestKey","pin_type":"ALPHANUMERIC","phone_number":"2348109477743","pin_attempts":10,"pin_time_to_live":0,"pin_length":8}',
      );
    });

    it('maps the documented response to an InAppToken', async () => {
      const token = await service.generate({ phoneNumber: '2348109477743' });
      expect(token).toBeInstanceOf(InAppToken);
      expect({ ...token }).toStrictEqual({
        pinId: 'db34d5ce-9bd4-4f10-b8ec-8ee402ccd0',
        otp: '522726',
        phoneNumber: '2348109077743',
        phoneNumberOther: 'Termii',
      });
    });

    it('keeps leading zeros of the OTP and fills phoneNumber from the request when Termii omits it', async () => {
      server.handle((_req, res) => reply(res, 200, { status: 'success', data: { pin_id: 'p-1', otp: '001234' } }));
      const token = await service.generate({ phoneNumber: '2348109477743' });
      expect({ ...token }).toStrictEqual({ pinId: 'p-1', otp: '001234', phoneNumber: '2348109477743' });
    });

    it.each([
      ['HTML', '<html>ok</html>', 'not JSON'],
      ['invalid JSON', '{"status":', 'not JSON'],
      ['no data', { status: 'success' }, 'not the documented JSON shape'],
      ['no pin_id', { status: 'success', data: { otp: '1234' } }, 'not the documented JSON shape'],
      ['numeric otp', { status: 'success', data: { pin_id: 'x', otp: 1234 } }, 'not the documented JSON shape'],
    ])('a 2xx with %s is a TermiiResponseError', async (_name, body, reason) => {
      server.handle((_req, res) => {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(typeof body === 'string' ? body : JSON.stringify(body));
      });
      const error = await service.generate({ phoneNumber: '2348109477743' }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TermiiResponseError);
      expect(error).toMatchObject({ operation: 'generate', status: 200, reason });
      expect(server.requests).toHaveLength(1);
    });
  });

  describe('verify', () => {
    it('POSTs exactly { api_key, pin_id, pin }', async () => {
      await service.verify({ pinId: 'c8dcd048-5e7f-4347-8c89-4470c3af0b', pin: '0522' });
      expect(server.requests).toHaveLength(1);
      expect(server.requests[0].path).toBe('/api/sms/otp/verify');
      expect(server.requests[0].json).toStrictEqual({
        api_key: API_KEY,
        pin_id: 'c8dcd048-5e7f-4347-8c89-4470c3af0b',
        pin: '0522',
      });
    });

    it('maps the documented "True" answer to verified', async () => {
      await expect(
        service.verify({ pinId: 'c8dcd048-5e7f-4347-8c89-4470c3af0b', pin: '522726' }),
      ).resolves.toStrictEqual({
        pinId: DOCUMENTED_VERIFY_RESPONSE.pinId,
        verified: true,
        status: 'verified',
        msisdn: DOCUMENTED_VERIFY_RESPONSE.msisdn,
      });
    });

    const outcomes: [string, number, unknown, { verified: boolean; status: string }][] = [
      ['verified: true', 200, { verified: true }, { verified: true, status: 'verified' }],
      ['verified: "True"', 200, { verified: 'True' }, { verified: true, status: 'verified' }],
      ['verified: "true"', 200, { verified: 'true' }, { verified: true, status: 'verified' }],
      ['verified: false', 200, { verified: false }, { verified: false, status: 'invalid' }],
      ['verified: "False"', 200, { verified: 'False' }, { verified: false, status: 'invalid' }],
      ['verified: "Expired" with 400', 400, { verified: 'Expired' }, { verified: false, status: 'expired' }],
      ['verified: "expired" with 200', 200, { verified: 'expired' }, { verified: false, status: 'expired' }],
      ['verified: "EXPIRED" with 400', 400, { verified: 'EXPIRED' }, { verified: false, status: 'expired' }],
      ['HTTP 404', 404, { message: 'Pin not found' }, { verified: false, status: 'not_found' }],
      ['HTTP 422', 422, { message: 'pin_id is invalid' }, { verified: false, status: 'not_found' }],
      ['HTTP 422 with an HTML body', 422, '<html>bad</html>', { verified: false, status: 'not_found' }],
    ];
    it.each(outcomes)('%s resolves as %j', async (_name, status, body, expected) => {
      server.handle((_req, res) => reply(res, status, body));
      await expect(service.verify({ pinId: 'pin-1', pin: '1234' })).resolves.toStrictEqual({
        pinId: 'pin-1',
        ...expected,
      });
    });

    it.each([
      ['a 400 without "Expired"', 400, { message: 'pin is required' }],
      ['a 400 with verified: "True"', 400, { verified: 'True' }],
    ])('%s is a TermiiApiError, not an outcome', async (_name, status, body) => {
      server.handle((_req, res) => reply(res, status, body));
      const error = await service.verify({ pinId: 'pin-1', pin: '1234' }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TermiiApiError);
      expect(error).toMatchObject({ status: 400, operation: 'verify' });
    });

    it.each([
      ['no verified field', { pinId: 'x' }],
      ['an unknown verified value', { verified: 'Maybe' }],
      ['HTML', '<html></html>'],
    ])('a 200 with %s is a TermiiResponseError', async (_name, body) => {
      server.handle((_req, res) => reply(res, 200, body));
      await expect(service.verify({ pinId: 'pin-1', pin: '1234' })).rejects.toBeInstanceOf(TermiiResponseError);
    });
  });
});
