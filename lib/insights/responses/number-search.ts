import type { TermiiHttpResponse } from '../../http/termii-http-response.js';
import { isJsonObject, textOf } from './termii-fields.js';

/** Whether a number is on the Do-Not-Disturb list, as `searchNumber` reads Termii's status text. */
export type NumberDndStatus = 'active' | 'inactive' | 'unknown';

/** What Termii's Search says of a phone number: its DND status and its network. */
export interface NumberSearch {
  /** The number, as Termii wrote it. */
  number: string;
  /** The network's name, e.g. `Airtel Nigeria`, when Termii gave one. */
  network?: string;
  /** The network's code (MCC and MNC), e.g. `62120`, when Termii gave one. */
  networkCode?: string;
  /** Termii's status text as it came, e.g. `DND blacklisted`. */
  rawStatus: string;
  /**
   * `active`: on the DND list, so an SMS on the `generic` route will not arrive (send on `dnd`);
   * `inactive`: not on it; `unknown`: a status text not known to mean either (see `rawStatus`).
   */
  dnd: NumberDndStatus;
}

/** The two status texts Termii documents for Search, compared without regard to case or extra spaces. */
const DND_TEXTS: Readonly<Record<string, NumberDndStatus>> = {
  'dnd blacklisted': 'active',
  'dnd not active on phone number': 'inactive',
};

/** The DND status a Search status text says: `unknown` for any text but the two Termii documents. */
export function dndStatusOf(rawStatus: string): NumberDndStatus {
  return DND_TEXTS[rawStatus.trim().replace(/\s+/g, ' ').toLowerCase()] ?? 'unknown';
}

/**
 * The `NumberSearch` in a 2xx Search answer, or `undefined` (the client then throws `TermiiResponseError`) for
 * an empty or non-JSON body, or one without the number or a status text (a bare `{ status: "success" }` is
 * no Search answer).
 */
export function readNumberSearch({ status, body }: TermiiHttpResponse): NumberSearch | undefined {
  if (status < 200 || status >= 300 || !isJsonObject(body)) return undefined;
  const number = textOf(body['number']);
  const rawStatus = typeof body['status'] === 'string' && body['status'].trim() !== '' ? body['status'] : undefined;
  if (number === undefined || rawStatus === undefined) return undefined;
  const search: NumberSearch = { number, rawStatus, dnd: dndStatusOf(rawStatus) };
  const network = textOf(body['network']);
  if (network !== undefined) search.network = network;
  const networkCode = textOf(body['network_code']);
  if (networkCode !== undefined) search.networkCode = networkCode;
  return search;
}
