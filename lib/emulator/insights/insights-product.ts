import { INSIGHTS_PATHS } from '../../insights/insights.paths.js';
import type { TermiiOperation } from '../../errors/termii-api.error.js';
import type { TermiiEmulatorProduct, TermiiEmulatorState } from '../emulator-state.js';
import { jsonAnswer, type TermiiEmulatorCall, type TermiiEmulatorRoute } from '../emulator-route.js';
import type { TermiiEmulatorRequest, TermiiEmulatorResponse } from '../termii-emulator-exchange.js';
import { messageHistoryAnswer } from './message-history.js';
import { numberStatusAnswer, searchNumberAnswer } from './number-lookup.js';

/** Whether the request says its body is JSON: `Content-Type` in any case, given once or repeated. */
export function declaresJson(headers: TermiiEmulatorRequest['headers']): boolean {
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (name.toLowerCase() !== 'content-type' || value === undefined) continue;
    if ((Array.isArray(value) ? value : [value]).some((item) => /application\/json/i.test(item))) return true;
  }
  return false;
}

/**
 * A GET of Termii's v3 hosts: one that declares a JSON body gets an empty 200 (clients must not send one),
 * any other gets `answer`.
 */
function insightsRead(
  operation: TermiiOperation & keyof typeof INSIGHTS_PATHS,
  answer: (call: TermiiEmulatorCall) => TermiiEmulatorResponse,
): TermiiEmulatorRoute {
  return {
    operation,
    method: 'GET',
    path: INSIGHTS_PATHS[operation],
    answer: (call) => (declaresJson(call.request.headers) ? { status: 200, headers: {}, body: '' } : answer(call)),
  };
}

/**
 * Termii's Insights as the emulator plays them: the balance, from the shared wallet; Search, from the DND
 * list and the Nigerian prefixes; Status, with `ported` as a test set it; History, from the outbox. Like
 * Termii's v3 hosts, a GET that declares a JSON body gets an empty 200: clients must not send one.
 */
export class TermiiInsightsProduct implements TermiiEmulatorProduct {
  readonly routes: readonly TermiiEmulatorRoute[];

  constructor(private readonly state: TermiiEmulatorState) {
    this.routes = [
      insightsRead('getBalance', () => {
        const { wallet, accountName } = this.state;
        return jsonAnswer(200, { user: accountName, balance: wallet.balance, currency: wallet.currency });
      }),
      insightsRead('searchNumber', ({ query }) => searchNumberAnswer(this.state, query)),
      insightsRead('getNumberStatus', ({ query }) => numberStatusAnswer(this.state, query)),
      insightsRead('getHistory', ({ query }) => messageHistoryAnswer(this.state, query)),
    ];
  }

  reset(): void {}
}
