/**
 * Property-based (fast-check): whatever JSON a client posts to the Token endpoints, the emulator answers
 * 200 or a 400 `{ message }` (never throws), delivers exactly when it answers 200, charges exactly that
 * delivery's price, and records no key. Generated valid bodies are always accepted.
 *
 * Runs and seed: TERMII_FC_RUNS (default 300 per property) and TERMII_FC_SEED (default fixed).
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { TermiiEmulator, type TermiiDeliveryChannel } from '../../lib/emulator/index.js';

const RUNS = Number(process.env['TERMII_FC_RUNS'] ?? 300);
const SEED = Number(process.env['TERMII_FC_SEED'] ?? 20_261_129);
const PARAMS = { numRuns: RUNS, seed: SEED, endOnFailure: true } as const;
const KEY = 'FCcanaryKey-3e9a1c';

const ENDPOINTS: { path: string; channel: TermiiDeliveryChannel; fields: string[] }[] = [
  {
    path: '/api/sms/otp/send',
    channel: 'sms',
    fields: [
      'pin_type',
      'message_type',
      'to',
      'from',
      'channel',
      'pin_attempts',
      'pin_time_to_live',
      'pin_length',
      'pin_placeholder',
      'message_text',
    ],
  },
  {
    path: '/api/sms/otp/send/voice',
    channel: 'voice',
    fields: ['phone_number', 'pin_attempts', 'pin_time_to_live', 'pin_length'],
  },
  { path: '/api/sms/otp/call', channel: 'voice-call', fields: ['phone_number', 'code'] },
  {
    path: '/api/email/otp/send',
    channel: 'email',
    fields: ['email_address', 'code', 'email_configuration_id'],
  },
];

const phone = fc.stringMatching(/^[1-9][0-9]{7,14}$/);
const policy = {
  pin_attempts: fc.integer({ min: 1, max: 1_000 }),
  pin_time_to_live: fc.integer({ min: 0, max: 60 }),
  pin_length: fc.integer({ min: 4, max: 8 }),
};
const placeholder = fc.constantFrom('< 1234 >', '{pin}', '####');
const VALID_BODIES: Record<string, fc.Arbitrary<Record<string, unknown>>> = {
  '/api/sms/otp/send': fc
    .record({
      kind: fc.constantFrom('NUMERIC', 'ALPHANUMERIC'),
      fields: fc.subarray(['pin_type', 'message_type'], { minLength: 1 }),
      to: phone,
      from: fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9 -]{2,10}$/),
      channel: fc.constantFrom('dnd', 'generic'),
      placeholder,
      before: fc.string({ maxLength: 40 }),
      after: fc.string({ maxLength: 40 }),
      ...policy,
    })
    .map(({ kind, fields, placeholder: pin_placeholder, before, after, ...rest }) => ({
      ...Object.fromEntries(fields.map((field) => [field, kind])),
      ...rest,
      pin_placeholder,
      message_text: `${before}${pin_placeholder}${after}`,
    })),
  '/api/sms/otp/send/voice': fc.record({ phone_number: phone, ...policy }),
  '/api/sms/otp/call': fc.record({
    phone_number: phone,
    code: fc.oneof(
      fc.integer({ min: 1_000, max: 99_999_999 }),
      fc.integer({ min: 1_000, max: 99_999_999 }).map(String),
    ),
  }),
  '/api/email/otp/send': fc.record({
    email_address: fc.emailAddress(),
    code: fc.stringMatching(/^[A-Za-z0-9]{4,8}$/),
    email_configuration_id: fc.uuid(),
  }),
};

/** A body built from the endpoint's own fields (so that many are nearly valid) and hostile extras. */
function hostileBody(fields: string[]): fc.Arbitrary<Record<string, unknown>> {
  const value = fc.oneof(
    fc.anything(),
    fc.integer(),
    fc.double(),
    fc.string(),
    fc.constantFrom('', ' ', 'NUMERIC', 'dnd', '2348109477743', '< 1234 >', '1e3', '0123', '١٢٣٤', null),
  );
  return fc
    .tuple(
      fc.dictionary(fc.constantFrom(...fields), value),
      fc.dictionary(fc.constantFrom('__proto__', 'constructor', 'extra', 'api_key2'), value, { maxKeys: 2 }),
    )
    .map(([known, extra]) => ({ ...extra, ...known }));
}

function post(path: string, body: Record<string, unknown>) {
  return { method: 'POST', path, body: JSON.stringify({ ...body, api_key: KEY }) };
}

describe('the emulator under hostile bodies', () => {
  it.each(ENDPOINTS.map((endpoint) => [endpoint.path, endpoint] as const))(
    '%s: 200 with one delivery and its price, or 400 { message } with nothing changed',
    (_path, { path, channel, fields }) => {
      const emulator = new TermiiEmulator({ balance: 1_000_000_000, historyLimit: 10 });
      fc.assert(
        fc.property(hostileBody(fields), (body) => {
          const [balance, delivered] = [emulator.balance, emulator.messages.at(-1)?.messageId];
          const reply = emulator.handle(post(path, body));
          if (reply.action !== 'respond') throw new Error(`unexpected ${reply.action}`);
          const answer = JSON.parse(reply.response.body) as Record<string, unknown>;
          if (reply.response.status === 200) {
            expect(emulator.messages.at(-1)).toMatchObject({ channel });
            expect(emulator.messages.at(-1)?.messageId).not.toBe(delivered);
            expect(emulator.balance).toBeCloseTo(balance - emulator.prices[channel], 4);
          } else {
            expect(reply.response.status).toBe(400);
            expect(answer).toEqual({ message: expect.any(String) });
            expect(emulator.messages.at(-1)?.messageId).toBe(delivered);
            expect(emulator.balance).toBe(balance);
          }
          expect(JSON.stringify(emulator.requests.at(-1))).not.toContain(KEY);
        }),
        PARAMS,
      );
    },
  );

  it.each(ENDPOINTS.map((endpoint) => [endpoint.path] as const))('%s: every valid body is accepted', (path) => {
    const emulator = new TermiiEmulator({ balance: 1_000_000_000, historyLimit: 10 });
    fc.assert(
      fc.property(VALID_BODIES[path], (body) => {
        const reply = emulator.handle(post(path, body));
        if (reply.action !== 'respond') throw new Error(`unexpected ${reply.action}`);
        expect([reply.response.status, reply.response.body]).toEqual([200, expect.any(String)]);
        const message = emulator.messages.at(-1)!;
        if (path === '/api/sms/otp/send') {
          const text = String(body['message_text']).split(String(body['pin_placeholder'])).join(message.code);
          expect(message.text).toBe(text);
        }
      }),
      PARAMS,
    );
  });
});
