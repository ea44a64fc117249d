import { phoneKey } from '../termii-outbox.js';

/** Termii's status of an SMS that the generic route did not deliver because the number is on the DND list. */
export const DND_ACTIVE_STATUS = 'DND Active on Phone Number';

/**
 * The phone numbers on the Do-Not-Disturb list, as the emulator plays it: Termii's `generic` route does not
 * deliver to them (the request is accepted and the message is recorded as `DND Active on Phone Number`);
 * the `dnd` route does.
 */
export class TermiiDndList {
  readonly #seed: readonly string[];
  readonly #numbers = new Set<string>();

  constructor(seed: readonly string[] = []) {
    if (!Array.isArray(seed) || seed.some((number) => typeof number !== 'string' || phoneKey(number) === '')) {
      throw new TypeError('dndNumbers must be an array of phone numbers');
    }
    this.#seed = seed.map(phoneKey);
    this.reset();
  }

  /** Whether a number (any formatting) is on the list. */
  has(phoneNumber: string): boolean {
    return this.#numbers.has(phoneKey(phoneNumber));
  }

  /** Puts a number on the list (`true`) or takes it off (`false`). */
  set(phoneNumber: string, active: boolean): void {
    const key = typeof phoneNumber === 'string' ? phoneKey(phoneNumber) : '';
    if (key === '') throw new TypeError('setDnd takes a phone number with digits');
    if (active) this.#numbers.add(key);
    else this.#numbers.delete(key);
  }

  /** Back to the numbers of the `dndNumbers` option. */
  reset(): void {
    this.#numbers.clear();
    for (const number of this.#seed) this.#numbers.add(number);
  }
}
