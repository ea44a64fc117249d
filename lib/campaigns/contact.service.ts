import { Injectable } from '@nestjs/common';
import { Readable } from 'node:stream';
import { listAllItems, termiiPage, type TermiiPage } from '../common/pages/termii-page.js';
import { checkTermiiId, termiiPathWithId } from '../common/path-segment.js';
import { TermiiValidationError, type TermiiValidationIssue } from '../errors/termii.error.js';
import { TermiiHttpClient } from '../http/termii-http.client.js';
import { validateInput } from '../validation/validate-input.js';
import { CAMPAIGN_PATHS } from './campaigns.paths.js';
import { AddContactDto } from './dto/add-contact.dto.js';
import {
  MAX_CONTACTS_CSV_BYTES,
  UploadContactsCountryDto,
  type UploadContactsInput,
} from './dto/upload-contacts.dto.js';
import { readContactsPage, type Contact } from './responses/contact.js';
import {
  readAcknowledgement,
  type TermiiAcknowledgement,
  type UploadedContacts,
} from './responses/termii-acknowledgement.js';

const TOO_LARGE = `csv must be at most ${MAX_CONTACTS_CSV_BYTES} bytes`;

/**
 * The contacts of Termii's phonebooks: list them, add one, or upload a CSV of many. Inject it by class (or
 * `@InjectContactService(name)`); `TermiiTestingModule` provides it too.
 *
 * There is no delete: Termii's current documentation gives `DELETE /api/phonebooks/{id}/contacts` no
 * contact id, and what it deletes (one contact, or every contact of the phonebook) is unverified. Delete
 * the phonebook with `PhonebookService.delete`, or remove a contact on Termii's dashboard.
 */
@Injectable()
export class ContactService {
  /** @internal Nest makes the service: inject it, never construct it. */
  constructor(private readonly client: TermiiHttpClient) {}

  /**
   * The first page of a phonebook's contacts; `nextPage()` on it asks for the next one. Reads the current
   * answer (`{ headers, phonebook, data: <page> }`, fields in `contact_list_key_value`) and the older page
   * of flat contacts alike.
   * @throws TermiiValidationError for an invalid id (nothing is sent); otherwise a `TermiiError` subclass.
   */
  async list(phonebookId: string): Promise<TermiiPage<Contact>> {
    return this.page(termiiPathWithId(CAMPAIGN_PATHS.listContacts, 'phonebookId', phonebookId), undefined);
  }

  /** Every contact of a phonebook, page after page (one GET per page, at most `TERMII_LIST_ALL_MAX_PAGES`). */
  listAll(phonebookId: string): AsyncGenerator<Contact, void, undefined> {
    // Checked now, not at the first `next()`: a bad id is the caller's mistake, told where it is made.
    const path = termiiPathWithId(CAMPAIGN_PATHS.listContacts, 'phonebookId', phonebookId);
    return listAllItems(() => this.page(path, undefined));
  }

  /**
   * Adds one contact to a phonebook.
   * @throws TermiiValidationError for an invalid id or input (nothing is sent); otherwise a `TermiiError` subclass.
   */
  async add(phonebookId: string, input: AddContactDto): Promise<TermiiAcknowledgement> {
    const path = termiiPathWithId(CAMPAIGN_PATHS.addContact, 'phonebookId', phonebookId);
    const dto = validateInput(AddContactDto, input);
    const body = {
      phone_number: dto.phoneNumber,
      country_code: dto.countryCode,
      email_address: dto.email,
      first_name: dto.firstName,
      last_name: dto.lastName,
      company: dto.company,
    };
    return this.client.post('addContact', path, body, readAcknowledgement);
  }

  /**
   * Uploads a CSV of contacts into a phonebook: `multipart/form-data` with the CSV as the part `file`
   * (`text/csv`) and a part `contact` (`application/json`, as Termii requires) holding `pid`,
   * `country_code` and the API key — the key travels only there. Termii reads the CSV in the background:
   * the contacts appear later, and the result says only that the upload was taken.
   * @throws TermiiValidationError for an invalid id, country code or CSV (empty, not text, bytes or a
   * stream, or over `MAX_CONTACTS_CSV_BYTES`): nothing is sent; a stream's own error, as it is (nothing is
   * sent either); otherwise a `TermiiError` subclass.
   */
  async upload(phonebookId: string, input: UploadContactsInput): Promise<UploadedContacts> {
    const issues: TermiiValidationIssue[] = [];
    const collect = (check: () => void) => {
      try {
        check();
      } catch (error) {
        if (!(error instanceof TermiiValidationError)) throw error;
        issues.push(...error.issues);
      }
    };
    let pid = '';
    collect(() => (pid = checkTermiiId('phonebookId', phonebookId)));
    const { csv, countryCode, ...rest } = (input ?? {}) as Partial<UploadContactsInput>;
    let country: UploadContactsCountryDto | undefined;
    collect(() => (country = validateInput(UploadContactsCountryDto, { countryCode, ...rest })));
    const csvProblem = csvProblemOf(csv);
    if (csvProblem !== undefined) issues.push({ property: 'csv', messages: [csvProblem] });
    if (issues.length > 0 || country === undefined) throw new TermiiValidationError(issues);
    const content = await csvBytes(csv as UploadContactsInput['csv']);
    if (content.length === 0)
      throw new TermiiValidationError([{ property: 'csv', messages: ['csv must not be empty'] }]);
    const acknowledgement = await this.client.postMultipart(
      'uploadContacts',
      CAMPAIGN_PATHS.uploadContacts,
      {
        file: { name: 'file', fileName: 'contacts.csv', contentType: 'text/csv', content },
        keyed: { name: 'contact', fields: { pid, country_code: country.countryCode } },
      },
      readAcknowledgement,
    );
    return { ...acknowledgement, processedInBackground: true };
  }

  private async page(path: string, page: number | undefined): Promise<TermiiPage<Contact>> {
    const contents = await this.client.get('listContacts', path, readContactsPage, { page });
    return termiiPage(contents, (next) => this.page(path, next));
  }
}

/** What is wrong with `csv` before it is read, in words; `undefined` when nothing is. */
function csvProblemOf(csv: unknown): string | undefined {
  if (typeof csv === 'string') {
    if (csv.trim() === '') return 'csv must not be empty';
    return Buffer.byteLength(csv, 'utf8') > MAX_CONTACTS_CSV_BYTES ? TOO_LARGE : undefined;
  }
  if (Buffer.isBuffer(csv)) {
    if (csv.length === 0) return 'csv must not be empty';
    return csv.length > MAX_CONTACTS_CSV_BYTES ? TOO_LARGE : undefined;
  }
  if (csv instanceof Readable) return undefined;
  return 'csv must be a string, a Buffer or a Readable stream';
}

/** The CSV's bytes: a stream is read to its end, and refused past `MAX_CONTACTS_CSV_BYTES`. */
async function csvBytes(csv: UploadContactsInput['csv']): Promise<Buffer> {
  if (typeof csv === 'string') return Buffer.from(csv, 'utf8');
  if (Buffer.isBuffer(csv)) return csv;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of csv) {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.from(chunk as Uint8Array);
    size += bytes.length;
    if (size > MAX_CONTACTS_CSV_BYTES) {
      csv.destroy();
      throw new TermiiValidationError([{ property: 'csv', messages: [TOO_LARGE] }]);
    }
    chunks.push(bytes);
  }
  return Buffer.concat(chunks, size);
}
