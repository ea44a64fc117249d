import { Injectable } from '@nestjs/common';
import { TermiiHttpClient } from '../http/termii-http.client.js';
import { INSIGHTS_PATHS } from './insights.paths.js';
import { readTermiiBalance, type TermiiBalance } from './responses/termii-balance.js';

/**
 * Reads the account's state at Termii (Insights). Inject it by class (or `@InjectInsightsService(name)` for
 * a named registration); `TermiiTestingModule` provides it too.
 */
@Injectable()
export class InsightsService {
  constructor(private readonly client: TermiiHttpClient) {}

  /**
   * The wallet's balance and currency: every OTP stops when it runs dry. A read, so a timeout, a reset or a
   * 502/503/504 is retried within `maxRetries`.
   * @throws TermiiResponseError for an empty or non-JSON 2xx, or one without a numeric balance; otherwise a
   * `TermiiError` subclass, as for every call.
   */
  async getBalance(): Promise<TermiiBalance> {
    return this.client.get('getBalance', INSIGHTS_PATHS.getBalance, readTermiiBalance);
  }
}
