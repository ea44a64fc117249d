/**
 * e2e 4 — bad bodies: the global ValidationPipe answers 400 with the library's own messages, and nothing
 * reaches Termii.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { TermiiTestingController } from 'nestjs-termii/testing';
import { PHONE } from './support/phone.js';
import { post, startSampleAppOnEmulator, type RunningSampleApp } from './support/sample-app.js';

const PIN_ID = 'c8dcd048-5e7f-4347-8c89-4470c3af0b4e';

/** [route, body, a message the 400 must contain] */
const BAD_BODIES: [string, unknown, RegExp][] = [
  ['/auth/otp', {}, /phoneNumber/],
  ['/auth/otp', { phoneNumber: PHONE, role: 'admin' }, /property role should not exist/],
  ['/auth/otp', { phoneNumber: PHONE, pinLength: 4 }, /property pinLength should not exist/],
  ['/auth/otp', { phoneNumber: '08109477743' }, /international format .*without the leading 0/],
  ['/auth/otp', { phoneNumber: '8109477' }, /international phone number/],
  ['/auth/otp', { phoneNumber: 2348109477743 }, /phoneNumber must be a string/],
  ['/auth/otp', '{"phoneNumber": ', /JSON|Unexpected|expected/i],
  ['/auth/otp/verify', { pinId: PIN_ID }, /pin must be 4 to 8 letters or digits/],
  ['/auth/otp/verify', { pin: '123456' }, /pinId/],
  ['/auth/otp/verify', { pinId: PIN_ID, pin: '123' }, /pin must be 4 to 8 letters or digits/],
  ['/auth/otp/verify', { pinId: PIN_ID, pin: 123456 }, /pin must be a string/],
  ['/auth/otp/verify', { pinId: PIN_ID, pin: '123456', phoneNumber: PHONE }, /property phoneNumber should not exist/],
  ['/auth/otp/verify', { pinId: '', pin: '123456' }, /pinId must not be empty/],
];

describe('e2e 4: bad bodies answer 400 and send nothing to Termii', () => {
  let sample: RunningSampleApp;
  let termii: TermiiTestingController;

  before(async () => {
    sample = await startSampleAppOnEmulator({ OTP_THROTTLE_LIMIT: '100' });
    termii = sample.app.get(TermiiTestingController);
  });
  after(() => sample.close());

  for (const [route, body, message] of BAD_BODIES) {
    it(`${route} ${typeof body === 'string' ? body : JSON.stringify(body)} → 400`, async () => {
      const res = await post(`${sample.url}${route}`, body);

      assert.equal(res.status, 400, res.text);
      assert.equal(res.body['statusCode'], 400);
      const messages = ([] as unknown[]).concat(res.body['message']).join(' | ');
      assert.match(messages, message);
      assert.equal(termii.requests.length, 0, 'a request reached Termii');
    });
  }

  it('accepts a number written the way people type it (the library normalises it)', async () => {
    const res = await post(`${sample.url}/auth/otp`, { phoneNumber: '+234 (810) 947-7743' });

    assert.equal(res.status, 201);
    assert.equal(termii.requests.at(-1)!.body!['phone_number'], PHONE);
  });
});
