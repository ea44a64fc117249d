import type { TermiiDeliveryChannel } from './outbox-message.js';

/** What each delivery channel costs, in the wallet's currency. */
export type TermiiPrices = Readonly<Record<TermiiDeliveryChannel, number>>;

/**
 * The default prices: an SMS page 3.9 (the cost in Termii's sample delivery report), a voice call 5 (Voice
 * Token, Voice Call, a voice message), an email 1, a WhatsApp message 2 (the sandbox's own figure: Termii
 * prices WhatsApp per conversation). A message pays per page and per recipient.
 */
export const DEFAULT_TERMII_PRICES: TermiiPrices = Object.freeze({
  sms: 3.9,
  voice: 5,
  'voice-call': 5,
  email: 1,
  whatsapp: 2,
});
/** The default start balance. */
export const DEFAULT_TERMII_BALANCE = 1000;
/** The default currency (Nigerian accounts; others usually see `USD`). */
export const DEFAULT_TERMII_CURRENCY = 'NGN';

const CHANNELS: readonly TermiiDeliveryChannel[] = ['sms', 'voice', 'voice-call', 'email', 'whatsapp'];

/** Amounts are kept to 4 decimals, so that 1000 − 3.9 − 3.9 reads 992.2 and not 992.2000000000001. */
function roundAmount(amount: number): number {
  return Math.round(amount * 10_000) / 10_000;
}

function amount(value: number, name: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
    throw new RangeError(`${name} must be a finite number of at least 0`);
  }
  return roundAmount(value);
}

/**
 * The emulator's wallet: a balance that each delivery spends from, at a price per channel (a message pays
 * its channel's price per page and per recipient).
 */
export class TermiiWallet {
  readonly prices: TermiiPrices;
  readonly currency: string;
  readonly startBalance: number;
  #balance: number;

  constructor(options: {
    balance?: number;
    currency?: string;
    prices?: Partial<Record<TermiiDeliveryChannel, number>>;
  }) {
    this.startBalance = amount(options.balance ?? DEFAULT_TERMII_BALANCE, 'balance');
    if (options.currency !== undefined && (typeof options.currency !== 'string' || options.currency.trim() === '')) {
      throw new TypeError('currency must be a non-empty string');
    }
    this.currency = options.currency ?? DEFAULT_TERMII_CURRENCY;
    const prices = { ...DEFAULT_TERMII_PRICES };
    for (const [channel, price] of Object.entries(options.prices ?? {})) {
      if (!CHANNELS.includes(channel as TermiiDeliveryChannel)) {
        throw new TypeError(`prices has an unknown channel "${channel}" (known: ${CHANNELS.join(', ')})`);
      }
      if (price !== undefined) prices[channel as TermiiDeliveryChannel] = amount(price, `prices.${channel}`);
    }
    this.prices = Object.freeze(prices);
    this.#balance = this.startBalance;
  }

  get balance(): number {
    return this.#balance;
  }

  /** Sets the balance, e.g. to 0 to see every send refused. */
  set(balance: number): void {
    this.#balance = amount(balance, 'balance');
  }

  /** Whether the balance pays `cost` (e.g. one delivery's price, or a message's pages times its recipients). */
  canPay(cost: number): boolean {
    return this.#balance >= roundAmount(cost);
  }

  /** Takes `cost` from the balance; returns it as taken (to 4 decimals). Check `canPay` first. */
  spend(cost: number): number {
    const taken = roundAmount(cost);
    this.#balance = roundAmount(this.#balance - taken);
    return taken;
  }

  /** Back to the start balance. */
  reset(): void {
    this.#balance = this.startBalance;
  }
}
