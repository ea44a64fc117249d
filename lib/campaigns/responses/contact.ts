import type { TermiiPageContents } from '../../common/pages/termii-page.js';
import type { TermiiHttpResponse } from '../../http/termii-http-response.js';
import { idOf, objectOf, pageOf, textOf } from './read-fields.js';

/** A contact in a phonebook, as `ContactService.list` reads it. */
export interface Contact {
  /** Termii's id of the contact (always text). */
  id: string;
  /** The contact's number (`phone_number`), as Termii keeps it. */
  phoneNumber: string;
  /** `first_name`, when Termii has one. */
  firstName?: string;
  /** `last_name`, when Termii has one. */
  lastName?: string;
  /** `email_address`, when Termii has one. */
  email?: string;
  /** `company`, when Termii has one. */
  company?: string;
  /**
   * Every field Termii keeps for the contact, by Termii's name: on current hosts the contact's
   * `contact_list_key_value` (`first_name`, `email_address`, the CSV's own columns…); on older hosts, the
   * text fields of the row besides those read above.
   */
  fields: Record<string, string>;
}

/** The named fields of a contact, by Termii's names. */
const NAMED: Readonly<Record<string, 'firstName' | 'lastName' | 'email' | 'company'>> = {
  first_name: 'firstName',
  last_name: 'lastName',
  email_address: 'email',
  company: 'company',
};
/** Fields of an older host's flat row that are the contact's identity or bookkeeping, not its data. */
const NOT_FIELDS = new Set(['id', 'pid', 'phone_number', 'contact_list_key_value']);

/**
 * One contact: a current host's `{ id, pid, phone_number, contact_list_key_value: [{ key, value }] }`, or an
 * older host's flat `{ id, phone_number, email_address, first_name, last_name, company, … }`. `undefined`
 * without an id or a phone number.
 */
export function readContact(item: unknown): Contact | undefined {
  const row = objectOf(item);
  if (row === undefined) return undefined;
  const id = idOf(row['id']);
  const phoneNumber = idOf(row['phone_number']);
  if (id === undefined || phoneNumber === undefined) return undefined;
  const fields: Record<string, string> = {};
  const pairs = row['contact_list_key_value'];
  if (Array.isArray(pairs)) {
    for (const pair of pairs) {
      const { key, value } = objectOf(pair) ?? {};
      if (typeof key === 'string' && key !== '' && typeof value === 'string') fields[key] = value;
    }
  } else {
    for (const [key, value] of Object.entries(row)) {
      if (!NOT_FIELDS.has(key) && typeof value === 'string') fields[key] = value;
    }
  }
  const contact: Contact = { id, phoneNumber, fields };
  for (const [name, property] of Object.entries(NAMED)) {
    const value = textOf(fields[name]);
    if (value !== undefined) contact[property] = value;
  }
  return contact;
}

/**
 * The page of a 2xx contacts answer: the current `{ headers, phonebook, data: <page> }`, whose page is under
 * `data`, or the older page of flat contacts itself.
 */
export function readContactsPage(response: TermiiHttpResponse): TermiiPageContents<Contact> | undefined {
  const data = objectOf(objectOf(response.body)?.['data']);
  // A `data` that is an object (not the array of a Laravel page) is the current answer's page.
  return pageOf(data === undefined ? response : { ...response, body: data }, readContact);
}
