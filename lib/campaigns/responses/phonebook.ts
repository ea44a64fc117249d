import { countOf, idOf, objectOf, textOf } from './read-fields.js';

/** A phonebook at Termii, as `PhonebookService.list` reads it. */
export interface Phonebook {
  /** Termii's id of the phonebook (always text): what the contact and campaign calls take. */
  id: string;
  /** Its name (`name`). */
  name: string;
  /** How many contacts it holds (`total_number_of_contacts`). */
  totalContacts: number;
  /** When it was created (`date_created`), as Termii wrote it: hosts differ in format and say no time zone. */
  createdAt?: string;
  /** When it last changed (`last_updated`), as Termii wrote it. */
  updatedAt?: string;
}

/** One row of a phonebook list; `undefined` when it lacks an id, a name or the contact count. */
export function readPhonebook(item: unknown): Phonebook | undefined {
  const row = objectOf(item);
  if (row === undefined) return undefined;
  const id = idOf(row['id']);
  const name = textOf(row['name']);
  const totalContacts = countOf(row['total_number_of_contacts']);
  if (id === undefined || name === undefined || totalContacts === undefined) return undefined;
  const phonebook: Phonebook = { id, name, totalContacts };
  const createdAt = textOf(row['date_created']);
  const updatedAt = textOf(row['last_updated']);
  if (createdAt !== undefined) phonebook.createdAt = createdAt;
  if (updatedAt !== undefined) phonebook.updatedAt = updatedAt;
  return phonebook;
}
