import { randomUUID } from 'node:crypto';
import { CAMPAIGN_PATHS } from '../../campaigns/campaigns.paths.js';
import { parseTermiiScheduleTime } from '../../campaigns/schedule-time.js';
import type { TermiiEmulatorProduct, TermiiEmulatorState } from '../emulator-state.js';
import { jsonAnswer, type TermiiEmulatorCall, type TermiiEmulatorRoute } from '../emulator-route.js';
import { declaresJson } from '../insights/insights-product.js';
import { deliverMessage } from '../messaging/deliver-message.js';
import { isAbsent, readString } from '../request-fields.js';
import { SENDER_ID_REFUSED_BODY, SENDER_ID_REFUSED_STATUS } from '../sender-ids/sender-id-registry.js';
import type { TermiiEmulatorResponse } from '../termii-emulator-exchange.js';
import { parseCsv } from './csv.js';
import { parseMultipart } from './multipart.js';
import { internationalNumber, TermiiPhonebooks, type TermiiEmulatedPhonebook } from './phonebooks.js';
import { springPage } from './spring-page.js';

/** A campaign's state: waiting for its time, sent, or refused when it ran (balance, sender ID, no contacts). */
export type TermiiCampaignStatus = 'Scheduled' | 'Completed' | 'Failed';

/** A campaign of the emulated account. */
interface EmulatedCampaign {
  id: string;
  phonebookId: string;
  phonebookName: string;
  sender: string;
  message: string;
  channel: 'dnd' | 'generic';
  messageType: 'plain' | 'unicode';
  countryCode: string;
  campaignType: string;
  status: TermiiCampaignStatus;
  totalRecipients: number;
  runAt: number;
  createdAt: number;
}

const CONTACT_PHONE = /^[0-9]{6,15}$/;
const COUNTRY_CODE = /^[1-9][0-9]{0,2}$/;
/** The contact fields `POST /api/phonebooks/{id}/contacts` takes besides the number. */
const CONTACT_FIELDS = ['email_address', 'first_name', 'last_name', 'company'] as const;

const iso = (time: number): string => new Date(time).toISOString();
const notFound = (what: string) => jsonAnswer(404, { message: `${what} not found` });
const problemsAnswer = (problems: string[]) => jsonAnswer(400, { message: problems.join('; ') });

/** One of `allowed`, or a problem pushed onto `problems`. */
function readChoice<T extends string>(
  body: Record<string, unknown>,
  field: string,
  allowed: readonly T[],
  problems: string[],
): T | undefined {
  const value = readString(body, field, problems);
  if (value === undefined) return undefined;
  if (!allowed.includes(value as T)) {
    problems.push(`${field} must be one of ${allowed.join(', ')}`);
    return undefined;
  }
  return value as T;
}

/**
 * Termii's Campaign endpoints as the emulator plays them: phonebooks, their contacts (one at a time, or a
 * CSV upload), and SMS campaigns to a phonebook, sent now or when the emulator's clock reaches their
 * `schedule_time` (`DD-MM-YYYY HH:mm`, West Africa Time). A campaign delivers through the one delivery path
 * of every message (sender-ID registry, wallet, outbox, DND, delivery reports): one outbox entry per
 * contact, each marked with the campaign's id, which `GET /api/sms/campaigns/{id}` reads back.
 *
 * - Lists answer the current hosts' Spring pages (15 rows, `page` from 0); a GET that declares a JSON body
 *   gets an empty 200, as on Termii's v3 hosts.
 * - An upload is `multipart/form-data`: a `file` part (CSV with a header row; the `phone_number` column, or
 *   the first column) and a `contact` part whose content type must be `application/json` (else it is
 *   "missing", as at Termii) holding `pid`, `country_code` and `api_key`. Rows whose number is not 6 to 15
 *   digits are skipped. The contacts are added at once (Termii adds them in the background).
 * - A campaign that runs now and cannot be paid (or whose sender ID is refused) answers that refusal and is
 *   not kept; a scheduled one is checked for its sender ID when sent, and fails (status `Failed`) if it
 *   cannot be paid when its time comes; `PATCH /api/sms/campaigns/{id}` runs a failed campaign again.
 */
