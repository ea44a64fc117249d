import { INSIGHTS_PATHS } from '../../insights/insights.paths.js';
import type { TermiiEmulatorProduct, TermiiEmulatorState } from '../emulator-state.js';
import { jsonAnswer, type TermiiEmulatorRoute } from '../emulator-route.js';
import type { TermiiEmulatorRequest } from '../termii-emulator-exchange.js';

/** Whether the request says its body is JSON: `Content-Type` in any case, given once or repeated. */
export function declaresJson(headers: TermiiEmulatorRequest['headers']): boolean {
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (name.toLowerCase() !== 'content-type' || value === undefined) continue;
    if ((Array.isArray(value) ? value : [value]).some((item) => /application\/json/i.test(item))) return true;
  }
  return false;
}

/**
 * Termii's Insights as the emulator plays them: the balance, from the shared wallet. Like Termii's v3 hosts,
 * a GET that declares a JSON body gets an empty 200: clients must not send one.
 */
export class TermiiInsightsProduct implements TermiiEmulatorProduct {
  readonly routes: readonly TermiiEmulatorRoute[];

  constructor(private readonly state: TermiiEmulatorState) {
    this.routes = [
      {
        operation: 'getBalance',
        method: 'GET',
        path: INSIGHTS_PATHS.getBalance,
        answer: ({ request }) => {
          if (declaresJson(request.headers)) return { status: 200, headers: {}, body: '' };
          const { wallet, accountName } = this.state;
          return jsonAnswer(200, { user: accountName, balance: wallet.balance, currency: wallet.currency });
        },
      },
    ];
  }

  reset(): void {}
}
