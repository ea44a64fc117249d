/**
 * InsightsService's Search, Status and History against a real loopback server: the exact query string (key
 * and parameters, nothing else), no body and no `Content-Type`; Termii's documented samples mapped field by
 * field; ids beyond 2^53 kept digit for digit; empty or malformed 2xx answers; retries; bad input refused
 * with nothing sent.
 */
import 'reflect-metadata';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { Test } from '@nestjs/testing';
import type { ServerResponse } from 'node:http';
import {
  InsightsService,
  TermiiModule,
  TermiiResponseError,
  TermiiServerError,
  TermiiTimeoutError,
  TermiiValidationError,
  type TermiiModuleOptions,
} from '../../lib/index.js';
import { reply, startScriptedServer, type ScriptedServer } from '../support/scripted-server.js';

const API_KEY = 'TLinsights+key/with=odd&chars';
const KEY_QUERY = `api_key=${encodeURIComponent(API_KEY)}`;

/** Termii's documented Search answer. */
const DOCUMENTED_SEARCH = {
  number: '2347089509657',
  status: 'DND blacklisted',
  network: 'Airtel Nigeria',
  network_code: '62120',
};
/** Termii's documented Status answer. */
const DOCUMENTED_STATUS = {
  result: [
    {
      routeDetail: { number: '2348753243651', ported: 0 },
      countryDetail: { countryCode: '234', mobileCountryCode: '621', iso: 'NG' },
      operatorDetail: {
        operatorCode: 'ANG',
        operatorName: 'Airtel Nigeria',
        mobileNumberCode: '20',
        mobileRoutingCode: '41',
        carrierIdentificationCode: '23433',
        lineType: 'Mobile',
      },
      status: 200,
    },
  ],
};
/** Termii's documented History row, and a voice row (no `sender`). */
const DOCUMENTED_ROW = {
  sender: 'Acme',
  receiver: '2348109477743',
  message: 'Your code is 482193',
  amount: 1.0,
  reroute: 0,
  status: 'Delivered',
  sms_type: 'generic',
  send_by: 'api',
  message_id: '3017545719517588296261695',
  created_at: '2025-08-07 14:05:53',
};
const VOICE_ROW = {
  receiver: '2348031234567',
  message: 'Your code is 1 2 3 4',
  amount: 5,
  reroute: 0,
  status: 'Failed',
  sms_type: 'voice',
  send_by: 'api',
  message_id: '3017545719517588296261696',
  created_at: '2025-08-07 14:06:01',
};

