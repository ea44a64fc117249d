import 'reflect-metadata';
import type { INestApplicationContext } from '@nestjs/common';
import { TermiiValidationError, type InAppTokenService } from '../../lib/index.js';
import { startScriptedServer, type ScriptedServer } from '../support/scripted-server.js';
import { createTermiiApp } from '../support/termii-app.js';

describe('input validation: a clear error naming every bad property, and no request', () => {
  let server: ScriptedServer;
  let app: INestApplicationContext;
  let service: InAppTokenService;

  beforeAll(async () => {
    server = await startScriptedServer();
    ({ app, service } = await createTermiiApp({ apiKey: 'TLvalidationKey', baseUrl: server.url }));
  });
  afterAll(async () => {
    await app.close();
    await server.close();
  });

  async function validationErrorOf(call: Promise<unknown>): Promise<TermiiValidationError> {
    const error = await call.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(TermiiValidationError);
    return error as TermiiValidationError;
  }

  const phone = '2348109477743';
  const generateCases: [string, unknown, string[]][] = [
    ['no phoneNumber', {}, ['phoneNumber']],
    ['a local phone number', { phoneNumber: '08109477743' }, ['phoneNumber']],
    ['a short phone number', { phoneNumber: '2341234' }, ['phoneNumber']],
    ['a 16-digit phone number', { phoneNumber: '2348109477743123' }, ['phoneNumber']],
    ['letters in the phone number', { phoneNumber: '234810947774a' }, ['phoneNumber']],
    ['two leading +', { phoneNumber: '++2348109477743' }, ['phoneNumber']],
    ['unicode digits', { phoneNumber: '٢٣٤٨١٠٩٤٧٧٧٤٣' }, ['phoneNumber']],
    ['a numeric phoneNumber', { phoneNumber: 2348109477743 }, ['phoneNumber']],
    ['pinType unknown', { phoneNumber: phone, pinType: 'HEX' }, ['pinType']],
    ['pinAttempts 0', { phoneNumber: phone, pinAttempts: 0 }, ['pinAttempts']],
    ['pinAttempts 1.5', { phoneNumber: phone, pinAttempts: 1.5 }, ['pinAttempts']],
    ['pinAttempts as a string', { phoneNumber: phone, pinAttempts: '3' }, ['pinAttempts']],
    ['pinTimeToLive -1', { phoneNumber: phone, pinTimeToLive: -1 }, ['pinTimeToLive']],
    ['pinTimeToLive 61', { phoneNumber: phone, pinTimeToLive: 61 }, ['pinTimeToLive']],
    ['pinLength 3', { phoneNumber: phone, pinLength: 3 }, ['pinLength']],
    ['pinLength 9', { phoneNumber: phone, pinLength: 9 }, ['pinLength']],
    ['pinLength NaN', { phoneNumber: phone, pinLength: NaN }, ['pinLength']],
    ['pinLength Infinity', { phoneNumber: phone, pinLength: Infinity }, ['pinLength']],
    ['an unknown property', { phoneNumber: phone, channel: 'sms' }, ['channel']],
    ['a wire-format property', { phone_number: phone }, ['phone_number', 'phoneNumber']],
    ['a __proto__ key', JSON.parse(`{"phoneNumber":"${phone}","__proto__":{"polluted":true}}`), ['__proto__']],
    [
      'several problems at once',
      { phoneNumber: '0810', pinLength: 2, pinTimeToLive: 99 },
      ['phoneNumber', 'pinTimeToLive', 'pinLength'],
    ],
    ['null', null, ['input']],
    ['a string', '2348109477743', ['input']],
  ];

  it.each(generateCases)('generate with %s', async (_name, input, properties) => {
    const before = server.requests.length;
    const error = await validationErrorOf(service.generate(input as never));
    expect(error.issues.map((i) => i.property).sort()).toEqual([...properties].sort());
    for (const issue of error.issues) expect(issue.messages.length).toBeGreaterThan(0);
    expect(server.requests).toHaveLength(before);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('a local phone number is answered with a request for the international format', async () => {
    const error = await validationErrorOf(service.generate({ phoneNumber: '08109477743' }));
    expect(error.issues).toEqual([{ property: 'phoneNumber', messages: [expect.stringContaining('international')] }]);
    expect(error.message).toContain('phoneNumber');
  });

  const verifyCases: [string, unknown, string[]][] = [
    ['no fields', {}, ['pinId', 'pin']],
    ['an empty pinId', { pinId: '', pin: '1234' }, ['pinId']],
    ['a 3-character pin', { pinId: 'p', pin: '123' }, ['pin']],
    ['a 9-character pin', { pinId: 'p', pin: '123456789' }, ['pin']],
    ['a pin with a space', { pinId: 'p', pin: '12 34' }, ['pin']],
    ['a numeric pin', { pinId: 'p', pin: 1234 }, ['pin']],
    ['an unknown property', { pinId: 'p', pin: '1234', phoneNumber: '2348109477743' }, ['phoneNumber']],
    [
      'a constructor key',
      JSON.parse('{"pinId":"p","pin":"1234","constructor":{"prototype":{"x":1}}}'),
      ['constructor'],
    ],
  ];

  it.each(verifyCases)('verify with %s', async (_name, input, properties) => {
    const before = server.requests.length;
    const error = await validationErrorOf(service.verify(input as never));
    expect(error.issues.map((i) => i.property).sort()).toEqual([...properties].sort());
    expect(server.requests).toHaveLength(before);
  });

  it('valid input passes: the control for the table above', async () => {
    const before = server.requests.length;
    await service.generate({ phoneNumber: '+234 810-947 7743', pinLength: 4, pinTimeToLive: 60, pinAttempts: 1 });
    await service.verify({ pinId: 'p', pin: 'aB12' });
    expect(server.requests).toHaveLength(before + 2);
  });
});
