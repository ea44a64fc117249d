/**
 * Property-based (fast-check): whatever a client posts to the Campaign endpoints — JSON of any shape, or a
 * `multipart/form-data` upload of any content — the emulator answers a JSON `{ message }` with 200, 400,
 * 401 or 404 (never throws), a campaign delivers to every contact or to none, and no recorded request
 * holds the key.
 *
 * Runs and seed: TERMII_FC_RUNS (default 300 per property) and TERMII_FC_SEED (default fixed).
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { TermiiEmulator } from '../../lib/emulator/index.js';

const RUNS = Number(process.env['TERMII_FC_RUNS'] ?? 300);
const SEED = Number(process.env['TERMII_FC_SEED'] ?? 20_261_203);
const PARAMS = { numRuns: RUNS, seed: SEED, endOnFailure: true } as const;
const KEY = 'FCcampaignKey-8d2f0b';
const BOUNDARY = 'fc-boundary';

const value = fc.oneof(
  fc.string(),
  fc.stringMatching(/^[0-9]{1,16}$/),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.constantFrom('dnd', 'generic', 'plain', 'unicode', 'regular', 'personalized', 'scheduled', '01-01-2099 10:00'),
  fc.array(fc.string(), { maxLength: 2 }),
);

function hostileBody(fields: string[]): fc.Arbitrary<Record<string, unknown>> {
  return fc.dictionary(fc.constantFrom(...fields, '__proto__', 'extra'), value, { maxKeys: fields.length + 1 });
}

/** An emulator with one phonebook of two contacts; its id. */
function withPhonebook(): { emulator: TermiiEmulator; pid: string } {
  const emulator = new TermiiEmulator({ balance: 1_000_000_000, historyLimit: 50 });
  const post = (path: string, body: Record<string, unknown>) =>
    emulator.handle({ method: 'POST', path, headers: {}, body: JSON.stringify({ ...body, api_key: KEY }) });
  post('/api/phonebooks', { phonebook_name: 'Customers' });
  const listed = emulator.handle({ method: 'GET', path: `/api/phonebooks?api_key=${KEY}`, body: '' });
  if (listed.action !== 'respond') throw new Error('no answer');
  const pid = (JSON.parse(listed.response.body) as { content: { id: string }[] }).content[0].id;
  post(`/api/phonebooks/${pid}/contacts`, { phone_number: '2348109477743' });
  post(`/api/phonebooks/${pid}/contacts`, { phone_number: '2348109477744' });
  return { emulator, pid };
}

function expectJsonAnswer(reply: ReturnType<TermiiEmulator['handle']>): number {
  if (reply.action !== 'respond') throw new Error(`unexpected ${reply.action}`);
  expect([200, 400, 401, 404]).toContain(reply.response.status);
  expect(JSON.parse(reply.response.body)).toEqual(expect.objectContaining({ message: expect.any(String) }));
  return reply.response.status;
}

describe('the emulator under hostile campaign requests', () => {
  it.each([
    ['/api/phonebooks', ['phonebook_name', 'description']],
    ['/api/phonebooks/{pid}/contacts', ['phone_number', 'country_code', 'email_address', 'first_name', 'company']],
    [
      '/api/sms/campaigns/send',
      [
        'country_code',
        'sender_id',
        'message',
        'channel',
        'message_type',
        'phonebook_id',
        'campaign_type',
        'schedule_sms_status',
        'schedule_time',
      ],
    ],
  ] as const)('%s: a JSON { message } answer; a campaign reaches every contact or none', (template, fields) => {
    const { emulator, pid } = withPhonebook();
    const path = template.replace('{pid}', pid);
    fc.assert(
      fc.property(hostileBody([...fields]), fc.boolean(), (body, ownPhonebook) => {
        if (ownPhonebook && 'phonebook_id' in body) body['phonebook_id'] = pid;
        const before = emulator.messages.length;
        const reply = emulator.handle({
          method: 'POST',
          path,
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ ...body, api_key: KEY }),
        });
        const status = expectJsonAnswer(reply);
        const sent = emulator.messages.length - before;
        expect(sent === 0 || (sent === 2 && status === 200)).toBe(true);
        expect(JSON.stringify(emulator.requests.at(-1))).not.toContain(KEY);
      }),
      PARAMS,
    );
  });

  it('upload: any multipart content gets a JSON { message } answer, and is never recorded', () => {
    const { emulator, pid } = withPhonebook();
    const part = fc.record({
      name: fc.constantFrom('file', 'contact', 'other', ''),
      type: fc.constantFrom('application/json', 'text/csv', 'text/plain', undefined),
      content: fc.oneof(
        fc.string(),
        fc.constant(JSON.stringify({ pid, country_code: '234', api_key: KEY })),
        fc.constant(JSON.stringify({ pid: 'nope', country_code: 'x', api_key: KEY })),
        fc
          .array(fc.array(fc.oneof(fc.string(), fc.stringMatching(/^[0-9]{6,15}$/)), { maxLength: 3 }), {
            maxLength: 4,
          })
          .map((rows) => rows.map((row) => row.join(',')).join('\n')),
      ),
    });
    fc.assert(
      fc.property(fc.array(part, { maxLength: 3 }), fc.boolean(), (parts, closed) => {
        const body =
          parts
            .map(
              ({ name, type, content }) =>
                `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"\r\n` +
                (type === undefined ? '' : `Content-Type: ${type}\r\n`) +
                `\r\n${content}\r\n`,
            )
            .join('') + (closed ? `--${BOUNDARY}--\r\n` : '');
        const reply = emulator.handle({
          method: 'POST',
          path: '/api/phonebooks/contacts/upload',
          headers: { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
          body,
        });
        expectJsonAnswer(reply);
        expect(emulator.requests.at(-1)?.body).toBeUndefined();
        expect(JSON.stringify(emulator.requests.at(-1))).not.toContain(KEY);
      }),
      PARAMS,
    );
  });
});
