import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { inMemoryFace, sandboxFace, type Observation, type TermiiFace } from './termii-faces.js';

const KEY = 'contract-key-7f3a';
const PHONE = '2348109477743';
const GENERATE = '/api/sms/otp/generate';
const VERIFY = '/api/sms/otp/verify';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

const generateBody = (overrides: Record<string, unknown> = {}) => ({
  api_key: KEY,
  pin_type: 'NUMERIC',
  phone_number: PHONE,
  pin_attempts: 3,
  pin_time_to_live: 5,
  pin_length: 6,
  ...overrides,
});

interface Token {
  pinId: string;
  otp: string;
}

async function generate(face: TermiiFace, overrides: Record<string, unknown> = {}): Promise<Token> {
  const { status, body } = await face.send('POST', GENERATE, generateBody(overrides));
  expect(status).toBe(200);
  const data = (body as { data: { pin_id: string; otp: string } }).data;
  return { pinId: data.pin_id, otp: data.otp };
}

const verify = (face: TermiiFace, pinId: string, pin: string, apiKey: string = KEY) =>
  face.send('POST', VERIFY, { api_key: apiKey, pin_id: pinId, pin });

/** A PIN of the same length that is surely not `otp`. */
const wrong = (otp: string) => otp.replace(/./g, (c) => (c === '1' ? '2' : '1'));

/** Random parts (ids, PINs) replaced by their kind, so that the two faces' answers compare equal. */
function stable(observations: Observation[]): unknown {
  return JSON.parse(
    JSON.stringify(observations)
      .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '<uuid>')
      .replace(/"otp":"[A-Z0-9]+"/g, '"otp":"<otp>"'),
  );
}

interface ContractCase {
  name: string;
  run(face: TermiiFace): Promise<Observation[]>;
  expected: (observations: Observation[]) => void;
}

