import 'reflect-metadata';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import type { INestApplicationContext } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import {
  SenderIdService,
  SenderIdStatus,
  TermiiModule,
  TermiiResponseError,
  TermiiServerError,
  TermiiValidationError,
  type SenderId,
} from '../../lib/index.js';
import { reply, startScriptedServer, type RecordedRequest, type ScriptedServer } from '../support/scripted-server.js';

const API_KEY = 'TLsenderIdServiceKey';

/** Termii's current (Spring) page: `number` from 0, 15 a page. */
function springPage(number: number, totalPages: number, rows: Record<string, unknown>[]) {
  return {
    content: rows,
    pageable: { pageNumber: number, pageSize: 15 },
    totalElements: 15 * (totalPages - 1) + rows.length,
    totalPages,
    last: number + 1 >= totalPages,
    size: 15,
    number,
    first: number === 0,
    numberOfElements: rows.length,
    empty: rows.length === 0,
  };
}

/** An older host's (Laravel) page: `current_page` from 1. */
function laravelPage(current: number, last: number, rows: Record<string, unknown>[]) {
  return {
    current_page: current,
    data: rows,
    first_page_url: 'https://termii.com/api/sender-id?page=1',
    last_page: last,
    per_page: 15,
    total: 15 * (last - 1) + rows.length,
    next_page_url: current < last ? `https://termii.com/api/sender-id?page=${current + 1}` : null,
  };
}

const pageOf = (request: RecordedRequest) => new URL(request.path, 'http://x').searchParams.get('page');

