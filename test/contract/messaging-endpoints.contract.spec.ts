/**
 * The Messaging and Sender ID endpoints on both faces: the sandbox (HTTP) and the testing module (in memory)
 * answer every case alike, and leave the same outbox, wallet and registry behind.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { inMemoryFace, sandboxFace, type Observation, type TermiiFace } from './termii-faces.js';

const KEY = 'contract-key-messaging-4c1d';
const PHONE = '2348109477743';
const OTHER = '2348031234567';

const message = (overrides: Record<string, unknown> = {}) => ({
  api_key: KEY,
  to: PHONE,
  from: 'Acme',
  sms: 'Your order has shipped',
  type: 'plain',
  channel: 'dnd',
  ...overrides,
});

/** Random ids replaced by their kind, so that the two faces' answers compare equal. */
function stable(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value).replace(/"\d{19}"/g, '"<message id>"'));
}

interface ContractCase {
  name: string;
  run(face: TermiiFace): Promise<unknown[]>;
  expected: (observations: unknown[]) => void;
}

const cases: ContractCase[] = [
  {
    name: 'a message to two recipients: Termii’s current answer, two outbox entries with its id, both billed',
    run: async (face) => {
      const answer = await face.send('POST', '/api/sms/send', message({ to: [PHONE, OTHER] }));
      return [answer, face.handle.messages, face.handle.balance];
    },
    expected: ([answer, messages, balance]) => {
      const { status, body } = answer as Observation;
      expect(status).toBe(200);
      const id = (body as { message_id: string }).message_id;
      expect(body).toEqual({
        code: 'ok',
        balance: 992.2,
        message_id: id,
        message: 'Successfully Sent',
        user: 'Termii Sandbox',
        message_id_str: id,
      });
      expect((messages as { recipient: string; messageId: string }[]).map((m) => [m.recipient, m.messageId])).toEqual([
        [PHONE, id],
        [OTHER, id],
      ]);
      expect(balance).toBe(992.2);
    },
  },
  {
    name: 'a unicode text of 71 characters is two pages per recipient',
    run: async (face) => {
      await face.send('POST', '/api/sms/send', message({ sms: 'ẹ'.repeat(71), type: 'unicode' }));
      return [face.handle.lastMessage(PHONE), face.handle.balance];
    },
    expected: ([last, balance]) => {
      expect(last).toMatchObject({ pages: 2, cost: 7.8, messageType: 'unicode' });
      expect(balance).toBe(992.2);
    },
  },
  {
    name: 'bulk, the Number API and a WhatsApp template each answer and deliver',
    run: async (face) => [
      await face.send('POST', '/api/sms/send/bulk', message({ to: [PHONE, OTHER] })),
      await face.send('POST', '/api/sms/number/send', { api_key: KEY, to: OTHER, sms: 'From a Termii number' }),
      await face.send('POST', '/api/send/template', {
        api_key: KEY,
        phone_number: PHONE,
        device_id: 'dev-1',
        template_id: 'tpl-1',
        data: { name: 'Ada' },
      }),
      face.handle.messages.map((m) => [m.channel, m.recipient]),
    ],
    expected: ([bulk, fromNumber, template, outbox]) => {
      for (const answer of [bulk, fromNumber, template]) expect((answer as Observation).status).toBe(200);
      expect(outbox).toEqual([
        ['sms', PHONE],
        ['sms', OTHER],
        ['sms', OTHER],
        ['whatsapp', PHONE],
      ]);
    },
  },
  {
    name: 'Termii’s refusals: bad fields 400, a balance too low 400, a sender ID not approved 404',
    run: async (face) => {
      const invalid = await face.send('POST', '/api/sms/send', message({ channel: 'sms' }));
      face.handle.setBalance(3);
      const poor = await face.send('POST', '/api/sms/send', message());
      face.handle.setBalance(1000);
      face.handle.approveSenderId('Acme');
      const pending = await face.send('POST', '/api/sms/send', message({ from: 'Other' }));
      return [invalid, poor, pending, face.handle.messages.length];
    },
    expected: ([invalid, poor, pending, delivered]) => {
      expect(invalid).toEqual({ status: 400, body: { message: expect.stringContaining('channel must be one of') } });
      expect(poor).toEqual({ status: 400, body: { message: 'Insufficient balance' } });
      expect(pending).toEqual({ status: 404, body: { message: 'Invalid Sender Id' } });
      expect(delivered).toBe(0);
    },
  },
  {
    name: 'a sender-ID request adds a pending one, which the list shows in the Spring shape',
    run: async (face) => [
      await face.send('POST', '/api/sender-id/request', {
        api_key: KEY,
        sender_id: 'Acme',
        use_case: 'Your Acme code is 1234',
        usecase: 'Your Acme code is 1234',
        company: 'Acme Ltd',
      }),
      await face.send('GET', `/api/sender-id?api_key=${KEY}&status=pending`),
      await face.send('GET', `/api/sender-id?api_key=${KEY}`, undefined, { 'content-type': 'application/json' }),
    ],
    expected: ([requested, listed, typed]) => {
      expect(requested).toEqual({
        status: 200,
        body: { code: 'ok', message: 'Sender Id requested. You will be  contacted by your account manager.' },
      });
      expect(listed).toMatchObject({
        status: 200,
        body: {
          content: [{ sender_id: 'Acme', status: 'pending', company: 'Acme Ltd', usecase: 'Your Acme code is 1234' }],
          number: 0,
          size: 15,
          totalElements: 1,
          totalPages: 1,
          last: true,
        },
      });
      expect(typed).toEqual({ status: 200, body: undefined });
    },
  },
];

describe('Termii messaging and sender-ID endpoints: the sandbox and the testing module answer alike', () => {
  let faces: TermiiFace[];

  beforeAll(async () => {
    const clock = () => Date.UTC(2026, 0, 1);
    faces = [await sandboxFace({ apiKeys: [KEY], clock }), inMemoryFace({ apiKeys: [KEY], clock })];
  });
  beforeEach(() => {
    for (const face of faces) face.handle.reset();
  });
  afterAll(async () => {
    await Promise.all(faces.map((face) => face.close()));
  });

  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_name, contractCase) => {
    const [overHttp, inMemory] = [await contractCase.run(faces[0]), await contractCase.run(faces[1])];
    contractCase.expected(overHttp);
    contractCase.expected(inMemory);
    expect(stable(overHttp)).toEqual(stable(inMemory));
  });
});
