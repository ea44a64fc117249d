import { Injectable } from '@nestjs/common';
import { listAllItems, termiiPage, type TermiiPage } from '../common/pages/termii-page.js';
import { termiiPathWithId } from '../common/path-segment.js';
import { TermiiHttpClient } from '../http/termii-http.client.js';
import { validateInput } from '../validation/validate-input.js';
import { CAMPAIGN_PATHS } from './campaigns.paths.js';
import { PhonebookDto } from './dto/phonebook.dto.js';
import { readPhonebook, type Phonebook } from './responses/phonebook.js';
import { pageOf } from './responses/read-fields.js';
import { readAcknowledgement, type TermiiAcknowledgement } from './responses/termii-acknowledgement.js';

/**
 * Termii's phonebooks: the lists of contacts a campaign is sent to. Inject it by class (or
 * `@InjectPhonebookService(name)` for a named registration); `TermiiTestingModule` provides it too.
 *
 * Lists are reads (retried after a timeout, a reset or a 502/503/504); `create`, `update` and `delete` are
 * writes, never retried once a connection was made.
 */
@Injectable()
export class PhonebookService {
  /** @internal Nest makes the service: inject it, never construct it. */
  constructor(private readonly client: TermiiHttpClient) {}

  /**
   * The first page of the account's phonebooks; `nextPage()` on it asks for the next one.
   * @throws TermiiResponseError for an answer that is not a page of phonebooks; otherwise a `TermiiError` subclass.
   */
  list(): Promise<TermiiPage<Phonebook>> {
    return this.page(undefined);
  }

  /** Every phonebook, page after page (one GET per page, at most `TERMII_LIST_ALL_MAX_PAGES`). */
  listAll(): AsyncGenerator<Phonebook, void, undefined> {
    return listAllItems(() => this.list());
  }

  /**
   * Creates a phonebook. Termii's answer carries no id (only `"Phonebook added successfully"`): find the new
   * phonebook with `list()` by its name. No `createAndFind` is offered: names are not known to be unique at
   * Termii, so a lookup by name could return another caller's phonebook created at the same moment.
   * @throws TermiiValidationError for invalid input (nothing is sent); otherwise a `TermiiError` subclass.
   */
  async create(input: PhonebookDto): Promise<TermiiAcknowledgement> {
    const dto = validateInput(PhonebookDto, input);
    const body = { phonebook_name: dto.name, description: dto.description };
    return this.client.post('createPhonebook', CAMPAIGN_PATHS.createPhonebook, body, readAcknowledgement);
  }

  /**
   * Renames a phonebook, or changes its description.
   * @throws TermiiValidationError for an invalid id (one with `/`, `?`, `#` or `..`) or input (nothing is
   * sent); otherwise a `TermiiError` subclass (e.g. `TermiiApiError` 404 for an unknown phonebook).
   */
  async update(phonebookId: string, input: PhonebookDto): Promise<TermiiAcknowledgement> {
    const path = termiiPathWithId(CAMPAIGN_PATHS.updatePhonebook, 'phonebookId', phonebookId);
    const dto = validateInput(PhonebookDto, input);
    const body = { phonebook_name: dto.name, description: dto.description };
    return this.client.patch('updatePhonebook', path, body, readAcknowledgement);
  }

  /**
   * Deletes a phonebook and its contacts.
   * @throws TermiiValidationError for an invalid id (nothing is sent); otherwise a `TermiiError` subclass.
   */
  async delete(phonebookId: string): Promise<TermiiAcknowledgement> {
    const path = termiiPathWithId(CAMPAIGN_PATHS.deletePhonebook, 'phonebookId', phonebookId);
    return this.client.delete('deletePhonebook', path, readAcknowledgement);
  }

  private async page(page: number | undefined): Promise<TermiiPage<Phonebook>> {
    const contents = await this.client.get(
      'listPhonebooks',
      CAMPAIGN_PATHS.listPhonebooks,
      (response) => pageOf(response, readPhonebook),
      { page },
    );
    return termiiPage(contents, (next) => this.page(next));
  }
}