describe('SenderIdService against a loopback server', () => {
  let server: ScriptedServer;
  let app: INestApplicationContext;
  let senderIds: SenderIdService;

  beforeAll(async () => {
    server = await startScriptedServer();
    const moduleRef = await Test.createTestingModule({
      imports: [TermiiModule.forRoot({ apiKey: API_KEY, baseUrl: server.url, maxRetries: 2 })],
    }).compile();
    app = await moduleRef.init();
    senderIds = app.get(SenderIdService);
  });
  beforeEach(() => {
    server.requests.length = 0;
  });
  afterAll(async () => {
    await app.close();
    await server.close();
  });

  describe('list', () => {
    it('GETs /api/sender-id with the key and the filters in the query, no body, no Content-Type', async () => {
      server.handle((_req, res) => reply(res, 200, springPage(0, 1, [])));
      await senderIds.list({ name: 'Acme & Co', status: SenderIdStatus.PENDING });
      expect(server.requests).toHaveLength(1);
      const [request] = server.requests;
      expect(request.method).toBe('GET');
      expect(request.path).toBe(`/api/sender-id?api_key=${API_KEY}&name=Acme%20%26%20Co&status=pending`);
      expect(request.headers['content-type']).toBeUndefined();
      expect(request.text).toBe('');
      await senderIds.list();
      expect(server.requests[1].path).toBe(`/api/sender-id?api_key=${API_KEY}`);
    });

    it('reads a Spring page: items (absent keys left out), totalItems, and the next page asked for as number + 1', async () => {
      server.handle((req, res) =>
        reply(
          res,
          200,
          pageOf(req) === null
            ? springPage(0, 2, [
                { sender_id: 'Acme', status: 'active', country: 'Nigeria', createdAt: '2025-08-07T14:05:53Z' },
                { sender_id: 'Shop', status: 'pending', company: 'Shop Ltd', usecase: 'Receipts' },
              ])
            : springPage(1, 2, [{ sender_id: 'Old', status: 'blocked' }]),
        ),
      );
      const first = await senderIds.list({ status: SenderIdStatus.ACTIVE });
      expect(first.items).toEqual([
        {
          senderId: 'Acme',
          status: SenderIdStatus.ACTIVE,
          rawStatus: 'active',
          country: 'Nigeria',
          createdAt: '2025-08-07T14:05:53Z',
        },
        {
          senderId: 'Shop',
          status: SenderIdStatus.PENDING,
          rawStatus: 'pending',
          company: 'Shop Ltd',
          useCase: 'Receipts',
        },
      ]);
      expect(first).toMatchObject({ totalItems: 17, hasNextPage: true, pageNumber: 0 });
      const second = await first.nextPage();
      expect(pageOf(server.requests[1])).toBe('1');
      // The filters travel with every page.
      expect(server.requests[1].path).toContain('status=active');
      expect(second?.items.map((item) => item.senderId)).toEqual(['Old']);
      expect(second?.hasNextPage).toBe(false);
      await expect(second?.nextPage()).resolves.toBeUndefined();
      expect(server.requests).toHaveLength(2);
    });

    it('reads a Laravel page: unblock/block mean active/blocked, and page 1 is followed by page 2', async () => {
      server.handle((req, res) =>
        reply(
          res,
          200,
          pageOf(req) === null
            ? laravelPage(1, 2, [
                {
                  sender_id: 'Acme',
                  status: 'unblock',
                  company: 'Acme',
                  usecase: 'OTP',
                  created_at: '2021-09-13 15:06:39',
                },
              ])
            : laravelPage(2, 2, [{ sender_id: 'Gone', status: 'block' }]),
        ),
      );
      const first = await senderIds.list();
      expect(first.items).toEqual([
        {
          senderId: 'Acme',
          status: SenderIdStatus.ACTIVE,
          rawStatus: 'unblock',
          company: 'Acme',
          useCase: 'OTP',
          createdAt: '2021-09-13 15:06:39',
        },
      ]);
      const second = await first.nextPage();
      expect(pageOf(server.requests[1])).toBe('2');
      expect(second?.items).toEqual([{ senderId: 'Gone', status: SenderIdStatus.BLOCKED, rawStatus: 'block' }]);
    });

    it('an answer that is not a page, or a row that is not a sender ID, is a TermiiResponseError', async () => {
      for (const body of [
        { status: 'success' },
        springPage(0, 1, [{ sender_id: 'Acme', status: 'archived' }]),
        springPage(0, 1, [{ status: 'active' }]),
      ]) {
        server.handle((_req, res) => reply(res, 200, body));
        await expect(senderIds.list()).rejects.toBeInstanceOf(TermiiResponseError);
      }
    });

    it('is a read: a 503 is retried (3 requests with maxRetries 2), then the page is read', async () => {
      server.handle((_req, res) =>
        server.requests.length < 3
          ? reply(res, 503, { message: 'Service temporarily unavailable' })
          : reply(res, 200, springPage(0, 1, [{ sender_id: 'Acme', status: 'active' }])),
      );
      const page = await senderIds.list();
      expect(page.items).toHaveLength(1);
      expect(server.requests).toHaveLength(3);
      server.requests.length = 0;
      server.handle((_req, res) => reply(res, 502, { message: 'Bad Gateway' }));
      await expect(senderIds.list()).rejects.toBeInstanceOf(TermiiServerError);
      expect(server.requests).toHaveLength(3);
    });

    it('refuses bad filters with zero requests', async () => {
      for (const filters of [{ status: 'approved' }, { name: '' }, { name: 'a\nb' }, { page: 2 }]) {
        await expect(senderIds.list(filters as never)).rejects.toBeInstanceOf(TermiiValidationError);
      }
      expect(() => senderIds.listAll({ status: 'approved' } as never)).toThrow(TermiiValidationError);
      expect(server.requests).toHaveLength(0);
    });
  });

  describe('listAll', () => {
    const row = (name: string) => ({ sender_id: name, status: 'active' });
    const collect = async (iterable: AsyncIterable<SenderId>) => {
      const names: string[] = [];
      for await (const item of iterable) names.push(item.senderId);
      return names;
    };

    it('walks every Spring page, one GET per page, and stops at the last', async () => {
      server.handle((req, res) => {
        const page = Number(pageOf(req) ?? 0);
        reply(res, 200, springPage(page, 3, [row(`S${page}a`), row(`S${page}b`)]));
      });
      expect(await collect(senderIds.listAll({ status: SenderIdStatus.ACTIVE }))).toEqual([
        'S0a',
        'S0b',
        'S1a',
        'S1b',
        'S2a',
        'S2b',
      ]);
      expect(server.requests.map(pageOf)).toEqual([null, '1', '2']);
    });

    it('stops at an empty page even when the host says more follow', async () => {
      server.handle((req, res) => {
        const page = Number(pageOf(req) ?? 0);
        reply(res, 200, { ...springPage(page, 9, page < 1 ? [row('A')] : []), last: false });
      });
      expect(await collect(senderIds.listAll())).toEqual(['A']);
      expect(server.requests).toHaveLength(2);
    });

    it('asks for nothing before the first item is wanted', async () => {
      server.handle((_req, res) => reply(res, 200, springPage(0, 1, [row('A')])));
      const iterable = senderIds.listAll();
      expect(server.requests).toHaveLength(0);
      await collect(iterable);
      expect(server.requests).toHaveLength(1);
    });
  });

  describe('request', () => {
    it('POSTs { api_key, sender_id, use_case, usecase, company } and returns Termii’s message', async () => {
      server.handle((_req, res) =>
        reply(res, 200, {
          code: 'ok',
          message: 'Sender Id requested. You will be  contacted by your account manager.',
        }),
      );
      const requested = await senderIds.request({
        senderId: 'Acme',
        useCase: 'Your Acme code is 1234',
        company: 'Acme Ltd',
      });
      expect(requested).toEqual({
        termiiMessage: 'Sender Id requested. You will be  contacted by your account manager.',
      });
      expect(server.requests[0].path).toBe('/api/sender-id/request');
      expect(server.requests[0].headers['content-type']).toMatch(/^application\/json/);
      expect(server.requests[0].text).toBe(
        `{"api_key":"${API_KEY}","sender_id":"Acme","use_case":"Your Acme code is 1234",` +
          '"usecase":"Your Acme code is 1234","company":"Acme Ltd"}',
      );
    });

    it('is a write: a 503 is one request, and a 2xx without Termii’s fields is a TermiiResponseError', async () => {
      server.handle((_req, res) => reply(res, 503, { message: 'Service temporarily unavailable' }));
      await expect(senderIds.request({ senderId: 'Acme', useCase: 'OTP', company: 'Acme' })).rejects.toBeInstanceOf(
        TermiiServerError,
      );
      expect(server.requests).toHaveLength(1);
      server.handle((_req, res) => reply(res, 200, { status: 'success' }));
      await expect(senderIds.request({ senderId: 'Acme', useCase: 'OTP', company: 'Acme' })).rejects.toBeInstanceOf(
        TermiiResponseError,
      );
    });

    it.each([
      ['no fields', {}, ['company', 'senderId', 'useCase']],
      ['a 12-character sender ID', { senderId: 'ABCDEFGHIJKL', useCase: 'OTP', company: 'A' }, ['senderId']],
      ['a blank use case', { senderId: 'Acme', useCase: '   ', company: 'A' }, ['useCase']],
      ['an empty company', { senderId: 'Acme', useCase: 'OTP', company: '' }, ['company']],
      ['usecase spelled as on the wire', { senderId: 'Acme', usecase: 'OTP', company: 'A' }, ['useCase', 'usecase']],
    ])('refuses %s with zero requests', async (_name, input, properties) => {
      const error = (await senderIds.request(input as never).catch((e: unknown) => e)) as TermiiValidationError;
      expect(error).toBeInstanceOf(TermiiValidationError);
      expect(error.issues.map((issue) => issue.property).sort()).toEqual(properties);
      expect(server.requests).toHaveLength(0);
    });
  });
});