export class TermiiCampaignsProduct implements TermiiEmulatorProduct {
  readonly routes: readonly TermiiEmulatorRoute[];
  readonly #phonebooks = new TermiiPhonebooks();
  #campaigns: EmulatedCampaign[] = [];

  constructor(
    private readonly state: TermiiEmulatorState,
    /** Whether the emulator accepts an API key: the upload reads its key from its own `contact` part. */
    private readonly accepts: (apiKey: string | undefined) => boolean,
  ) {
    const route = (
      operation: TermiiEmulatorRoute['operation'],
      method: TermiiEmulatorRoute['method'],
      answer: (call: TermiiEmulatorCall) => TermiiEmulatorResponse,
    ): TermiiEmulatorRoute => ({
      operation,
      method,
      path: CAMPAIGN_PATHS[operation as keyof typeof CAMPAIGN_PATHS],
      // A read declaring a JSON body gets Termii's v3 empty 200.
      answer: (call) =>
        method === 'GET' && declaresJson(call.request.headers) ? { status: 200, headers: {}, body: '' } : answer(call),
    });
    this.routes = [
      route('listPhonebooks', 'GET', ({ query }) => this.listPhonebooks(query)),
      route('createPhonebook', 'POST', ({ body, now }) => this.createPhonebook(body ?? {}, now)),
      route('updatePhonebook', 'PATCH', ({ body, params, now }) => this.updatePhonebook(params['id'], body ?? {}, now)),
      route('deletePhonebook', 'DELETE', ({ params }) => this.deletePhonebook(params['id'])),
      route('listContacts', 'GET', ({ params, query }) => this.listContacts(params['id'], query)),
      route('addContact', 'POST', ({ params, body, now }) => this.addContact(params['id'], body ?? {}, now)),
      { ...route('uploadContacts', 'POST', (call) => this.uploadContacts(call)), keyIn: 'multipart' },
      route('sendCampaign', 'POST', ({ body, now }) => this.sendCampaign(body ?? {}, now)),
      route('listCampaigns', 'GET', ({ query }) => this.listCampaigns(query)),
      route('getCampaignHistory', 'GET', ({ params, query }) => this.history(params['id'], query)),
      route('retryCampaign', 'PATCH', ({ params }) => this.retry(params['id'])),
    ];
  }

  /** Runs every scheduled campaign whose time has come, oldest first. */
  onClock(now: number): void {
    for (const campaign of this.#campaigns) {
      if (campaign.status === 'Scheduled' && campaign.runAt <= now) this.run(campaign);
    }
  }

  reset(): void {
    this.#phonebooks.clear();
    this.#campaigns = [];
  }

