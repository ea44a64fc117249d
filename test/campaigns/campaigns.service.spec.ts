/**
 * PhonebookService, ContactService and CampaignService against a loopback server: the exact requests
 * (method, path, query string, body, multipart parts, headers), both page shapes and `nextPage`/`listAll`,
 * the retry rule (reads retried, writes never once connected), and the validation tables (nothing sent).
 */
import 'reflect-metadata';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { Test } from '@nestjs/testing';
import type { INestApplicationContext } from '@nestjs/common';
import { Readable } from 'node:stream';
import {
  CampaignService,
  ContactService,
  PhonebookService,
  TermiiApiError,
  TermiiConnectionError,
  TermiiInsufficientBalanceError,
  TermiiModule,
  TermiiResponseError,
  TermiiServerError,
  TermiiValidationError,
} from '../../lib/index.js';
import { reply, startScriptedServer, type RecordedRequest, type ScriptedServer } from '../support/scripted-server.js';

const API_KEY = 'TLcampaignsKey';
const PHONEBOOK_ID = 'f9c28de9-ab5a-4513-9c9f-338be8e442fd';
const CAMPAIGN_ID = 'C-8a1b2c';
/** A campaign message id as Termii writes them: ~90 digits, a bare JSON number. */
const LONG_ID = '3'.repeat(30) + '1234567890'.repeat(6);

interface Part {
  headers: Record<string, string>;
  content: string;
}

/** The parts of a recorded multipart request, read independently of the library. */
function partsOf(request: RecordedRequest): Part[] {
  const type = request.headers['content-type'] ?? '';
  const boundary = /boundary=([^;]+)/.exec(type)?.[1];
  if (boundary === undefined) throw new Error(`not multipart: ${type}`);
  const sections = request.text.split(`--${boundary}`);
  expect(sections[0]).toBe('');
  expect(sections.at(-1)).toBe('--\r\n');
  return sections.slice(1, -1).map((section) => {
    expect(section.startsWith('\r\n')).toBe(true);
    expect(section.endsWith('\r\n')).toBe(true);
    const text = section.slice(2, -2);
    const split = text.indexOf('\r\n\r\n');
    const headers: Record<string, string> = {};
    for (const line of text.slice(0, split).split('\r\n')) {
      const colon = line.indexOf(':');
      headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
    }
    return { headers, content: text.slice(split + 4) };
  });
}

