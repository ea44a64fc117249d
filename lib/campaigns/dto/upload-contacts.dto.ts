import type { Readable } from 'node:stream';
import { CountryCodeRules } from './campaign-fields.js';

/**
 * The largest CSV `ContactService.upload` sends: 10 MiB, read into memory first (a stream too), so that
 * a request is never sent half-built. Termii documents no limit.
 */
export const MAX_CONTACTS_CSV_BYTES = 10 * 1024 * 1024;

/** Input of `ContactService.upload`: a CSV of contacts, and the country of their numbers. */
export interface UploadContactsInput {
  /**
   * The CSV: a header row, then one contact per row (Termii reads a `phone_number` column). Text (sent as
   * UTF-8), bytes, or a stream of either; at most `MAX_CONTACTS_CSV_BYTES`.
   */
  csv: Buffer | string | Readable;
  /** The country calling code of the numbers (`country_code`), e.g. `"234"`. */
  countryCode: string;
}

/** The rules of `UploadContactsInput`'s `countryCode` (the CSV is checked by the service: it may be a stream). */
export class UploadContactsCountryDto {
  @CountryCodeRules('countryCode')
  countryCode!: string;
}