  private listPhonebooks(query: URLSearchParams): TermiiEmulatorResponse {
    const rows = this.#phonebooks.list().map((phonebook) => ({
      id: phonebook.id,
      name: phonebook.name,
      total_number_of_contacts: phonebook.contacts.length,
      date_created: iso(phonebook.createdAt),
      last_updated: iso(phonebook.updatedAt),
    }));
    return jsonAnswer(200, springPage(rows, query));
  }

  /** `phonebook_name` (required) and `description` (optional) of a create or update. */
  private readPhonebookFields(body: Record<string, unknown>): { name: string; description?: string } | string[] {
    const problems: string[] = [];
    const name = readString(body, 'phonebook_name', problems);
    const description = isAbsent(body['description']) ? undefined : readString(body, 'description', problems);
    if (name === undefined || problems.length > 0) return problems;
    return { name, ...(description !== undefined ? { description } : {}) };
  }

  private createPhonebook(body: Record<string, unknown>, now: number): TermiiEmulatorResponse {
    const fields = this.readPhonebookFields(body);
    if (Array.isArray(fields)) return problemsAnswer(fields);
    this.#phonebooks.create(fields.name, fields.description, now);
    // Termii's documented answer: no id.
    return jsonAnswer(200, { message: 'Phonebook added successfully' });
  }

  private updatePhonebook(id: string, body: Record<string, unknown>, now: number): TermiiEmulatorResponse {
    const phonebook = this.#phonebooks.get(id);
    if (phonebook === undefined) return notFound('Phonebook');
    const fields = this.readPhonebookFields(body);
    if (Array.isArray(fields)) return problemsAnswer(fields);
    phonebook.name = fields.name;
    if (fields.description !== undefined) phonebook.description = fields.description;
    phonebook.updatedAt = now;
    return jsonAnswer(200, { message: 'Phonebook updated successfully' });
  }

  private deletePhonebook(id: string): TermiiEmulatorResponse {
    if (!this.#phonebooks.delete(id)) return notFound('Phonebook');
    return jsonAnswer(200, { message: 'Phonebook deleted successfully' });
  }

  private listContacts(id: string, query: URLSearchParams): TermiiEmulatorResponse {
    const phonebook = this.#phonebooks.get(id);
    if (phonebook === undefined) return notFound('Phonebook');
    const headers = new Set(['phone_number']);
    for (const contact of phonebook.contacts) for (const key of Object.keys(contact.fields)) headers.add(key);
    const rows = phonebook.contacts.map((contact) => ({
      id: contact.id,
      pid: phonebook.id,
      phone_number: contact.phoneNumber,
      contact_list_key_value: Object.entries(contact.fields).map(([key, value]) => ({ key, value })),
    }));
    // The current hosts' answer: the columns, the phonebook, and the page under `data`.
    return jsonAnswer(200, {
      headers: [...headers],
      phonebook: { id: phonebook.id, name: phonebook.name, total_number_of_contacts: phonebook.contacts.length },
      data: springPage(rows, query),
    });
  }

  private addContact(id: string, body: Record<string, unknown>, now: number): TermiiEmulatorResponse {
    const phonebook = this.#phonebooks.get(id);
    if (phonebook === undefined) return notFound('Phonebook');
    const problems: string[] = [];
    const phoneNumber = readString(body, 'phone_number', problems);
    if (phoneNumber !== undefined && !CONTACT_PHONE.test(phoneNumber))
      problems.push('phone_number must be 6 to 15 digits');
    const countryCode = isAbsent(body['country_code']) ? undefined : readString(body, 'country_code', problems);
    if (countryCode !== undefined && !COUNTRY_CODE.test(countryCode))
      problems.push('country_code must be 1 to 3 digits');
    const fields: Record<string, string> = {};
    for (const field of CONTACT_FIELDS) {
      if (isAbsent(body[field])) continue;
      const value = readString(body, field, problems);
      if (value !== undefined) fields[field] = value;
    }
    if (phoneNumber === undefined || problems.length > 0) return problemsAnswer(problems);
    this.#phonebooks.addContact(phonebook, internationalNumber(phoneNumber, countryCode), fields, now);
    return jsonAnswer(200, { message: 'Contact added successfully' });
  }

  private uploadContacts({ request, now }: TermiiEmulatorCall): TermiiEmulatorResponse {
    const parts = parseMultipart(request);
    if (parts === undefined) return jsonAnswer(400, { message: 'The request must be multipart/form-data' });
    // Termii binds `contact` by its content type: an untyped (or text) part is as good as missing.
    const contactPart = parts.find((part) => part.name === 'contact' && part.contentType === 'application/json');
    let contact: Record<string, unknown> | undefined;
    try {
      const parsed: unknown = contactPart === undefined ? undefined : JSON.parse(contactPart.content);
      if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed))
        contact = parsed as Record<string, unknown>;
    } catch {
      contact = undefined;
    }
    if (contact === undefined) return jsonAnswer(400, { message: 'The contact field is required' });
    const apiKey = contact['api_key'];
    if (!this.accepts(typeof apiKey === 'string' ? apiKey : undefined))
      return jsonAnswer(401, { message: 'Unauthorized' });
    const problems: string[] = [];
    const pid = readString(contact, 'pid', problems);
    const countryCode = readString(contact, 'country_code', problems);
    if (countryCode !== undefined && !COUNTRY_CODE.test(countryCode))
      problems.push('country_code must be 1 to 3 digits');
    const file = parts.find((part) => part.name === 'file');
    if (file === undefined) problems.push('The file field is required');
    if (pid === undefined || file === undefined || problems.length > 0) return problemsAnswer(problems);
    const phonebook = this.#phonebooks.get(pid);
    if (phonebook === undefined) return notFound('Phonebook');
    this.addRows(phonebook, parseCsv(file.content), countryCode, now);
    return jsonAnswer(200, { message: 'Your contacts are being uploaded and will be added to the phonebook shortly' });
  }

  /** A CSV's rows as contacts: a header row, then the `phone_number` column (or the first) of each row. */
  private addRows(
    phonebook: TermiiEmulatedPhonebook,
    rows: string[][],
    countryCode: string | undefined,
    now: number,
  ): void {
    const [header = [], ...data] = rows;
    const names = header.map((name) => name.trim());
    const phoneColumn = Math.max(0, names.indexOf('phone_number'));
    for (const row of data) {
      const phoneNumber = (row[phoneColumn] ?? '').replace(/[\s\-.()+]/g, '');
      if (!CONTACT_PHONE.test(phoneNumber)) continue;
      const fields: Record<string, string> = {};
      names.forEach((name, column) => {
        if (column !== phoneColumn && name !== '' && row[column] !== undefined && row[column] !== '')
          fields[name] = row[column];
      });
      this.#phonebooks.addContact(phonebook, internationalNumber(phoneNumber, countryCode), fields, now);
    }
  }

  private sendCampaign(body: Record<string, unknown>, now: number): TermiiEmulatorResponse {
    const problems: string[] = [];
    const countryCode = readString(body, 'country_code', problems);
    const sender = readString(body, 'sender_id', problems);
    const message = readString(body, 'message', problems);
    const channel = readChoice(body, 'channel', ['dnd', 'generic'], problems);
    const messageType = readChoice(body, 'message_type', ['plain', 'unicode'], problems);
    const phonebookId = readString(body, 'phonebook_id', problems);
    const campaignType = readChoice(body, 'campaign_type', ['regular', 'personalized'], problems);
    const schedule = readChoice(body, 'schedule_sms_status', ['scheduled', 'regular'], problems);
    let runAt = now;
    if (schedule === 'scheduled') {
      const text = readString(body, 'schedule_time', problems);
      const time = text === undefined ? undefined : parseTermiiScheduleTime(text);
      if (text !== undefined && time === undefined) problems.push('schedule_time must be DD-MM-YYYY HH:mm');
      else if (time !== undefined && time <= now) problems.push('schedule_time must be in the future');
      else if (time !== undefined) runAt = time;
    }
    if (
      problems.length > 0 ||
      countryCode === undefined ||
      sender === undefined ||
      message === undefined ||
      channel === undefined ||
      messageType === undefined ||
      phonebookId === undefined ||
      campaignType === undefined
    ) {
      return problemsAnswer(problems);
    }
    const phonebook = this.#phonebooks.get(phonebookId);
    if (phonebook === undefined) return notFound('Phonebook');
    if (phonebook.contacts.length === 0) return jsonAnswer(400, { message: 'The phonebook has no contacts' });
    const campaign: EmulatedCampaign = {
      id: randomUUID(),
      phonebookId,
      phonebookName: phonebook.name,
      sender,
      message,
      channel,
      messageType,
      countryCode,
      campaignType,
      status: 'Scheduled',
      totalRecipients: phonebook.contacts.length,
      runAt,
      createdAt: now,
    };
    if (schedule === 'scheduled') {
      // The sender ID is checked when the campaign is sent, as for every send; the balance when it runs.
      const refusal = deliveryRefusalForSender(this.state, sender);
      if (refusal !== undefined) return refusal;
      this.#campaigns.push(campaign);
      return jsonAnswer(200, { message: 'Your campaign has been scheduled' });
    }
    const refusal = this.run(campaign);
    if (refusal !== undefined) return refusal;
    this.#campaigns.push(campaign);
    return jsonAnswer(200, { message: 'Your campaign has been successfully sent' });
  }

  /**
   * Sends `campaign` to its phonebook's contacts now, through the one delivery path; it ends `Completed`,
   * or `Failed` with the refusal returned (insufficient balance, sender ID, phonebook gone or empty).
   */
  private run(campaign: EmulatedCampaign): TermiiEmulatorResponse | undefined {
    const phonebook = this.#phonebooks.get(campaign.phonebookId);
    if (phonebook === undefined || phonebook.contacts.length === 0) {
      campaign.status = 'Failed';
      return jsonAnswer(400, { message: 'The phonebook has no contacts' });
    }
    const recipients = phonebook.contacts.map((contact) => contact.phoneNumber);
    campaign.totalRecipients = recipients.length;
    const delivery = deliverMessage(this.state, {
      channel: 'sms',
      smsChannel: campaign.channel,
      from: campaign.sender,
      recipients,
      text: campaign.message,
      messageType: campaign.messageType,
      extra: { campaignId: campaign.id },
    });
    campaign.status = delivery.ok ? 'Completed' : 'Failed';
    return delivery.ok ? undefined : delivery.response;
  }

  private listCampaigns(query: URLSearchParams): TermiiEmulatorResponse {
    const rows = [...this.#campaigns].reverse().map((campaign) => ({
      campaign_id: campaign.id,
      phone_book: campaign.phonebookName,
      sender: campaign.sender,
      camp_type: campaign.campaignType,
      channel: campaign.channel,
      total_recipients: campaign.totalRecipients,
      run_at: iso(campaign.runAt),
      status: campaign.status,
      created_at: iso(campaign.createdAt),
    }));
    return jsonAnswer(200, springPage(rows, query));
  }

  private history(id: string, query: URLSearchParams): TermiiEmulatorResponse {
    if (!this.#campaigns.some((campaign) => campaign.id === id)) return notFound('Campaign');
    const rows = this.state.outbox.messages
      .filter((message) => message.campaignId === id)
      .map((message, index) => ({
        id: index + 1,
        sender: message.from,
        receiver: message.recipient,
        message: message.text,
        amount: message.cost,
        channel: message.smsChannel,
        sms_type: message.messageType,
        message_id: message.messageId,
        status: message.status,
      }));
    return jsonAnswer(200, springPage(rows, query));
  }

  private retry(id: string): TermiiEmulatorResponse {
    const campaign = this.#campaigns.find((candidate) => candidate.id === id);
    if (campaign === undefined) return notFound('Campaign');
    if (campaign.status !== 'Failed')
      return jsonAnswer(400, { message: 'The campaign has no failed messages to retry' });
    const refusal = this.run(campaign);
    return refusal ?? jsonAnswer(200, { message: 'Campaign retried successfully' });
  }
}

/** The sender-ID refusal a send from `sender` would get, checked through the one delivery path's registry. */
function deliveryRefusalForSender(state: TermiiEmulatorState, sender: string): TermiiEmulatorResponse | undefined {
  if (!state.senderIds.refuses(sender)) return undefined;
  return jsonAnswer(SENDER_ID_REFUSED_STATUS, SENDER_ID_REFUSED_BODY);
}
