import type { TermiiHttpResponse } from '../../http/termii-http-response.js';
import { isJsonObject, textOf } from './termii-fields.js';

/** What Termii's Status says of a phone number: its country, its network, and whether it was ported. */
export interface NumberStatus {
  /** The number, as Termii wrote it (else as it was asked for). */
  number: string;
  /** Whether the number was moved to another network than its prefix says (Termii's `ported`: 1 or 0). */
  ported: boolean;
  /** The country's calling code, e.g. `234`. */
  countryCode?: string;
  /** The country as an ISO 3166-1 alpha-2 code, e.g. `NG`. */
  iso?: string;
  /** The mobile country code (MCC), e.g. `621`. */
  mobileCountryCode?: string;
  /** The network's name, e.g. `Airtel Nigeria`. */
  operatorName?: string;
  /** Termii's code of the network, e.g. `ANG`. */
  operatorCode?: string;
  /** The mobile network code (MNC; Termii's `mobileNumberCode`), e.g. `20`. */
  mobileNetworkCode?: string;
  /** The kind of line, e.g. `Mobile`. */
  lineType?: string;
}

/** Termii's `ported`: `1`/`0`, `true`/`false`, or either as text; `undefined` for anything else. */
function portedOf(value: unknown): boolean | undefined {
  if (value === 1 || value === true || value === '1' || value === 'true') return true;
  if (value === 0 || value === false || value === '0' || value === 'false') return false;
  return undefined;
}

/**
 * The `NumberStatus` in a 2xx Status answer — the first entry of its documented `result` array, read from its
 * `routeDetail`, `countryDetail` and `operatorDetail` — or `undefined` (the client then throws
 * `TermiiResponseError`) for an empty or non-JSON body, one without a `result` entry, or one whose `ported`
 * is missing or unreadable.
 */
export function readNumberStatus({ status, body }: TermiiHttpResponse, asked: string): NumberStatus | undefined {
  if (status < 200 || status >= 300 || !isJsonObject(body)) return undefined;
  const [entry] = Array.isArray(body['result']) ? (body['result'] as unknown[]) : [];
  if (!isJsonObject(entry) || !isJsonObject(entry['routeDetail'])) return undefined;
  const route = entry['routeDetail'];
  const ported = portedOf(route['ported']);
  if (ported === undefined) return undefined;
  const country = isJsonObject(entry['countryDetail']) ? entry['countryDetail'] : {};
  const operator = isJsonObject(entry['operatorDetail']) ? entry['operatorDetail'] : {};
  const result: NumberStatus = { number: textOf(route['number']) ?? asked, ported };
  const optional: [keyof NumberStatus, unknown][] = [
    ['countryCode', country['countryCode']],
    ['iso', country['iso']],
    ['mobileCountryCode', country['mobileCountryCode']],
    ['operatorName', operator['operatorName']],
    ['operatorCode', operator['operatorCode']],
    ['mobileNetworkCode', operator['mobileNumberCode']],
    ['lineType', operator['lineType']],
  ];
  for (const [field, value] of optional) {
    const text = textOf(value);
    if (text !== undefined) (result as unknown as Record<string, string>)[field] = text;
  }
  return result;
}
