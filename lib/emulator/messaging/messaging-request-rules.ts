import { smsEncodingOf } from '../../common/sms-encoding.js';
import type { TermiiOutboxMessage } from '../outbox-message.js';
import { INTERNATIONAL_PHONE, isAbsent, readPhoneNumber, readString, type RuleCheck } from '../request-fields.js';

/** The most recipients Termii takes in one `/api/sms/send` or (current docs) `/api/sms/send/bulk` request. */
export const TERMII_MAX_RECIPIENTS_PER_REQUEST = 100;

/** Termii's message channels, as its API spells them. */
export type TermiiMessageChannel = 'dnd' | 'generic' | 'whatsapp' | 'voice';

const CHANNELS: readonly string[] = ['dnd', 'generic', 'whatsapp', 'voice'];
const SMS_CHANNELS: readonly string[] = ['dnd', 'generic'];
const TYPES: readonly string[] = ['plain', 'unicode', 'voice'];

/** A `/api/sms/send` or `/api/sms/send/bulk` request that passed Termii's rules. */
export interface ValidMessageRequest {
  recipients: string[];
  from: string;
  channel: TermiiMessageChannel;
  type: string;
  text?: string;
  media?: TermiiOutboxMessage['media'];
}

/** A Number API request that passed Termii's rules. */
export interface ValidNumberMessageRequest {
  recipient: string;
  text: string;
  /** How the text is billed: Termii picks the encoding itself on this endpoint. */
  type: 'plain' | 'unicode';
}

/** A WhatsApp template request that passed Termii's rules. */
export interface ValidTemplateRequest {
  recipient: string;
  template: NonNullable<TermiiOutboxMessage['template']>;
  media?: TermiiOutboxMessage['media'];
}

/** `to`: one number (a string, or a JSON number) or, unless `arrayOnly`, an array of 1 to `max`, none twice. */
function readRecipients(
  body: Record<string, unknown>,
  max: number,
  arrayOnly: boolean,
  problems: string[],
): string[] | undefined {
  const raw = body['to'];
  if (!Array.isArray(raw)) {
    if (arrayOnly) {
      problems.push('to must be an array of phone numbers');
      return undefined;
    }
    const one = readPhoneNumber(body, 'to', problems);
    return one === undefined ? undefined : [one];
  }
  if (raw.length === 0 || raw.length > max) {
    problems.push(`to must hold 1 to ${max} phone numbers`);
    return undefined;
  }
  const numbers = raw.map((item: unknown) => (typeof item === 'number' ? String(item) : item));
  if (numbers.some((item) => typeof item !== 'string' || !INTERNATIONAL_PHONE.test(item))) {
    problems.push('to must hold phone numbers in international format, digits only, e.g. 2348109477743');
    return undefined;
  }
  if (new Set(numbers).size !== numbers.length) {
    problems.push('to must not repeat a phone number');
    return undefined;
  }
  return numbers as string[];
}

/** `media`: `{ url, caption? }`, `url` a URL. */
function readMedia(body: Record<string, unknown>, problems: string[]): TermiiOutboxMessage['media'] | undefined {
  const raw = body['media'];
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    problems.push('media must be an object { url, caption }');
    return undefined;
  }
  const { url, caption } = raw as Record<string, unknown>;
  if (typeof url !== 'string' || !URL.canParse(url)) {
    problems.push('media.url must be a URL');
    return undefined;
  }
  if (caption !== undefined && caption !== null && typeof caption !== 'string') {
    problems.push('media.caption must be a string');
    return undefined;
  }
  return typeof caption === 'string' ? { url, caption } : { url };
}

/**
 * Termii's rules for `POST /api/sms/send` (one message, up to 100 recipients) and, with `bulk`,
 * `POST /api/sms/send/bulk` (`to` an array, `dnd` or `generic` only, no media). `sms` is required unless
 * WhatsApp `media` is given, and must be absent when it is; a voice message must say `type: "voice"`.
 */
export function checkMessageRequest(
  body: Record<string, unknown>,
  options: { bulk: boolean },
): RuleCheck<ValidMessageRequest> {
  const problems: string[] = [];
  const recipients = readRecipients(body, TERMII_MAX_RECIPIENTS_PER_REQUEST, options.bulk, problems);
  const from = readString(body, 'from', problems);
  if (from !== undefined && from.trim() === '') problems.push('from must be a sender ID or a device name');
  const channel = readString(body, 'channel', problems);
  const channels = options.bulk ? SMS_CHANNELS : CHANNELS;
  if (channel !== undefined && !channels.includes(channel)) {
    problems.push(`channel must be one of ${channels.join(', ')}`);
  }
  const type = readString(body, 'type', problems);
  if (type !== undefined && !TYPES.includes(type)) problems.push('type must be plain, unicode or voice');
  if (channel === 'voice' && type !== undefined && type !== 'voice') {
    problems.push('type must be voice on the voice channel');
  }
  let media: TermiiOutboxMessage['media'];
  let text: string | undefined;
  if (!isAbsent(body['media'])) {
    if (options.bulk || channel !== 'whatsapp') problems.push('media is sent only on the whatsapp channel');
    else media = readMedia(body, problems);
    if (body['sms'] !== undefined) problems.push('sms must be left out with media');
  } else {
    text = readString(body, 'sms', problems);
  }
  if (problems.length > 0) return { ok: false, message: problems.join('; ') };
  return {
    ok: true,
    value: {
      recipients: recipients!,
      from: from!,
      channel: channel as TermiiMessageChannel,
      type: type!,
      ...(text !== undefined ? { text } : {}),
      ...(media !== undefined ? { media } : {}),
    },
  };
}

/** Termii's rules for `POST /api/sms/number/send` (Number API): one `to`, an `sms`; no sender ID. */
export function checkNumberMessageRequest(body: Record<string, unknown>): RuleCheck<ValidNumberMessageRequest> {
  const problems: string[] = [];
  const recipient = readPhoneNumber(body, 'to', problems);
  const text = readString(body, 'sms', problems);
  if (problems.length > 0) return { ok: false, message: problems.join('; ') };
  return {
    ok: true,
    value: { recipient: recipient!, text: text!, type: smsEncodingOf(text!) === 'unicode' ? 'unicode' : 'plain' },
  };
}

/** Termii's rules for `POST /api/send/template` and, with `withMedia`, `/api/send/template/media`. */
export function checkTemplateRequest(
  body: Record<string, unknown>,
  options: { withMedia: boolean },
): RuleCheck<ValidTemplateRequest> {
  const problems: string[] = [];
  const recipient = readPhoneNumber(body, 'phone_number', problems);
  const deviceId = readString(body, 'device_id', problems);
  const templateId = readString(body, 'template_id', problems);
  const data = body['data'];
  if (data === null || typeof data !== 'object' || Array.isArray(data)) problems.push('data must be an object');
  let media: TermiiOutboxMessage['media'];
  if (options.withMedia) media = readMedia(body, problems);
  else if (!isAbsent(body['media'])) problems.push('media is sent to /api/send/template/media');
  if (problems.length > 0) return { ok: false, message: problems.join('; ') };
  return {
    ok: true,
    value: {
      recipient: recipient!,
      template: { templateId: templateId!, deviceId: deviceId!, data: data as Record<string, unknown> },
      ...(media !== undefined ? { media } : {}),
    },
  };
}
