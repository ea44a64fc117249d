import { randomUUID } from 'node:crypto';

/** A contact in an emulated phonebook. */
export interface TermiiEmulatedContact {
  id: string;
  /** International format, digits only. */
  phoneNumber: string;
  /** Every other field, by Termii's name (`first_name`, `email_address`, a CSV's own columns…). */
  fields: Record<string, string>;
}

/** A phonebook of the emulated account. */
export interface TermiiEmulatedPhonebook {
  id: string;
  name: string;
  description?: string;
  createdAt: number;
  updatedAt: number;
  contacts: TermiiEmulatedContact[];
}

/**
 * A contact's number in international format: national numbers (a leading 0) get `countryCode` in place
 * of the 0; a number that does not start with `countryCode` gets it in front.
 */
export function internationalNumber(phoneNumber: string, countryCode: string | undefined): string {
  const digits = phoneNumber.replace(/\D/g, '');
  if (countryCode === undefined || countryCode === '') return digits.replace(/^0+/, '');
  if (digits.startsWith('0')) return countryCode + digits.replace(/^0+/, '');
  return digits.startsWith(countryCode) ? digits : countryCode + digits;
}

/** The emulated account's phonebooks and their contacts, in the order they were made. */
export class TermiiPhonebooks {
  #phonebooks = new Map<string, TermiiEmulatedPhonebook>();
  #nextContactId = 1;

  list(): TermiiEmulatedPhonebook[] {
    return [...this.#phonebooks.values()];
  }

  get(id: string): TermiiEmulatedPhonebook | undefined {
    return this.#phonebooks.get(id);
  }

  create(name: string, description: string | undefined, now: number): TermiiEmulatedPhonebook {
    const phonebook: TermiiEmulatedPhonebook = {
      id: randomUUID(),
      name,
      ...(description !== undefined ? { description } : {}),
      createdAt: now,
      updatedAt: now,
      contacts: [],
    };
    this.#phonebooks.set(phonebook.id, phonebook);
    return phonebook;
  }

  delete(id: string): boolean {
    return this.#phonebooks.delete(id);
  }

  /** Adds a contact to `phonebook`; the number must already be international. */
  addContact(
    phonebook: TermiiEmulatedPhonebook,
    phoneNumber: string,
    fields: Record<string, string>,
    now: number,
  ): void {
    phonebook.contacts.push({ id: String(this.#nextContactId++), phoneNumber, fields });
    phonebook.updatedAt = now;
  }

  clear(): void {
    this.#phonebooks.clear();
    this.#nextContactId = 1;
  }
}
