import { SENDER_ID_PATHS } from '../../sender-ids/sender-ids.paths.js';
import type { TermiiEmulatorProduct, TermiiEmulatorState } from '../emulator-state.js';
import { jsonAnswer, type TermiiEmulatorCall, type TermiiEmulatorRoute } from '../emulator-route.js';
import { declaresJson } from '../insights/insights-product.js';
import { isAbsent, readString } from '../request-fields.js';
import type { TermiiEmulatorResponse } from '../termii-emulator-exchange.js';
import type { TermiiSenderIdEntry, TermiiSenderIdStatus } from './sender-id-registry.js';

/** Sender IDs per page, as Termii's current (Spring) pages hold them. */
export const SENDER_IDS_PAGE_SIZE = 15;
/** Termii's answer to a sender-ID request (the double space is Termii's own). */
export const SENDER_ID_REQUESTED_MESSAGE = 'Sender Id requested. You will be  contacted by your account manager.';

// Termii's rule for alphanumeric sender IDs (3 to 11 characters), or a number.
const SENDER_ID = /^(?=.*[A-Za-z0-9])[A-Za-z0-9 ._&'-]{3,11}$|^[0-9]{3,15}$/;
const STATUSES: readonly string[] = ['active', 'pending', 'blocked'];

/** A registry entry as a row of Termii's current list: absent keys, never nulls. */
function rowOf(entry: TermiiSenderIdEntry): Record<string, unknown> {
  return {
    sender_id: entry.senderId,
    status: entry.status,
    country: entry.country ?? 'Nigeria',
    createdAt: new Date(entry.createdAt).toISOString(),
    ...(entry.company !== undefined ? { company: entry.company } : {}),
    ...(entry.useCase !== undefined ? { usecase: entry.useCase } : {}),
  };
}

/**
 * Termii's Sender ID API as the emulator plays it, over the shared registry (the `senderIds` option, changed
 * through the handle): the list, answered as Termii's current hosts do (a Spring page of 15, `page` from 0,
 * filtered by `name` — contained, any case — and `status`; an empty 200 to a GET that declares a JSON body),
 * and the request, which adds a `pending` sender ID. The current API reads `use_case` and refuses a request
 * with only `usecase` ("Use case cannot be empty"); a sender ID already in the registry is refused (400).
 */
export class TermiiSenderIdsProduct implements TermiiEmulatorProduct {
  readonly routes: readonly TermiiEmulatorRoute[];

  constructor(private readonly state: TermiiEmulatorState) {
    this.routes = [
      {
        operation: 'listSenderIds',
        method: 'GET',
        path: SENDER_ID_PATHS.listSenderIds,
        answer: (call) => this.list(call),
      },
      {
        operation: 'requestSenderId',
        method: 'POST',
        path: SENDER_ID_PATHS.requestSenderId,
        answer: ({ body, now }) => this.request(body as Record<string, unknown>, now),
      },
    ];
  }

  reset(): void {}

  private list({ request, query }: TermiiEmulatorCall): TermiiEmulatorResponse {
    if (declaresJson(request.headers)) return { status: 200, headers: {}, body: '' };
    const rawPage = query.get('page') ?? '0';
    if (!/^\d{1,6}$/.test(rawPage)) return jsonAnswer(400, { message: 'page must be a whole number from 0' });
    const status = query.get('status');
    if (status !== null && status !== '' && !STATUSES.includes(status)) {
      return jsonAnswer(400, { message: 'status must be active, pending or blocked' });
    }
    const name = query.get('name')?.toLowerCase() ?? '';
    const matching = this.state.senderIds
      .list()
      .filter((entry) => entry.senderId.toLowerCase().includes(name) && (!status || entry.status === status));
    const page = Number(rawPage);
    const content = matching.slice(page * SENDER_IDS_PAGE_SIZE, (page + 1) * SENDER_IDS_PAGE_SIZE).map(rowOf);
    const totalPages = Math.ceil(matching.length / SENDER_IDS_PAGE_SIZE);
    return jsonAnswer(200, {
      content,
      pageable: { pageNumber: page, pageSize: SENDER_IDS_PAGE_SIZE, offset: page * SENDER_IDS_PAGE_SIZE },
      totalElements: matching.length,
      totalPages,
      last: page + 1 >= totalPages,
      size: SENDER_IDS_PAGE_SIZE,
      number: page,
      numberOfElements: content.length,
      first: page === 0,
      empty: content.length === 0,
    });
  }

  private request(body: Record<string, unknown>, now: number): TermiiEmulatorResponse {
    const problems: string[] = [];
    const senderId = readString(body, 'sender_id', problems);
    if (senderId !== undefined && !SENDER_ID.test(senderId)) {
      problems.push("sender_id must be 3 to 11 letters, digits, spaces or . _ & ' -, or 3 to 15 digits");
    }
    if (isAbsent(body['use_case']) || (typeof body['use_case'] === 'string' && body['use_case'].trim() === '')) {
      problems.push('Use case cannot be empty');
    }
    const useCase = isAbsent(body['use_case']) ? undefined : readString(body, 'use_case', problems);
    const company = readString(body, 'company', problems);
    if (problems.length > 0) return jsonAnswer(400, { message: problems.join('; ') });
    if (this.state.senderIds.get(senderId!) !== undefined) {
      return jsonAnswer(400, { message: 'Sender Id already exists' });
    }
    const status: TermiiSenderIdStatus = 'pending';
    this.state.senderIds.add({ senderId: senderId!, status, company: company!, useCase: useCase! }, now);
    return jsonAnswer(200, { code: 'ok', message: SENDER_ID_REQUESTED_MESSAGE });
  }
}
