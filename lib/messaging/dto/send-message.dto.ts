import { ValidateIf } from 'class-validator';
import { smsEncodingOf } from '../../common/sms-encoding.js';
import { TermiiValidationError, type TermiiValidationIssue } from '../../errors/termii.error.js';
import type { ResolvedMessagingDefaults } from '../../options/termii-options.js';
import { SenderIdRules } from '../../token/dto/token-fields.js';
import { toPlain } from '../../validation/dto-mapping.js';
import { MessageChannel } from '../message-channel.enum.js';
import { MessageType } from '../message-type.enum.js';
import {
  MAX_MESSAGE_RECIPIENTS,
  MediaRules,
  mediaOnTheWire,
  MessageChannelRules,
  MessageTextRules,
  MessageTypeRules,
  missingFromCallAndOptions,
  RecipientsRules,
  type MessageMedia,
} from './message-fields.js';

// A WhatsApp device's name, as the dashboard shows it: not blank, no control characters, short.
const DEVICE_NAME = /^(?=.*\S)[^\u0000-\u001f\u007f]{1,64}$/;

/**
 * Input of `MessagingService.send`: one message to 1–100 recipients, by SMS (`dnd`, `generic`), WhatsApp or
 * a voice call. Fields left out take the module's `messaging` defaults.
 */
export class SendMessageDto {
  /**
   * The recipient, or up to 100 of them, in international format (`2348109477743`, or written
   * `+234 810-947 7743`), each once. One number is sent as a string, an array as an array.
   */
  @RecipientsRules(MAX_MESSAGE_RECIPIENTS)
  to!: string | string[];

  /**
   * The text (wire name `sms`), 1 to 1 600 characters. Required unless `media` is given; left out when it is
   * (a WhatsApp file carries its `caption` instead).
   */
  @MessageTextRules({ optional: true })
  text?: string;

  /**
   * The approved sender ID (3–11 letters or digits, or a number), or for WhatsApp the device name (1–64
   * characters). Left out: the module option `messaging.senderId`.
   */
  // For WhatsApp `from` names a device, not a sender ID: checked in `completeSendMessage`.
  @ValidateIf((dto: SendMessageDto) => dto.channel !== MessageChannel.WHATSAPP)
  @SenderIdRules()
  from?: string;

  /** The route: `dnd`, `generic`, `whatsapp` or `voice`. Left out: `messaging.channel` (`dnd` by default). */
  @MessageChannelRules()
  channel?: MessageChannel;

  /**
   * `plain` (GSM-7) or `unicode`. Left out: `unicode` when the text has a character outside the GSM 03.38
   * alphabet, else `plain`. A voice message always travels as Termii's `type: "voice"`.
   */
  @MessageTypeRules()
  type?: MessageType;

  /** A WhatsApp file `{ url, caption? }` (`url` an `https:` URL); only with `channel: 'whatsapp'`. */
  @MediaRules()
  media?: MessageMedia;
}

/** The `type` a text travels with: the call's, else `unicode` when GSM-7 cannot carry it, else `plain`. */
export function messageTypeOf(text: string | undefined, type: MessageType | undefined): MessageType {
  if (type !== undefined) return type;
  return text !== undefined && smsEncodingOf(text) === 'unicode' ? MessageType.UNICODE : MessageType.PLAIN;
}

/**
 * The wire body of a validated `send` (without `api_key`): every field the call left out taken from the
 * module's `messaging` defaults, in Termii's documented order `{ to, from, sms, type, channel }`, or with
 * `media` in place of `sms`. The rules that need more than one field are checked here.
 * @throws TermiiValidationError naming each field at fault; nothing is sent.
 */
export function sendMessageBody(dto: SendMessageDto, defaults: ResolvedMessagingDefaults): Record<string, unknown> {
  const channel = dto.channel ?? defaults.channel;
  const from = dto.from ?? defaults.senderId;
  const issues: TermiiValidationIssue[] = [];
  if (from === undefined) {
    const what = channel === MessageChannel.WHATSAPP ? 'the WhatsApp device name' : 'an approved sender ID';
    issues.push({ property: 'from', messages: [missingFromCallAndOptions('from', 'senderId', what)] });
  } else if (channel === MessageChannel.WHATSAPP && (typeof from !== 'string' || !DEVICE_NAME.test(from))) {
    issues.push({
      property: 'from',
      messages: ['from must be the WhatsApp device name: 1 to 64 characters, not blank, no control characters'],
    });
  }
  if (dto.media !== undefined) {
    if (channel !== MessageChannel.WHATSAPP) {
      issues.push({ property: 'media', messages: ["media is sent only with channel 'whatsapp'"] });
    }
    if (dto.text !== undefined) {
      issues.push({ property: 'text', messages: ['text must be left out with media (give media.caption instead)'] });
    }
  } else if (dto.text === undefined) {
    issues.push({ property: 'text', messages: ['text is required (unless media is given)'] });
  }
  if (issues.length > 0) throw new TermiiValidationError(issues);
  // Termii does not deliver a voice message sent with any other type.
  const type = channel === MessageChannel.VOICE ? 'voice' : messageTypeOf(dto.text, dto.type);
  const wire = Object.assign(new SendMessageDto(), {
    to: dto.to,
    from,
    ...(dto.media === undefined ? { text: dto.text } : {}),
    type: type as MessageType,
    channel,
    ...(dto.media !== undefined ? { media: mediaOnTheWire(dto.media) } : {}),
  });
  return toPlain(wire);
}