describe('Campaign services against a loopback server', () => {
  let server: ScriptedServer;
  let app: INestApplicationContext;
  let phonebooks: PhonebookService;
  let contacts: ContactService;
  let campaigns: CampaignService;

  beforeAll(async () => {
    server = await startScriptedServer();
    const moduleRef = await Test.createTestingModule({
      imports: [TermiiModule.forRoot({ apiKey: API_KEY, baseUrl: server.url, maxRetries: 2, timeoutMs: 1_000 })],
    }).compile();
    app = await moduleRef.init();
    phonebooks = app.get(PhonebookService);
    contacts = app.get(ContactService);
    campaigns = app.get(CampaignService);
  });
  beforeEach(() => {
    server.requests.length = 0;
    server.handle((_req, res) => reply(res, 200, { message: 'ok' }));
  });
  afterAll(async () => {
    await app.close();
    await server.close();
  });

  const answer = (status: number, body: unknown) => server.handle((_req, res) => reply(res, status, body));
  const only = (): RecordedRequest => {
    expect(server.requests).toHaveLength(1);
    return server.requests[0];
  };
  const expectNoBody = (request: RecordedRequest) => {
    expect(request.text).toBe('');
    expect(request.headers['content-type']).toBeUndefined();
  };
  const expectJson = (request: RecordedRequest, method: string, path: string, text: string) => {
    expect(request.method).toBe(method);
    expect(request.path).toBe(path);
    expect(request.headers['content-type']).toMatch(/^application\/json/);
    expect(request.text).toBe(text);
  };

  describe('PhonebookService', () => {
    const SPRING = {
      content: [
        { id: 12, name: 'Customers', total_number_of_contacts: 3, date_created: '2021-06-28 14:20:54' },
        {
          id: PHONEBOOK_ID,
          name: 'Staff',
          total_number_of_contacts: '0',
          date_created: '2021-06-29',
          last_updated: '2021-07-01',
        },
      ],
      number: 0,
      size: 15,
      totalElements: 17,
      totalPages: 2,
      last: false,
    };

    it('list: GET /api/phonebooks?api_key, no body nor Content-Type; reads a Spring page', async () => {
      answer(200, SPRING);
      const page = await phonebooks.list();
      const request = only();
      expect(request.method).toBe('GET');
      expect(request.path).toBe(`/api/phonebooks?api_key=${API_KEY}`);
      expectNoBody(request);
      expect(page.items).toStrictEqual([
        { id: '12', name: 'Customers', totalContacts: 3, createdAt: '2021-06-28 14:20:54' },
        { id: PHONEBOOK_ID, name: 'Staff', totalContacts: 0, createdAt: '2021-06-29', updatedAt: '2021-07-01' },
      ]);
      expect(page).toMatchObject({ pageNumber: 0, totalItems: 17, hasNextPage: true });
    });

    it('nextPage asks for page = own number + 1, and a Laravel page reads too', async () => {
      answer(200, SPRING);
      const first = await phonebooks.list();
      answer(200, {
        current_page: 1,
        data: [{ id: 3, name: 'Leads', total_number_of_contacts: 9 }],
        last_page: 1,
        per_page: 15,
        total: 1,
      });
      const second = await first.nextPage();
      expect(server.requests[1].path).toBe(`/api/phonebooks?api_key=${API_KEY}&page=1`);
      expect(second?.items).toStrictEqual([{ id: '3', name: 'Leads', totalContacts: 9 }]);
      expect(second?.hasNextPage).toBe(false);
      expect(await second?.nextPage()).toBeUndefined();
    });

    it('listAll walks every page, one GET each', async () => {
      server.handle((req, res) => {
        const page = Number(new URL(req.path, 'http://x').searchParams.get('page') ?? '0');
        reply(res, 200, {
          content: [{ id: page, name: `Book ${page}`, total_number_of_contacts: page }],
          number: page,
          totalPages: 3,
        });
      });
      const all: string[] = [];
      for await (const phonebook of phonebooks.listAll()) all.push(phonebook.name);
      expect(all).toStrictEqual(['Book 0', 'Book 1', 'Book 2']);
      expect(server.requests.map((r) => r.path)).toStrictEqual([
        `/api/phonebooks?api_key=${API_KEY}`,
        `/api/phonebooks?api_key=${API_KEY}&page=1`,
        `/api/phonebooks?api_key=${API_KEY}&page=2`,
      ]);
    });

    it('a row without its contact count makes the answer unreadable (TermiiResponseError)', async () => {
      answer(200, { content: [{ id: 1, name: 'No count' }], number: 0, last: true });
      await expect(phonebooks.list()).rejects.toBeInstanceOf(TermiiResponseError);
    });

    it('a read is retried on 503, within maxRetries', async () => {
      let calls = 0;
      server.handle((_req, res) => (++calls < 3 ? reply(res, 503, { message: 'busy' }) : reply(res, 200, SPRING)));
      const page = await phonebooks.list();
      expect(page.items).toHaveLength(2);
      expect(server.requests).toHaveLength(3);
    });

    it('create: POST /api/phonebooks { api_key, phonebook_name, description }; no id in the answer', async () => {
      answer(200, { message: 'Phonebook added successfully' });
      const created = await phonebooks.create({ name: 'Customers', description: 'Paying customers' });
      expectJson(
        only(),
        'POST',
        '/api/phonebooks',
        `{"api_key":"${API_KEY}","phonebook_name":"Customers","description":"Paying customers"}`,
      );
      expect(created).toStrictEqual({ message: 'Phonebook added successfully' });
    });

    it('create without a description leaves it out', async () => {
      await phonebooks.create({ name: 'Customers' });
      expect(only().text).toBe(`{"api_key":"${API_KEY}","phonebook_name":"Customers"}`);
    });

    it('update: PATCH /api/phonebooks/{id} with the id encoded', async () => {
      await phonebooks.update('my book', { name: 'Renamed', description: 'd' });
      expectJson(
        only(),
        'PATCH',
        '/api/phonebooks/my%20book',
        `{"api_key":"${API_KEY}","phonebook_name":"Renamed","description":"d"}`,
      );
    });

    it('delete: DELETE /api/phonebooks/{id}?api_key, no body nor Content-Type; a 204 is fine', async () => {
      server.handle((_req, res) => {
        res.writeHead(204);
        res.end();
      });
      expect(await phonebooks.delete(PHONEBOOK_ID)).toStrictEqual({});
      const request = only();
      expect(request.method).toBe('DELETE');
      expect(request.path).toBe(`/api/phonebooks/${PHONEBOOK_ID}?api_key=${API_KEY}`);
      expectNoBody(request);
    });

    it.each([
      ['update', () => phonebooks.update(PHONEBOOK_ID, { name: 'x' })],
      ['delete', () => phonebooks.delete(PHONEBOOK_ID)],
      ['create', () => phonebooks.create({ name: 'x' })],
    ])('%s is a write: a 503 is not retried', async (_name, call) => {
      answer(503, { message: 'busy' });
      await expect(call()).rejects.toBeInstanceOf(TermiiServerError);
      expect(server.requests).toHaveLength(1);
    });

    it('delete is a write: a reset after the request was sent is not retried', async () => {
      server.handle((_req, res) => res.socket?.destroy());
      await expect(phonebooks.delete(PHONEBOOK_ID)).rejects.toMatchObject({
        name: 'TermiiConnectionError',
        operation: 'deletePhonebook',
        mayHaveReachedTermii: true,
        attempts: 1,
      });
      expect(server.requests).toHaveLength(1);
    });

    it('names each operation in its errors', async () => {
      answer(404, { message: 'Phonebook not found' });
      for (const [operation, call] of [
        ['listPhonebooks', () => phonebooks.list()],
        ['createPhonebook', () => phonebooks.create({ name: 'x' })],
        ['updatePhonebook', () => phonebooks.update('1', { name: 'x' })],
        ['deletePhonebook', () => phonebooks.delete('1')],
      ] as const) {
        const error = await (call() as Promise<unknown>).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(TermiiApiError);
        expect(error).toMatchObject({ operation, status: 404, termiiMessage: 'Phonebook not found' });
      }
    });
  });

  describe('ContactService', () => {
    it('list: GET /api/phonebooks/{id}/contacts?api_key; reads the current { headers, phonebook, data } answer', async () => {
      answer(200, {
        headers: ['phone_number', 'first_name', 'city'],
        phonebook: { id: PHONEBOOK_ID, name: 'Customers' },
        data: {
          content: [
            {
              id: 991,
              pid: PHONEBOOK_ID,
              phone_number: '2348109477743',
              contact_list_key_value: [
                { key: 'first_name', value: 'Ada' },
                { key: 'email_address', value: 'ada@example.com' },
                { key: 'city', value: 'Lagos' },
              ],
            },
          ],
          number: 0,
          totalElements: 1,
          totalPages: 1,
          last: true,
        },
      });
      const page = await contacts.list(PHONEBOOK_ID);
      const request = only();
      expect(request.method).toBe('GET');
      expect(request.path).toBe(`/api/phonebooks/${PHONEBOOK_ID}/contacts?api_key=${API_KEY}`);
      expectNoBody(request);
      expect(page.items).toStrictEqual([
        {
          id: '991',
          phoneNumber: '2348109477743',
          firstName: 'Ada',
          email: 'ada@example.com',
          fields: { first_name: 'Ada', email_address: 'ada@example.com', city: 'Lagos' },
        },
      ]);
      expect(page).toMatchObject({ pageNumber: 0, totalItems: 1, hasNextPage: false });
    });

    it('reads the older Laravel page of flat contacts, and asks for the next page', async () => {
      answer(200, {
        current_page: 1,
        data: [
          {
            id: 3647982,
            phone_number: '8123696237',
            email_address: 'test@gmail.com',
            first_name: 'Test',
            last_name: 'Termii',
            company: 'Termii',
            message: null,
            create_at: '2021-06-28 14:20:54',
          },
        ],
        last_page: 2,
        total: 2,
      });
      const page = await contacts.list('12');
      expect(page.items).toStrictEqual([
        {
          id: '3647982',
          phoneNumber: '8123696237',
          firstName: 'Test',
          lastName: 'Termii',
          email: 'test@gmail.com',
          company: 'Termii',
          fields: {
            email_address: 'test@gmail.com',
            first_name: 'Test',
            last_name: 'Termii',
            company: 'Termii',
            create_at: '2021-06-28 14:20:54',
          },
        },
      ]);
      answer(200, { current_page: 2, data: [], last_page: 2, total: 2 });
      await page.nextPage();
      expect(server.requests[1].path).toBe(`/api/phonebooks/12/contacts?api_key=${API_KEY}&page=2`);
    });

    it('add: POST /api/phonebooks/{id}/contacts with the documented fields', async () => {
      await contacts.add(PHONEBOOK_ID, {
        phoneNumber: '+234 810 947 7743',
        countryCode: '234',
        email: 'ada@example.com',
        firstName: 'Ada',
        lastName: 'Lovelace',
        company: 'Engines',
      });
      expectJson(
        only(),
        'POST',
        `/api/phonebooks/${PHONEBOOK_ID}/contacts`,
        `{"api_key":"${API_KEY}","phone_number":"2348109477743","country_code":"234","email_address":"ada@example.com",` +
          `"first_name":"Ada","last_name":"Lovelace","company":"Engines"}`,
      );
    });

    it('add sends only the fields given', async () => {
      await contacts.add(PHONEBOOK_ID, { phoneNumber: '08109477743', countryCode: '+234' });
      expect(only().text).toBe(`{"api_key":"${API_KEY}","phone_number":"08109477743","country_code":"234"}`);
    });

    const CSV = 'phone_number,first_name\r\n2348109477743,Ada\r\n2348109477744,Grace\r\n';

    it.each([
      ['a string', () => CSV],
      ['a Buffer', () => Buffer.from(CSV, 'utf8')],
      ['a Readable', () => Readable.from([Buffer.from(CSV.slice(0, 10)), CSV.slice(10)])],
    ])(
      'upload (%s): multipart with file (text/csv) and contact (application/json) holding pid, country_code and the key',
      async (_name, csv) => {
        answer(200, { message: 'Contacts upload in progress' });
        const uploaded = await contacts.upload(PHONEBOOK_ID, { csv: csv(), countryCode: '234' });
        expect(uploaded).toStrictEqual({ message: 'Contacts upload in progress', processedInBackground: true });
        const request = only();
        expect(request.method).toBe('POST');
        // The key is in no URL.
        expect(request.path).toBe('/api/phonebooks/contacts/upload');
        expect(request.headers['content-type']).toMatch(/^multipart\/form-data; boundary=nestjs-termii-[0-9a-f]{32}$/);
        const parts = partsOf(request);
        expect(parts).toStrictEqual([
          {
            headers: {
              'content-disposition': 'form-data; name="file"; filename="contacts.csv"',
              'content-type': 'text/csv',
            },
            content: CSV,
          },
          {
            headers: { 'content-disposition': 'form-data; name="contact"', 'content-type': 'application/json' },
            content: `{"pid":"${PHONEBOOK_ID}","country_code":"234","api_key":"${API_KEY}"}`,
          },
        ]);
        // The key only inside `contact`.
        expect(request.text.split(API_KEY)).toHaveLength(2);
        expect(parts[0].content).not.toContain(API_KEY);
      },
    );

    it('upload is a write: a 502 is not retried', async () => {
      answer(502, '<html>Bad gateway</html>');
      await expect(contacts.upload(PHONEBOOK_ID, { csv: CSV, countryCode: '234' })).rejects.toMatchObject({
        operation: 'uploadContacts',
        status: 502,
      });
      expect(server.requests).toHaveLength(1);
    });

    it('a stream larger than 10 MiB is refused before anything is sent', async () => {
      const chunk = Buffer.alloc(1024 * 1024, 0x61);
      const stream = Readable.from(Array.from({ length: 11 }, () => chunk));
      const error = await contacts.upload(PHONEBOOK_ID, { csv: stream, countryCode: '234' }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TermiiValidationError);
      expect((error as TermiiValidationError).issues).toStrictEqual([
        { property: 'csv', messages: ['csv must be at most 10485760 bytes'] },
      ]);
      expect(server.requests).toHaveLength(0);
    });

    it('an empty stream is refused before anything is sent', async () => {
      const error = await contacts
        .upload(PHONEBOOK_ID, { csv: Readable.from([]), countryCode: '234' })
        .catch((e: unknown) => e);
      expect((error as TermiiValidationError).issues).toStrictEqual([
        { property: 'csv', messages: ['csv must not be empty'] },
      ]);
      expect(server.requests).toHaveLength(0);
    });
  });

  describe('CampaignService', () => {
    const BASE = {
      phonebookId: PHONEBOOK_ID,
      senderId: 'Acme',
      message: 'Our sale starts today',
      channel: 'generic',
      type: 'plain',
      countryCode: '234',
      campaignType: 'regular',
    } as const;

    it('send now: POST /api/sms/campaigns/send, schedule_sms_status regular, no schedule_time', async () => {
      answer(200, { message: 'Your campaign has been successfully sent' });
      const sent = await campaigns.send(BASE);
      expectJson(
        only(),
        'POST',
        '/api/sms/campaigns/send',
        `{"api_key":"${API_KEY}","country_code":"234","sender_id":"Acme","message":"Our sale starts today",` +
          `"channel":"generic","message_type":"plain","phonebook_id":"${PHONEBOOK_ID}","campaign_type":"regular",` +
          `"schedule_sms_status":"regular","enable_link_tracking":false}`,
      );
      expect(sent).toStrictEqual({ message: 'Your campaign has been successfully sent' });
    });

    it('send scheduled: schedule_time in DD-MM-YYYY HH:mm, West Africa Time, seconds dropped', async () => {
      // 23:30:45 UTC on 31 December is 00:30 on 1 January in Lagos.
      const year = new Date().getUTCFullYear() + 1;
      const scheduleAt = new Date(`${year}-12-31T23:30:45Z`);
      await campaigns.send({
        ...BASE,
        channel: 'dnd',
        type: 'unicode',
        campaignType: 'personalized',
        scheduleAt,
        enableLinkTracking: true,
      });
      expect(only().json).toStrictEqual({
        api_key: API_KEY,
        country_code: '234',
        sender_id: 'Acme',
        message: 'Our sale starts today',
        channel: 'dnd',
        message_type: 'unicode',
        phonebook_id: PHONEBOOK_ID,
        campaign_type: 'personalized',
        schedule_sms_status: 'scheduled',
        schedule_time: `01-01-${year + 1} 00:30`,
        enable_link_tracking: true,
      });
    });

    it('send is a write: a 503 is not retried; "Insufficient balance" is its own error', async () => {
      answer(503, { message: 'busy' });
      await expect(campaigns.send(BASE)).rejects.toBeInstanceOf(TermiiServerError);
      expect(server.requests).toHaveLength(1);
      answer(400, { message: 'Insufficient balance' });
      await expect(campaigns.send(BASE)).rejects.toBeInstanceOf(TermiiInsufficientBalanceError);
    });

    it('list: GET /api/sms/campaigns?api_key; reads the documented rows', async () => {
      answer(200, {
        content: [
          {
            campaign_id: 'C-1',
            phone_book: 'Customers',
            sender: 'Acme',
            camp_type: 'regular',
            channel: 'generic',
            total_recipients: 2,
            run_at: '2026-12-01 10:00',
            status: 'Completed',
            created_at: '2026-12-01 09:00',
          },
          {
            campaign_id: 77,
            phone_book: 'Staff',
            sender: 'Acme',
            camp_type: 'personalized',
            channel: 'dnd',
            total_recipients: '5',
            status: 'Scheduled',
          },
        ],
        number: 0,
        last: true,
      });
      const page = await campaigns.list();
      const request = only();
      expect(request.path).toBe(`/api/sms/campaigns?api_key=${API_KEY}`);
      expectNoBody(request);
      expect(page.items).toStrictEqual([
        {
          id: 'C-1',
          phonebook: 'Customers',
          sender: 'Acme',
          type: 'regular',
          channel: 'generic',
          totalRecipients: 2,
          runAt: '2026-12-01 10:00',
          status: 'Completed',
          createdAt: '2026-12-01 09:00',
        },
        {
          id: '77',
          phonebook: 'Staff',
          sender: 'Acme',
          type: 'personalized',
          channel: 'dnd',
          totalRecipients: 5,
          status: 'Scheduled',
        },
      ]);
    });

    it('history: GET /api/sms/campaigns/{id}?api_key; a ~90-digit bare message_id is kept digit for digit', async () => {
      server.handle((_req, res) => {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(
          `{"current_page":1,"data":[{"id":1,"sender":"Acme","receiver":"2348109477743","message":"Hi",` +
            `"amount":"3.9","channel":"generic","sms_type":"plain","message_id":${LONG_ID},"status":"Delivered"}],` +
            `"last_page":1,"total":1}`,
        );
      });
      const page = await campaigns.history(CAMPAIGN_ID);
      const request = only();
      expect(request.path).toBe(`/api/sms/campaigns/${CAMPAIGN_ID}?api_key=${API_KEY}`);
      expectNoBody(request);
      expect(page.items).toStrictEqual([
        {
          receiver: '2348109477743',
          message: 'Hi',
          status: 'Delivered',
          amount: 3.9,
          channel: 'generic',
          messageId: LONG_ID,
        },
      ]);
      expect(LONG_ID).toHaveLength(90);
    });

    it('historyAll walks the pages of one campaign', async () => {
      server.handle((req, res) => {
        const page = Number(new URL(req.path, 'http://x').searchParams.get('page') ?? '0');
        reply(res, 200, {
          content: [{ receiver: `23480000000${page}`, message: 'Hi', status: 'Sent', message_id: `${page}` }],
          number: page,
          last: page === 1,
        });
      });
      const receivers: string[] = [];
      for await (const recipient of campaigns.historyAll('C 1')) receivers.push(recipient.receiver);
      expect(receivers).toStrictEqual(['234800000000', '234800000001']);
      expect(server.requests.map((r) => r.path)).toStrictEqual([
        `/api/sms/campaigns/C%201?api_key=${API_KEY}`,
        `/api/sms/campaigns/C%201?api_key=${API_KEY}&page=1`,
      ]);
    });

    it('retry: PATCH /api/sms/campaigns/{id} { api_key }; a write, a reset is not retried', async () => {
      await campaigns.retry(CAMPAIGN_ID);
      expectJson(only(), 'PATCH', `/api/sms/campaigns/${CAMPAIGN_ID}`, `{"api_key":"${API_KEY}"}`);
      server.requests.length = 0;
      server.handle((_req, res) => res.socket?.destroy());
      await expect(campaigns.retry(CAMPAIGN_ID)).rejects.toBeInstanceOf(TermiiConnectionError);
      expect(server.requests).toHaveLength(1);
    });

    it('a read (history) is retried after a reset', async () => {
      let calls = 0;
      server.handle((req, res) =>
        ++calls === 1 ? res.socket?.destroy() : reply(res, 200, { content: [], number: 0, last: true }),
      );
      expect((await campaigns.history(CAMPAIGN_ID)).items).toStrictEqual([]);
      expect(server.requests).toHaveLength(2);
    });
  });

  describe('bad input: TermiiValidationError naming the field, nothing sent', () => {
    const future = () => new Date(Date.now() + 3_600_000);
    const SEND = {
      phonebookId: PHONEBOOK_ID,
      senderId: 'Acme',
      message: 'Hi',
      channel: 'dnd',
      type: 'plain',
      countryCode: '234',
      campaignType: 'regular',
    } as const;
    const cases: [string, () => Promise<unknown>, string, string][] = [
      ['update: an id with /', () => phonebooks.update('a/b', { name: 'x' }), 'phonebookId', 'must not contain "/"'],
      ['update: an id with ?', () => phonebooks.update('a?b', { name: 'x' }), 'phonebookId', 'must not contain "?"'],
      ['delete: an id with #', () => phonebooks.delete('a#b'), 'phonebookId', 'must not contain "#"'],
      ['delete: ..', () => phonebooks.delete('..'), 'phonebookId', 'must not contain ".."'],
      ['contacts list: an id with /', () => contacts.list('../x'), 'phonebookId', 'must not contain "/"'],
      ['add: an id with ?', () => contacts.add('a?b', { phoneNumber: '2348109477743' }), 'phonebookId', '"?"'],
      ['upload: an id with ..', () => contacts.upload('..', { csv: 'a', countryCode: '234' }), 'phonebookId', '".."'],
      ['history: an id with /', () => campaigns.history('a/b'), 'campaignId', 'must not contain "/"'],
      ['retry: an id with #', () => campaigns.retry('#'), 'campaignId', 'must not contain "#"'],
      ['retry: an empty id', () => campaigns.retry(''), 'campaignId', 'must not be empty'],
      ['create: no name', () => phonebooks.create({} as never), 'name', 'name must be a string'],
      ['create: a blank name', () => phonebooks.create({ name: '   ' }), 'name', 'name must not be blank'],
      ['create: a long name', () => phonebooks.create({ name: 'x'.repeat(101) }), 'name', 'at most 100'],
      [
        'create: a long description',
        () => phonebooks.create({ name: 'x', description: 'd'.repeat(501) }),
        'description',
        'at most 500',
      ],
      [
        'create: an unknown field',
        () => phonebooks.create({ name: 'x', api_key: 'k' } as never),
        'api_key',
        'should not exist',
      ],
      ['update: no name', () => phonebooks.update('1', { description: 'd' } as never), 'name', 'name must be a string'],
      ['add: a bad number', () => contacts.add('1', { phoneNumber: '12ab' }), 'phoneNumber', '6 to 15 digits'],
      [
        'add: a bad country code',
        () => contacts.add('1', { phoneNumber: '2348109477743', countryCode: '0234' }),
        'countryCode',
        '1 to 3 digits',
      ],
      [
        'add: a bad email',
        () => contacts.add('1', { phoneNumber: '2348109477743', email: 'nope' }),
        'email',
        'email address',
      ],
      [
        'add: a long company',
        () => contacts.add('1', { phoneNumber: '2348109477743', company: 'c'.repeat(101) }),
        'company',
        'at most 100',
      ],
      [
        'upload: no country code',
        () => contacts.upload('1', { csv: 'a' } as never),
        'countryCode',
        'country calling code',
      ],
      ['upload: an empty csv', () => contacts.upload('1', { csv: '', countryCode: '234' }), 'csv', 'must not be empty'],
      [
        'upload: a csv of the wrong type',
        () => contacts.upload('1', { csv: 42, countryCode: '234' } as never),
        'csv',
        'a string, a Buffer or a Readable',
      ],
      [
        'upload: an unknown field',
        () => contacts.upload('1', { csv: 'a', countryCode: '234', pid: '2' } as never),
        'pid',
        'should not exist',
      ],
      ['send: no phonebookId', () => campaigns.send({ ...SEND, phonebookId: '' }), 'phonebookId', 'must not be empty'],
      ['send: a bad sender ID', () => campaigns.send({ ...SEND, senderId: 'AB' }), 'senderId', 'sender ID of 3 to 11'],
      ['send: an empty message', () => campaigns.send({ ...SEND, message: '' }), 'message', 'must not be empty'],
      [
        'send: a long message',
        () => campaigns.send({ ...SEND, message: 'm'.repeat(1_601) }),
        'message',
        'at most 1600',
      ],
      [
        'send: a bad channel',
        () => campaigns.send({ ...SEND, channel: 'whatsapp' } as never),
        'channel',
        'dnd or generic',
      ],
      ['send: a bad type', () => campaigns.send({ ...SEND, type: 'voice' } as never), 'type', 'plain or unicode'],
      [
        'send: a bad campaign type',
        () => campaigns.send({ ...SEND, campaignType: 'x' } as never),
        'campaignType',
        'regular or personalized',
      ],
      [
        'send: no country code',
        () => campaigns.send({ ...SEND, countryCode: undefined } as never),
        'countryCode',
        'country calling code',
      ],
      [
        'send: scheduleAt in the past',
        () => campaigns.send({ ...SEND, scheduleAt: new Date(Date.now() - 60_000) }),
        'scheduleAt',
        'a time to come',
      ],
      [
        'send: scheduleAt within this minute',
        () => campaigns.send({ ...SEND, scheduleAt: new Date(Math.floor(Date.now() / 60_000) * 60_000 + 59_999) }),
        'scheduleAt',
        'next whole minute',
      ],
      [
        'send: scheduleAt not a Date',
        () => campaigns.send({ ...SEND, scheduleAt: future().toISOString() } as never),
        'scheduleAt',
        'must be a Date',
      ],
      [
        'send: scheduleAt an invalid Date',
        () => campaigns.send({ ...SEND, scheduleAt: new Date(Number.NaN) }),
        'scheduleAt',
        'a time to come',
      ],
      [
        'send: link tracking not a boolean',
        () => campaigns.send({ ...SEND, enableLinkTracking: 'yes' } as never),
        'enableLinkTracking',
        'boolean',
      ],
    ];

    it.each(cases)('%s', async (_name, call, property, why) => {
      const error = await call().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TermiiValidationError);
      const issue = (error as TermiiValidationError).issues.find((i) => i.property === property);
      expect(issue?.messages.join('; ')).toContain(why);
      expect(server.requests).toHaveLength(0);
    });

    it('listAll and historyAll refuse a bad id at once', () => {
      expect(() => contacts.listAll('a/b')).toThrow(TermiiValidationError);
      expect(() => campaigns.historyAll('a?b')).toThrow(TermiiValidationError);
      expect(server.requests).toHaveLength(0);
    });
  });
});