const cases: ContractCase[] = [
  {
    name: 'generate answers the documented body with a UUID pin_id and a numeric PIN of the asked length',
    run: async (face) => [await face.send('POST', GENERATE, generateBody({ pin_length: 4 }))],
    expected: ([generated]) => {
      expect(generated).toEqual({
        status: 200,
        body: {
          status: 'success',
          data: {
            pin_id: expect.stringMatching(UUID),
            otp: expect.stringMatching(/^\d{4}$/),
            phone_number: PHONE,
            phone_number_other: 'Termii',
          },
        },
      });
    },
  },
  {
    name: 'an ALPHANUMERIC PIN has the asked length and only letters and digits',
    run: async (face) => [await face.send('POST', GENERATE, generateBody({ pin_type: 'ALPHANUMERIC', pin_length: 8 }))],
    expected: ([generated]) => {
      expect((generated.body as { data: { otp: string } }).data.otp).toMatch(/^[A-Z0-9]{8}$/);
    },
  },
  {
    name: 'the right PIN verifies once ("True"), then answers 400 "Expired"',
    run: async (face) => {
      const { pinId, otp } = await generate(face);
      return [await verify(face, pinId, otp), await verify(face, pinId, otp)];
    },
    expected: ([first, second]) => {
      expect(first).toEqual({
        status: 200,
        body: { pinId: expect.stringMatching(UUID), verified: 'True', msisdn: PHONE },
      });
      expect(second).toEqual({
        status: 400,
        body: { pinId: expect.stringMatching(UUID), verified: 'Expired', msisdn: PHONE },
      });
    },
  },
  {
    name: 'each wrong PIN spends an attempt (verified: false); when they run out even the right PIN is "Expired"',
    run: async (face) => {
      const { pinId, otp } = await generate(face, { pin_attempts: 2 });
      return [
        await verify(face, pinId, wrong(otp)),
        await verify(face, pinId, wrong(otp)),
        await verify(face, pinId, otp),
      ];
    },
    expected: ([first, second, third]) => {
      expect(first).toMatchObject({ status: 200, body: { verified: false, msisdn: PHONE } });
      expect(second).toMatchObject({ status: 200, body: { verified: false } });
      expect(third).toMatchObject({ status: 400, body: { verified: 'Expired' } });
    },
  },
  {
    name: 'a wrong PIN with attempts left does not stop the right one',
    run: async (face) => {
      const { pinId, otp } = await generate(face, { pin_attempts: 2 });
      return [await verify(face, pinId, wrong(otp)), await verify(face, pinId, otp)];
    },
    expected: ([first, second]) => {
      expect(first).toMatchObject({ status: 200, body: { verified: false } });
      expect(second).toMatchObject({ status: 200, body: { verified: 'True' } });
    },
  },
  {
    name: 'the PIN is valid until its time to live passes, then "Expired"',
    run: async (face) => {
      const early = await generate(face, { pin_time_to_live: 1 });
      const late = await generate(face, { pin_time_to_live: 1 });
      face.advanceClock(59_999);
      const inTime = await verify(face, early.pinId, early.otp);
      face.advanceClock(1);
      return [inTime, await verify(face, late.pinId, late.otp)];
    },
    expected: ([inTime, tooLate]) => {
      expect(inTime).toMatchObject({ status: 200, body: { verified: 'True' } });
      expect(tooLate).toMatchObject({ status: 400, body: { verified: 'Expired' } });
    },
  },
  {
    name: 'pin_time_to_live 0 means no time limit',
    run: async (face) => {
      const { pinId, otp } = await generate(face, { pin_time_to_live: 0 });
      face.advanceClock(24 * 60 * 60_000);
      return [await verify(face, pinId, otp)];
    },
    expected: ([late]) => expect(late).toMatchObject({ status: 200, body: { verified: 'True' } }),
  },
  {
    name: 'an unknown pin_id answers 422 with no "verified"',
    run: async (face) => [await verify(face, '00000000-0000-4000-8000-000000000000', '1234')],
    expected: ([unknown]) => {
      expect(unknown.status).toBe(422);
      expect(unknown.body).toEqual({ message: expect.any(String) });
    },
  },
  {
    name: 'a key the server does not accept, or none, answers 401 on both endpoints',
    run: async (face) => {
      const { pinId, otp } = await generate(face);
      const { api_key: _dropped, ...noKey } = generateBody();
      return [
        await face.send('POST', GENERATE, generateBody({ api_key: 'not-a-known-key' })),
        await face.send('POST', GENERATE, noKey),
        await face.send('POST', GENERATE, generateBody({ api_key: '' })),
        await verify(face, pinId, otp, 'not-a-known-key'),
      ];
    },
    expected: (answers) => {
      for (const answer of answers) expect(answer).toEqual({ status: 401, body: { message: 'Unauthorized' } });
    },
  },
  {
    name: 'a request the rules refuse answers 400 { message } naming the field',
    run: async (face) => {
      const bodies: Record<string, unknown>[] = [
        generateBody({ pin_type: 'NUMBERS' }),
        generateBody({ pin_type: undefined }),
        generateBody({ phone_number: '08109477743' }),
        generateBody({ phone_number: '+2348109477743' }),
        generateBody({ phone_number: undefined }),
        generateBody({ pin_attempts: 0 }),
        generateBody({ pin_attempts: 1.5 }),
        generateBody({ pin_time_to_live: 61 }),
        generateBody({ pin_time_to_live: -1 }),
        generateBody({ pin_length: 3 }),
        generateBody({ pin_length: 9 }),
        generateBody({ pin_length: undefined }),
      ];
      const answers: Observation[] = [];
      for (const body of bodies) answers.push(await face.send('POST', GENERATE, body));
      answers.push(await face.send('POST', VERIFY, { api_key: KEY, pin: '1234' }));
      answers.push(await face.send('POST', VERIFY, { api_key: KEY, pin_id: 'x' }));
      answers.push(await face.send('POST', GENERATE, '{ not json'));
      return answers;
    },
    expected: (answers) => {
      const fields = [
        'pin_type',
        'pin_type',
        'phone_number',
        'phone_number',
        'phone_number',
        'pin_attempts',
        'pin_attempts',
        'pin_time_to_live',
        'pin_time_to_live',
        'pin_length',
        'pin_length',
        'pin_length',
        'pin_id',
        'pin',
        'JSON',
      ];
      expect(answers).toHaveLength(fields.length);
      answers.forEach((answer, i) => {
        expect(answer.status).toBe(400);
        expect((answer.body as { message: string }).message).toContain(fields[i]);
      });
    },
  },
  {
    name: 'integers written as digit strings are accepted',
    run: async (face) => [
      await face.send('POST', GENERATE, generateBody({ pin_attempts: '3', pin_time_to_live: '1', pin_length: '5' })),
    ],
    expected: ([generated]) => expect((generated.body as { data: { otp: string } }).data.otp).toMatch(/^\d{5}$/),
  },
  {
    name: 'an unknown path answers 404 and another method 405',
    run: async (face) => [
      await face.send('POST', '/api/sms/otp/unknown', generateBody()),
      await face.send('GET', GENERATE),
    ],
    expected: ([notFound, wrongMethod]) => {
      expect(notFound.status).toBe(404);
      expect(wrongMethod.status).toBe(405);
    },
  },
];

describe('Termii token endpoints: the sandbox and the testing module answer alike', () => {
  let faces: TermiiFace[];

  beforeAll(async () => {
    // A clock that only moves when a case moves it, so that time to live is exact on both faces.
    const clock = () => Date.UTC(2026, 0, 1);
    faces = [await sandboxFace({ apiKeys: [KEY], clock }), inMemoryFace({ apiKeys: [KEY], clock })];
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
