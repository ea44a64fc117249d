import { Injectable } from '@nestjs/common';
import {
  listAllItems,
  readTermiiPage,
  termiiPage,
  TERMII_LIST_ALL_MAX_PAGES,
  type TermiiPage,
} from '../common/pages/termii-page.js';
import { TermiiHttpClient } from '../http/termii-http.client.js';
import type { TermiiHttpResponse } from '../http/termii-http-response.js';
import { TermiiOptions } from '../options/termii-options.js';
import { toPlain } from '../validation/dto-mapping.js';
import { validateInput } from '../validation/validate-input.js';
import { ListSenderIdsDto } from './dto/list-sender-ids.dto.js';
import { RequestSenderIdDto } from './dto/request-sender-id.dto.js';
import { readRequestedSenderId, type RequestedSenderId } from './responses/requested-sender-id.js';
import { readSenderId, type SenderId } from './responses/sender-id.js';
import { SENDER_ID_PATHS } from './sender-ids.paths.js';

/** A sender-ID list answer, in either page shape, read row by row. */
function readSenderIdPage(response: TermiiHttpResponse) {
  const { status, body } = response;
  if (status < 200 || status >= 300) return undefined;
  return readTermiiPage(body, readSenderId);
}

/**
 * The account's sender IDs (Termii's Sender ID API): list them, and request a new one. Inject it by class (or
 * `@InjectSenderIdService(name)` for a named registration); `TermiiTestingModule` provides it too.
 */
@Injectable()
export class SenderIdService {
  /** @internal Nest makes the service: inject it, never construct it. */
  constructor(
    private readonly options: TermiiOptions,
    private readonly client: TermiiHttpClient,
  ) {}

  /**
   * The first page of the account's sender IDs (`GET /api/sender-id`), optionally only those of a `name` or
   * a `status`; `nextPage()` asks for the next one. Termii has answered pages in two shapes (Laravel, and
   * Spring on current hosts, 15 a page): both are read alike. A read: retried like the balance.
   * @throws TermiiValidationError for invalid filters (nothing is sent); otherwise a `TermiiError` subclass,
   * e.g. `TermiiResponseError` for an answer that is not a page of sender IDs.
   */
  async list(filters: ListSenderIdsDto = {}): Promise<TermiiPage<SenderId>> {
    const dto = validateInput(ListSenderIdsDto, filters);
    return this.page(dto, undefined);
  }

  /**
   * Every sender ID of the account (optionally filtered as in `list`), page after page: one GET per page,
   * asked for only when the previous page's items are used up. Stops after the last page, at an empty page,
   * and after `TERMII_LIST_ALL_MAX_PAGES` (1 000) pages, so that a host that always says "more" cannot keep
   * it going for ever.
   * @throws TermiiValidationError at once for invalid filters (nothing is sent); a page's error ends the
   * iteration with that error.
   */
  listAll(filters: ListSenderIdsDto = {}): AsyncIterable<SenderId> {
    // Validated now, not at the first `next()`: bad filters fail where the call is written.
    const dto = validateInput(ListSenderIdsDto, filters);
    return listAllItems(() => this.page(dto, undefined), TERMII_LIST_ALL_MAX_PAGES);
  }

  /**
   * Requests a new sender ID (`POST /api/sender-id/request`); it stays `pending` until Termii approves it.
   * The body carries the use case as both `use_case` (what the current API reads) and `usecase` (what the
   * docs' samples send). A write: never retried once connected.
   * @throws TermiiValidationError for invalid input (nothing is sent); otherwise a `TermiiError` subclass.
   */
  async request(input: RequestSenderIdDto): Promise<RequestedSenderId> {
    const dto = validateInput(RequestSenderIdDto, input);
    const { sender_id: senderId, use_case: useCase, company } = toPlain(dto);
    const body = { sender_id: senderId, use_case: useCase, usecase: useCase, company };
    return this.client.post('requestSenderId', SENDER_ID_PATHS.requestSenderId, body, (response) =>
      readRequestedSenderId(response, this.options.apiKey),
    );
  }

  /** One page: the filters, and `page` when it is not the first (asked for as the previous page's number + 1). */
  private async page(filters: ListSenderIdsDto, page: number | undefined): Promise<TermiiPage<SenderId>> {
    const contents = await this.client.get('listSenderIds', SENDER_ID_PATHS.listSenderIds, readSenderIdPage, {
      name: filters.name,
      status: filters.status,
      page,
    });
    return termiiPage(contents, (next) => this.page(filters, next));
  }
}
