import { Injectable } from '@nestjs/common';
import { TermiiHttpClient } from '../http/termii-http.client.js';
import { toPlain } from '../validation/dto-mapping.js';
import { validateInput } from '../validation/validate-input.js';
import { MessageHistoryDto } from './dto/message-history.dto.js';
import { NumberStatusDto } from './dto/number-status.dto.js';
import { SearchNumberDto } from './dto/search-number.dto.js';
import { INSIGHTS_PATHS } from './insights.paths.js';
import { readMessageHistory, type MessageReport } from './responses/message-report.js';
import { readNumberSearch, type NumberSearch } from './responses/number-search.js';
import { readNumberStatus, type NumberStatus } from './responses/number-status.js';
import { readTermiiBalance, type TermiiBalance } from './responses/termii-balance.js';

/** A validated DTO's wire fields as query parameters: every value is a string, or `undefined` (left out). */
function queryOf(dto: object): Record<string, string | undefined> {
  return toPlain(dto) as Record<string, string | undefined>;
}

/**
 * Reads the account's state at Termii (Insights): the balance, what Termii knows of a phone number before
 * a message goes out (`searchNumber`, `getNumberStatus`), and what became of the messages sent
 * (`getHistory`). Inject it by class (or `@InjectInsightsService(name)` for a named registration);
 * `TermiiTestingModule` provides it too.
 *
 * Every method is a GET with the key and its parameters in the query string, no body and no
 * `Content-Type`; a read, so a timeout, a reset or a 502/503/504 is retried within `maxRetries`. The URL
 * holds the key: it is in no error, log line or diagnostics event.
 */
@Injectable()
export class InsightsService {
  /** @internal Nest makes the service: inject it, never construct it. */
  constructor(private readonly client: TermiiHttpClient) {}

  /**
   * The wallet's balance and currency: every OTP stops when it runs dry.
   * @throws TermiiResponseError for an empty or non-JSON 2xx, or one without a numeric balance; otherwise a
   * `TermiiError` subclass, as for every call.
   */
  async getBalance(): Promise<TermiiBalance> {
    return this.client.get('getBalance', INSIGHTS_PATHS.getBalance, readTermiiBalance);
  }

  /**
   * Search: whether `phoneNumber` is on the Do-Not-Disturb list (`dnd: 'active'` means an SMS on the
   * `generic` route will not arrive: send on `dnd`), and its network. `dnd` is read from Termii's status
   * text, which `rawStatus` keeps.
   * @throws TermiiValidationError for a number not in international format (nothing is sent);
   * TermiiResponseError for an empty or non-JSON 2xx, or one without the number or a status; otherwise a `TermiiError` subclass.
   */
  async searchNumber(phoneNumber: string): Promise<NumberSearch> {
    const dto = validateInput(SearchNumberDto, { phoneNumber });
    return this.client.get('searchNumber', INSIGHTS_PATHS.searchNumber, readNumberSearch, queryOf(dto));
  }

  /**
   * Status: the network of `phoneNumber` in `countryCode` (ISO 3166-1 alpha-2, e.g. `NG`), and whether the
   * number was ported to another network than its prefix says.
   * @throws TermiiValidationError for invalid input (nothing is sent); TermiiResponseError for an answer
   * without a `result` entry; otherwise a `TermiiError` subclass.
   */
  async getNumberStatus(input: NumberStatusDto): Promise<NumberStatus> {
    const dto = validateInput(NumberStatusDto, input);
    return this.client.get(
      'getNumberStatus',
      INSIGHTS_PATHS.getNumberStatus,
      (response) => readNumberStatus(response, dto.phoneNumber),
      queryOf(dto),
    );
  }

  /**
   * History: the messages sent from the account (SMS, voice, WhatsApp) with the status each has now, as
   * Termii lists them; with `messageId`, that message's reports only. Message ids are strings, digit for
   * digit, also when Termii writes them as bare JSON numbers.
   * @throws TermiiValidationError for a `messageId` that is not digits (nothing is sent); TermiiResponseError
   * for an answer that is not a list of reports; otherwise a `TermiiError` subclass.
   */
  async getHistory(filter: MessageHistoryDto = {}): Promise<MessageReport[]> {
    const dto = validateInput(MessageHistoryDto, filter);
    return this.client.get('getHistory', INSIGHTS_PATHS.getHistory, readMessageHistory, queryOf(dto));
  }
}
