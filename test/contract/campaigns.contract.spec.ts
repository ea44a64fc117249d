/**
 * The Campaign endpoints answer alike on both faces of the emulator (the sandbox over HTTP, the testing
 * module in memory), raw wire to raw wire: phonebooks, a multipart upload, a scheduled campaign played
 * when the clock moves, its history, and the refusals.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { inMemoryFace, sandboxFace, type Observation, type TermiiFace } from './termii-faces.js';

const KEY = 'contract-key-campaigns';
/** The faces' fixed clock: 00:00 UTC on 1 January 2026 is 01:00 in Lagos (WAT). */
const NOW = Date.UTC(2026, 0, 1);
const BOUNDARY = 'contract-boundary-1';

/** A raw `multipart/form-data` upload, as any HTTP client would write it. */
function uploadBody(pid: string, csv: string, contactType = 'application/json'): string {
  return (
    `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="c.csv"\r\nContent-Type: text/csv\r\n\r\n${csv}\r\n` +
    `--${BOUNDARY}\r\nContent-Disposition: form-data; name="contact"\r\nContent-Type: ${contactType}\r\n\r\n` +
    `${JSON.stringify({ pid, country_code: '234', api_key: KEY })}\r\n--${BOUNDARY}--\r\n`
  );
}

const campaign = (overrides: Record<string, unknown>) => ({
  api_key: KEY,
  country_code: '234',
  sender_id: 'Acme',
  message: 'Doors open at 9',
  channel: 'dnd',
  message_type: 'plain',
  campaign_type: 'regular',
  schedule_sms_status: 'scheduled',
  schedule_time: '01-01-2026 01:10',
  enable_link_tracking: false,
  ...overrides,
});

async function scenario(face: TermiiFace): Promise<Observation[]> {
  face.handle.reset();
  const seen: Observation[] = [];
  const send = async (method: string, path: string, body?: unknown, headers?: Record<string, string>) => {
    const observation = await face.send(method, path, body, headers);
    seen.push(observation);
    return observation;
  };
  await send('POST', '/api/phonebooks', { api_key: KEY, phonebook_name: 'Customers', description: 'All' });
  const listed = await send('GET', `/api/phonebooks?api_key=${KEY}`);
  const pid = (listed.body as { content: { id: string }[] }).content[0].id;
  const multipart = { 'content-type': `multipart/form-data; boundary=${BOUNDARY}` };
  await send('POST', '/api/phonebooks/contacts/upload', uploadBody(pid, 'phone_number\n08109477743\n'), multipart);
  await send('POST', '/api/phonebooks/contacts/upload', uploadBody(pid, 'x\n1\n', 'text/plain'), multipart);
  await send('POST', `/api/phonebooks/${pid}/contacts`, {
    api_key: KEY,
    phone_number: '8109477744',
    country_code: '234',
  });
  await send('GET', `/api/phonebooks/${pid}/contacts?api_key=${KEY}`);
  await send('POST', '/api/sms/campaigns/send', campaign({ phonebook_id: pid, schedule_time: '01-01-2026 01:00' }));
  await send('POST', '/api/sms/campaigns/send', campaign({ phonebook_id: pid }));
  const campaigns = await send('GET', `/api/sms/campaigns?api_key=${KEY}`);
  const id = (campaigns.body as { content: { campaign_id: string }[] }).content[0].campaign_id;
  face.advanceClock(10 * 60_000);
  await send('GET', `/api/sms/campaigns?api_key=${KEY}`);
  await send('GET', `/api/sms/campaigns/${id}?api_key=${KEY}`);
  await send('PATCH', `/api/sms/campaigns/${id}`, { api_key: KEY });
  await send('DELETE', `/api/phonebooks/${pid}?api_key=${KEY}`);
  await send('DELETE', `/api/phonebooks/${pid}?api_key=${KEY}`);
  return seen;
}

/** Random parts (ids, message ids) replaced by their kind, so that the two faces' answers compare equal. */
function stable(observations: Observation[]): unknown {
  return JSON.parse(
    JSON.stringify(observations)
      .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '<uuid>')
      .replace(/"message_id":"\d+"/g, '"message_id":"<id>"'),
  );
}

describe('Campaign endpoints: the sandbox and the testing module answer alike', () => {
  let faces: TermiiFace[];

  beforeAll(async () => {
    const clock = () => NOW;
    faces = [await sandboxFace({ apiKeys: [KEY], clock }), inMemoryFace({ apiKeys: [KEY], clock })];
  });
  afterAll(async () => {
    await Promise.all(faces.map((face) => face.close()));
  });

  it('phonebooks, an upload, a scheduled campaign played by the clock, its history, and the refusals', async () => {
    const [overHttp, inMemory] = [await scenario(faces[0]), await scenario(faces[1])];
    for (const seen of [overHttp, inMemory]) {
      expect(seen.map((o) => o.status)).toStrictEqual([
        200, 200, 200, 400, 200, 200, 400, 200, 200, 200, 200, 400, 200, 404,
      ]);
      expect(seen[3].body).toStrictEqual({ message: 'The contact field is required' });
      expect(seen[6].body).toStrictEqual({ message: 'schedule_time must be in the future' });
      expect(seen[7].body).toStrictEqual({ message: 'Your campaign has been scheduled' });
      const contacts = seen[5].body as {
        headers: string[];
        data: { content: { phone_number: string }[]; totalElements: number };
      };
      expect(contacts.headers).toStrictEqual(['phone_number']);
      expect(contacts.data.content.map((c) => c.phone_number)).toStrictEqual(['2348109477743', '2348109477744']);
      expect((seen[8].body as { content: { status: string }[] }).content[0].status).toBe('Scheduled');
      expect((seen[9].body as { content: unknown[] }).content[0]).toMatchObject({
        phone_book: 'Customers',
        sender: 'Acme',
        camp_type: 'regular',
        channel: 'dnd',
        total_recipients: 2,
        status: 'Completed',
        run_at: '2026-01-01T00:10:00.000Z',
        created_at: '2026-01-01T00:00:00.000Z',
      });
      const history = (seen[10].body as { content: Record<string, unknown>[] }).content;
      expect(history.map((row) => [row['receiver'], row['message'], row['status'], row['amount']])).toStrictEqual([
        ['2348109477743', 'Doors open at 9', 'Message Sent', 3.9],
        ['2348109477744', 'Doors open at 9', 'Message Sent', 3.9],
      ]);
      expect(seen[11].body).toStrictEqual({ message: 'The campaign has no failed messages to retry' });
    }
    expect(stable(overHttp)).toEqual(stable(inMemory));
  });
});
