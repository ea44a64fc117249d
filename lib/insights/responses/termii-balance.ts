import type { TermiiHttpResponse } from '../../http/termii-http-response.js';

/** The account's wallet, as `InsightsService.getBalance` reads it. */
export interface TermiiBalance {
  /** What is left in the wallet, in `currency` (may be fractional; Termii sends a number or a numeric string). */
  balance: number;
  /** The wallet's currency, e.g. `NGN` for Nigerian accounts, otherwise usually `USD`. */
  currency: string;
  /** The account holder's name, when Termii sends it. */
  user?: string;
}

const NUMERIC = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;

/**
 * A finite number from a JSON number or a numeric string (`"77.5"`, `" 12 "`); `undefined` otherwise. Shared by
 * the Insights readers: Termii writes amounts either way.
 */
export function numberOf(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value !== 'string' || !NUMERIC.test(value.trim())) return undefined;
  const parsed = Number(value.trim());
  return Number.isFinite(parsed) ? parsed : undefined;
}

/**
 * The balance in a 2xx get-balance answer, or `undefined` (the client then throws `TermiiResponseError`)
 * for an empty or non-JSON body, or one without a numeric `balance` and a `currency`.
 */
export function readTermiiBalance({ status, body }: TermiiHttpResponse): TermiiBalance | undefined {
  if (status < 200 || status >= 300 || body === null || typeof body !== 'object' || Array.isArray(body)) {
    return undefined;
  }
  const { balance, currency, user } = body as Record<string, unknown>;
  const amount = numberOf(balance);
  if (amount === undefined || typeof currency !== 'string' || currency.trim() === '') return undefined;
  const result: TermiiBalance = { balance: amount, currency: currency.trim() };
  if (typeof user === 'string' && user !== '') result.user = user;
  return result;
}