describe('InsightsService: Search, Status, History', () => {
  let server: ScriptedServer;

  beforeAll(async () => {
    server = await startScriptedServer();
  });
  afterAll(() => server.close());
  beforeEach(() => {
    server.requests.length = 0;
  });

  async function withInsights<T>(
    run: (insights: InsightsService) => Promise<T>,
    options: Partial<TermiiModuleOptions> = {},
  ): Promise<T> {
    const moduleRef = await Test.createTestingModule({
      imports: [TermiiModule.forRoot({ apiKey: API_KEY, baseUrl: server.url, ...options })],
    }).compile();
    const app = await moduleRef.init();
    try {
      return await run(app.get(InsightsService));
    } finally {
      await app.close();
    }
  }

  /** The one request the server saw: a GET of exactly `path`, with no body and no Content-Type. */
  function expectOneGet(path: string): void {
    expect(server.requests).toHaveLength(1);
    const [request] = server.requests;
    expect(request.method).toBe('GET');
    expect(request.path).toBe(path);
    expect(request.headers['content-type']).toBeUndefined();
    expect(request.headers['content-length'] ?? '0').toBe('0');
    expect(request.text).toBe('');
  }

  describe('searchNumber', () => {
    it('GETs /api/check/dnd?api_key&phone_number (normalised) and maps the documented answer field by field', async () => {
      server.handle((_req, res) => reply(res, 200, DOCUMENTED_SEARCH));
      const search = await withInsights((insights) => insights.searchNumber('+234 708-950 9657'));
      expectOneGet(`/api/check/dnd?${KEY_QUERY}&phone_number=2347089509657`);
      expect(search).toEqual({
        number: '2347089509657',
        network: 'Airtel Nigeria',
        networkCode: '62120',
        rawStatus: 'DND blacklisted',
        dnd: 'active',
      });
    });

    it.each([
      ['DND blacklisted', 'active'],
      ['dnd BLACKLISTED ', 'active'],
      ['DND not active on phone number', 'inactive'],
      ['DND  Not Active on Phone Number', 'inactive'],
      ['DND Active on Phone Number', 'unknown'],
      ['Number is valid', 'unknown'],
    ])('reads status %j as dnd %s, keeping the raw text', async (status, dnd) => {
      server.handle((_req, res) => reply(res, 200, { number: '2348031234567', status }));
      await expect(withInsights((insights) => insights.searchNumber('2348031234567'))).resolves.toEqual({
        number: '2348031234567',
        rawStatus: status,
        dnd,
      });
    });

    it('reads a numeric number and network code as text', async () => {
      server.handle((_req, res) =>
        reply(res, 200, {
          number: 2348031234567,
          status: 'DND blacklisted',
          network: 'MTN Nigeria',
          network_code: 62130,
        }),
      );
      await expect(withInsights((insights) => insights.searchNumber('2348031234567'))).resolves.toEqual({
        number: '2348031234567',
        network: 'MTN Nigeria',
        networkCode: '62130',
        rawStatus: 'DND blacklisted',
        dnd: 'active',
      });
    });

    it.each([
      ['an empty 200', (res: ServerResponse) => reply(res, 200, '')],
      ['an HTML 200', (res: ServerResponse) => reply(res, 200, '<html></html>')],
      ['no status', (res: ServerResponse) => reply(res, 200, { number: '2348031234567', network: 'MTN' })],
      ['no number', (res: ServerResponse) => reply(res, 200, { status: 'success' })],
      ['a blank status', (res: ServerResponse) => reply(res, 200, { number: '2348031234567', status: ' ' })],
      ['a JSON array', (res: ServerResponse) => reply(res, 200, [DOCUMENTED_SEARCH])],
    ])('rejects %s with TermiiResponseError, once', async (_name, answer) => {
      server.handle((_req, res) => answer(res));
      const error = await withInsights((insights) => insights.searchNumber('2348031234567')).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TermiiResponseError);
      expect(error).toMatchObject({ operation: 'searchNumber', status: 200 });
      expect(server.requests).toHaveLength(1);
    });

    it.each([
      ['a local number', '08031234567', 'without the leading 0'],
      ['letters', 'call me', 'international phone number'],
      ['a number', 2348031234567, 'must be a string'],
      ['nothing', undefined, 'must be a string'],
    ])('refuses %s with TermiiValidationError naming phoneNumber, sending nothing', async (_name, value, why) => {
      server.handle((_req, res) => reply(res, 200, DOCUMENTED_SEARCH));
      const error = await withInsights((insights) => insights.searchNumber(value as string)).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TermiiValidationError);
      const { issues } = error as TermiiValidationError;
      expect(issues.map((issue) => issue.property)).toEqual(['phoneNumber']);
      expect(issues[0].messages.join(' ')).toContain(why);
      expect(server.requests).toHaveLength(0);
    });
  });

  describe('getNumberStatus', () => {
    it('GETs /api/insight/number/query?api_key&phone_number&country_code and maps the documented answer field by field', async () => {
      server.handle((_req, res) => reply(res, 200, DOCUMENTED_STATUS));
      const status = await withInsights((insights) =>
        insights.getNumberStatus({ phoneNumber: '+234 875 324 3651', countryCode: 'ng' }),
      );
      expectOneGet(`/api/insight/number/query?${KEY_QUERY}&phone_number=2348753243651&country_code=NG`);
      expect(status).toEqual({
        number: '2348753243651',
        ported: false,
        countryCode: '234',
        iso: 'NG',
        mobileCountryCode: '621',
        operatorName: 'Airtel Nigeria',
        operatorCode: 'ANG',
        mobileNetworkCode: '20',
        lineType: 'Mobile',
      });
    });

    it.each([
      [1, true],
      ['1', true],
      [true, true],
      [0, false],
      ['0', false],
      [false, false],
    ])('reads ported %j as %s', async (ported, expected) => {
      server.handle((_req, res) => reply(res, 200, { result: [{ routeDetail: { number: '2348031234567', ported } }] }));
      await expect(
        withInsights((insights) => insights.getNumberStatus({ phoneNumber: '2348031234567', countryCode: 'NG' })),
      ).resolves.toEqual({ number: '2348031234567', ported: expected });
    });

    it.each([
      ['an empty 200', (res: ServerResponse) => reply(res, 200, '')],
      ['no result', (res: ServerResponse) => reply(res, 200, { status: 200 })],
      ['an empty result', (res: ServerResponse) => reply(res, 200, { result: [] })],
      [
        'a result that is not an array',
        (res: ServerResponse) => reply(res, 200, { result: DOCUMENTED_STATUS.result[0] }),
      ],
      ['no routeDetail', (res: ServerResponse) => reply(res, 200, { result: [{ countryDetail: {}, status: 200 }] })],
      [
        'an unreadable ported',
        (res: ServerResponse) =>
          reply(res, 200, { result: [{ routeDetail: { number: '2348031234567', ported: 'maybe' } }] }),
      ],
    ])('rejects %s with TermiiResponseError', async (_name, answer) => {
      server.handle((_req, res) => answer(res));
      const error = await withInsights((insights) =>
        insights.getNumberStatus({ phoneNumber: '2348031234567', countryCode: 'NG' }),
      ).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TermiiResponseError);
      expect(error).toMatchObject({ operation: 'getNumberStatus', status: 200 });
    });

    it.each([
      [
        'a calling code for countryCode',
        { phoneNumber: '2348031234567', countryCode: '234' },
        'countryCode',
        'two-letter',
      ],
      ['three letters', { phoneNumber: '2348031234567', countryCode: 'NGA' }, 'countryCode', 'two-letter'],
      ['no countryCode', { phoneNumber: '2348031234567' }, 'countryCode', 'must be a string'],
      ['a local number', { phoneNumber: '08031234567', countryCode: 'NG' }, 'phoneNumber', 'without the leading 0'],
      [
        'an extra field',
        { phoneNumber: '2348031234567', countryCode: 'NG', apiKey: 'x' },
        'apiKey',
        'should not exist',
      ],
    ])('refuses %s with TermiiValidationError naming the field, sending nothing', async (_name, input, field, why) => {
      server.handle((_req, res) => reply(res, 200, DOCUMENTED_STATUS));
      const error = await withInsights((insights) => insights.getNumberStatus(input as never)).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TermiiValidationError);
      const { issues } = error as TermiiValidationError;
      expect(issues.map((issue) => issue.property)).toEqual([field]);
      expect(issues[0].messages.join(' ')).toContain(why);
      expect(server.requests).toHaveLength(0);
    });
  });

  describe('getHistory', () => {
    it('GETs /api/sms/inbox?api_key (no message_id, never "undefined") and maps the documented rows field by field', async () => {
      server.handle((_req, res) => reply(res, 200, [DOCUMENTED_ROW, VOICE_ROW]));
      const history = await withInsights((insights) => insights.getHistory());
      expectOneGet(`/api/sms/inbox?${KEY_QUERY}`);
      expect(history).toEqual([
        {
          messageId: '3017545719517588296261695',
          receiver: '2348109477743',
          sender: 'Acme',
          message: 'Your code is 482193',
          amount: 1,
          status: 'Delivered',
          channel: 'generic',
          sentBy: 'api',
          createdAt: '2025-08-07 14:05:53',
        },
        {
          messageId: '3017545719517588296261696',
          receiver: '2348031234567',
          message: 'Your code is 1 2 3 4',
          amount: 5,
          status: 'Failed',
          channel: 'voice',
          sentBy: 'api',
          createdAt: '2025-08-07 14:06:01',
        },
      ]);
    });

    it.each([
      ['an empty filter', {}],
      ['messageId undefined', { messageId: undefined }],
    ])('sends no message_id for %s', async (_name, filter) => {
      server.handle((_req, res) => reply(res, 200, []));
      await expect(withInsights((insights) => insights.getHistory(filter))).resolves.toEqual([]);
      expectOneGet(`/api/sms/inbox?${KEY_QUERY}`);
    });

    it('filters by message_id in the query', async () => {
      server.handle((_req, res) => reply(res, 200, [DOCUMENTED_ROW]));
      const history = await withInsights((insights) => insights.getHistory({ messageId: '3017545719517588296261695' }));
      expectOneGet(`/api/sms/inbox?${KEY_QUERY}&message_id=3017545719517588296261695`);
      expect(history.map((report) => report.messageId)).toEqual(['3017545719517588296261695']);
    });

    it('keeps ids beyond 2^53 digit for digit when Termii writes them as bare JSON numbers', async () => {
      const ids = ['3017545719517588296261695', '9122821270554876574', '9007199254740993'];
      const body = `[${ids
        .map((id) => `{"receiver":"2348109477743","message":"hi","status":"Delivered","message_id":${id}}`)
        .join(',')}]`;
      server.handle((_req, res) => reply(res, 200, body, { 'Content-Type': 'application/json' }));
      const history = await withInsights((insights) => insights.getHistory());
      expect(history.map((report) => report.messageId)).toEqual(ids);
      // The control: JSON.parse would have changed every one of them.
      for (const id of ids) expect(String(Number(id))).not.toBe(id);
    });

    it('reads message_id_str first, a safe numeric id as text, a missing message as empty, a numeric amount text', async () => {
      server.handle((_req, res) =>
        reply(res, 200, [
          {
            receiver: 2348109477743,
            status: 'Message Sent',
            message_id: 1,
            message_id_str: '3017545719517588296261695',
          },
          { receiver: '2348109477743', status: 'Delivered', message_id: 42, message: null, amount: '3.9' },
        ]),
      );
      await expect(withInsights((insights) => insights.getHistory())).resolves.toEqual([
        { messageId: '3017545719517588296261695', receiver: '2348109477743', message: '', status: 'Message Sent' },
        { messageId: '42', receiver: '2348109477743', message: '', status: 'Delivered', amount: 3.9 },
      ]);
    });

    it('reads a page of rows too (the shared page reader)', async () => {
      server.handle((_req, res) => reply(res, 200, { data: [DOCUMENTED_ROW], current_page: 1, last_page: 1 }));
      const history = await withInsights((insights) => insights.getHistory());
      expect(history.map((report) => report.messageId)).toEqual([DOCUMENTED_ROW.message_id]);
    });

    it.each([
      ['an empty 200', (res: ServerResponse) => reply(res, 200, '')],
      ['an HTML 200', (res: ServerResponse) => reply(res, 200, '<html></html>')],
      ['an object that is no list', (res: ServerResponse) => reply(res, 200, { status: 'success' })],
      [
        'a row without a message id',
        (res: ServerResponse) => reply(res, 200, [DOCUMENTED_ROW, { ...VOICE_ROW, message_id: undefined }]),
      ],
      ['a row without a receiver', (res: ServerResponse) => reply(res, 200, [{ ...DOCUMENTED_ROW, receiver: '' }])],
      ['a row without a status', (res: ServerResponse) => reply(res, 200, [{ ...DOCUMENTED_ROW, status: null }])],
      ['a row that is not an object', (res: ServerResponse) => reply(res, 200, [DOCUMENTED_ROW, 'row'])],
    ])('rejects %s with TermiiResponseError, once', async (_name, answer) => {
      server.handle((_req, res) => answer(res));
      const error = await withInsights((insights) => insights.getHistory()).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TermiiResponseError);
      expect(error).toMatchObject({ operation: 'getHistory', status: 200 });
      expect(server.requests).toHaveLength(1);
    });

    it.each([
      ['letters', { messageId: 'abc' }, 'digits'],
      ['a signed id', { messageId: '-3017545719517588296261695' }, 'digits'],
      ['an empty id', { messageId: '' }, 'digits'],
      ['a JavaScript number', { messageId: 3017545719517588 }, 'must be a string'],
      ['an unknown field', { pinId: 'x' }, 'should not exist'],
    ])('refuses %s with TermiiValidationError, sending nothing', async (_name, filter, why) => {
      const error = await withInsights((insights) => insights.getHistory(filter as never)).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TermiiValidationError);
      expect((error as TermiiValidationError).issues[0].messages.join(' ')).toContain(why);
      expect(server.requests).toHaveLength(0);
    });
  });

  const READS: [string, (insights: InsightsService) => Promise<unknown>, unknown][] = [
    ['searchNumber', (insights: InsightsService) => insights.searchNumber('2348031234567'), DOCUMENTED_SEARCH],
    [
      'getNumberStatus',
      (insights: InsightsService) => insights.getNumberStatus({ phoneNumber: '2348031234567', countryCode: 'NG' }),
      DOCUMENTED_STATUS,
    ],
    ['getHistory', (insights: InsightsService) => insights.getHistory(), [DOCUMENTED_ROW]],
  ];
  describe.each(READS)('%s is a read', (operation, call, answer) => {
    it.each([502, 503, 504])('retried after HTTP %i, with the same URL, and reads the next answer', async (status) => {
      let calls = 0;
      server.handle((_req, res) =>
        ++calls === 1 ? reply(res, status, { message: 'gateway' }) : reply(res, 200, answer),
      );
      await expect(withInsights(call, { maxRetries: 2 })).resolves.toBeDefined();
      expect(server.requests).toHaveLength(2);
      expect(server.requests[1].path).toBe(server.requests[0].path);
    });

    it('retried after a reset once connected', async () => {
      let calls = 0;
      server.handle((_req, res) => (++calls === 1 ? res.socket?.destroy() : reply(res, 200, answer)));
      await expect(withInsights(call, { maxRetries: 1 })).resolves.toBeDefined();
      expect(server.requests).toHaveLength(2);
    });

    it('retried after a response timeout, up to maxRetries', async () => {
      server.handle(() => undefined);
      const error = await withInsights(call, { maxRetries: 1, timeoutMs: 150 }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TermiiTimeoutError);
      expect(error).toMatchObject({ operation, phase: 'response', attempts: 2 });
      expect(server.requests).toHaveLength(2);
    });

    it('not retried after HTTP 500, and the error names the operation but not the URL', async () => {
      server.handle((_req, res) => reply(res, 500, { message: 'boom' }));
      const error = await withInsights(call, { maxRetries: 2 }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TermiiServerError);
      expect(error).toMatchObject({ operation, status: 500 });
      expect(server.requests).toHaveLength(1);
      expect(String((error as Error).message)).not.toContain('/api/');
      expect(String((error as Error).message)).not.toContain(API_KEY);
    });
  });
});
