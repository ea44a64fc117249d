import { saysInsufficientBalance } from '../../http/map-termii-error.js';
import type { TermiiHttpResponse } from '../../http/termii-http-response.js';
import { objectOf, textOf } from './read-fields.js';

/**
 * Termii took a write (a phonebook created, changed or deleted, a contact added, a campaign sent or
 * retried): its answer carries only a `message`, e.g. `"Phonebook added successfully"` — no id.
 */
export interface TermiiAcknowledgement {
  /** Termii's word on it, e.g. `"Phonebook added successfully"`; absent only after a `204 No Content`. */
  message?: string;
}

/**
 * Termii took a contacts upload. It reads the CSV in the background: the contacts appear in the phonebook
 * later, and rows it cannot read are not reported here.
 */
export interface UploadedContacts extends TermiiAcknowledgement {
  /** Always `true`: the upload was accepted, not yet processed. */
  processedInBackground: true;
}

/**
 * The acknowledgement in a 2xx JSON object answer with Termii's `message` text (every write Termii
 * documents answers one), or in a `204 No Content`; `undefined` (a `TermiiResponseError`, then) for anything
 * else — also for a 2xx whose message says the balance is insufficient.
 */
export function readAcknowledgement({ status, body }: TermiiHttpResponse): TermiiAcknowledgement | undefined {
  if (status === 204) return {};
  if (status < 200 || status >= 300) return undefined;
  const fields = objectOf(body);
  const message = textOf(fields?.['message']);
  if (message === undefined || saysInsufficientBalance(fields)) return undefined;
  return { message };
}
