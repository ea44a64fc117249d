import { phoneKey } from '../termii-outbox.js';

/**
 * The phone numbers the emulator's Status (`getNumberStatus`) reports as ported, set by a test with the
 * handle's `setPorted`; every other number is reported as not ported. Emptied by `reset()`.
 */
export class TermiiPortedNumbers {
  readonly #numbers = new Set<string>();

  /** Whether a number (any formatting) is reported as ported. */
  has(phoneNumber: string): boolean {
    return this.#numbers.has(phoneKey(phoneNumber));
  }

  /** Reports a number as ported (`true`) or not (`false`). */
  set(phoneNumber: string, ported: boolean): void {
    const key = typeof phoneNumber === 'string' ? phoneKey(phoneNumber) : '';
    if (key === '') throw new TypeError('setPorted takes a phone number with digits');
    if (typeof ported !== 'boolean') throw new TypeError('setPorted takes true or false');
    if (ported) this.#numbers.add(key);
    else this.#numbers.delete(key);
  }

  /** No number is reported as ported. */
  reset(): void {
    this.#numbers.clear();
  }
}
