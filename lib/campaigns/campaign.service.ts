import { Injectable } from '@nestjs/common';
import { listAllItems, termiiPage, type TermiiPage } from '../common/pages/termii-page.js';
import { termiiPathWithId } from '../common/path-segment.js';
import { TermiiHttpClient } from '../http/termii-http.client.js';
import { validateInput } from '../validation/validate-input.js';
import { CAMPAIGN_PATHS } from './campaigns.paths.js';
import { SendCampaignDto } from './dto/send-campaign.dto.js';
import { readCampaign, readCampaignRecipient, type Campaign, type CampaignRecipient } from './responses/campaign.js';
import { pageOf } from './responses/read-fields.js';
import { readAcknowledgement, type TermiiAcknowledgement } from './responses/termii-acknowledgement.js';
import { formatTermiiScheduleTime } from './schedule-time.js';

/**
 * Termii's SMS campaigns: one message to every contact of a phonebook, now or at a set time. Inject it by
 * class (or `@InjectCampaignService(name)`); `TermiiTestingModule` provides it too.
 *
 * `send` and `retry` are writes, never retried once a connection was made: each may send, and bill, a
 * message to every contact. The lists are reads.
 */
@Injectable()
export class CampaignService {
  /** @internal Nest makes the service: inject it, never construct it. */
  constructor(private readonly client: TermiiHttpClient) {}

  /**
   * Sends a campaign to a phonebook, now, or at `scheduleAt` — written as Termii's `schedule_time`,
   * `DD-MM-YYYY HH:mm` in West Africa Time (UTC+01:00), to the minute. Termii answers only with a message
   * (no campaign id): find the campaign with `list()`.
   * @throws TermiiValidationError for invalid input, a `scheduleAt` in the past among it (nothing is sent);
   * otherwise a `TermiiError` subclass, e.g. `TermiiInsufficientBalanceError`.
   */
  async send(input: SendCampaignDto): Promise<TermiiAcknowledgement> {
    const dto = validateInput(SendCampaignDto, input);
    const scheduled = dto.scheduleAt !== undefined;
    const body = {
      country_code: dto.countryCode,
      sender_id: dto.senderId,
      message: dto.message,
      channel: dto.channel,
      message_type: dto.type,
      phonebook_id: dto.phonebookId,
      campaign_type: dto.campaignType,
      schedule_sms_status: scheduled ? 'scheduled' : 'regular',
      schedule_time: dto.scheduleAt === undefined ? undefined : formatTermiiScheduleTime(dto.scheduleAt.getTime()),
      enable_link_tracking: dto.enableLinkTracking ?? false,
    };
    return this.client.post('sendCampaign', CAMPAIGN_PATHS.sendCampaign, body, readAcknowledgement);
  }

  /**
   * The first page of the account's campaigns; `nextPage()` on it asks for the next one.
   * @throws TermiiResponseError for an answer that is not a page of campaigns; otherwise a `TermiiError` subclass.
   */
  list(): Promise<TermiiPage<Campaign>> {
    return this.campaigns(undefined);
  }

  /** Every campaign, page after page (one GET per page, at most `TERMII_LIST_ALL_MAX_PAGES`). */
  listAll(): AsyncGenerator<Campaign, void, undefined> {
    return listAllItems(() => this.list());
  }

  /**
   * The first page of a campaign's messages, one per recipient, with Termii's message ids digit for digit.
   * @throws TermiiValidationError for an invalid id (nothing is sent); otherwise a `TermiiError` subclass.
   */
  async history(campaignId: string): Promise<TermiiPage<CampaignRecipient>> {
    return this.recipients(termiiPathWithId(CAMPAIGN_PATHS.getCampaignHistory, 'campaignId', campaignId), undefined);
  }

  /** Every message of a campaign, page after page (one GET per page, at most `TERMII_LIST_ALL_MAX_PAGES`). */
  historyAll(campaignId: string): AsyncGenerator<CampaignRecipient, void, undefined> {
    // Checked now, not at the first `next()`: a bad id is the caller's mistake, told where it is made.
    const path = termiiPathWithId(CAMPAIGN_PATHS.getCampaignHistory, 'campaignId', campaignId);
    return listAllItems(() => this.recipients(path, undefined));
  }

  /**
   * Asks Termii to send a campaign's failed messages again.
   * @throws TermiiValidationError for an invalid id (nothing is sent); otherwise a `TermiiError` subclass.
   */
  async retry(campaignId: string): Promise<TermiiAcknowledgement> {
    const path = termiiPathWithId(CAMPAIGN_PATHS.retryCampaign, 'campaignId', campaignId);
    return this.client.patch('retryCampaign', path, {}, readAcknowledgement);
  }

  private async campaigns(page: number | undefined): Promise<TermiiPage<Campaign>> {
    const contents = await this.client.get(
      'listCampaigns',
      CAMPAIGN_PATHS.listCampaigns,
      (response) => pageOf(response, readCampaign),
      { page },
    );
    return termiiPage(contents, (next) => this.campaigns(next));
  }

  private async recipients(path: string, page: number | undefined): Promise<TermiiPage<CampaignRecipient>> {
    const contents = await this.client.get(
      'getCampaignHistory',
      path,
      (response) => pageOf(response, readCampaignRecipient),
      { page },
    );
    return termiiPage(contents, (next) => this.recipients(path, next));
  }
}
