import { TermiiValidationError } from '../../errors/termii.error.js';
import type { ResolvedMessagingDefaults } from '../../options/termii-options.js';
import { SenderIdRules } from '../../token/dto/token-fields.js';
import { toPlain } from '../../validation/dto-mapping.js';
import type { MessageChannel } from '../message-channel.enum.js';
import type { MessageType } from '../message-type.enum.js';
import {
  MAX_BULK_RECIPIENTS,
  MessageChannelRules,
  MessageTextRules,
  MessageTypeRules,
  missingFromCallAndOptions,
  RecipientsRules,
} from './message-fields.js';
import { messageTypeOf } from './send-message.dto.js';

/**
 * Input of `MessagingService.sendBulk`: one SMS text to up to 10 000 recipients, sent in batches of
 * `messaging.bulkBatchSize` (100 by default). Fields left out take the module's `messaging` defaults.
 */
export class SendBulkMessageDto {
  /** 1 to 10 000 recipients in international format, each once; sent in the order given. */
  @RecipientsRules(MAX_BULK_RECIPIENTS, { arrayOnly: true })
  to!: string[];

  /** The text (wire name `sms`), 1 to 1 600 characters. */
  @MessageTextRules()
  text!: string;

  /** The approved sender ID. Left out: the module option `messaging.senderId`. */
  @SenderIdRules()
  from?: string;

  /** The SMS route, `dnd` or `generic` (bulk messages go by SMS only). Left out: `messaging.channel`. */
  @MessageChannelRules({ smsOnly: true })
  channel?: MessageChannel.DND | MessageChannel.GENERIC;

  /** `plain` or `unicode`; left out, chosen from the text as for `send`. */
  @MessageTypeRules()
  type?: MessageType;
}

/**
 * The wire body of a validated `sendBulk`, without `to` and `api_key`: `{ from, sms, type, channel }`, the
 * same for every batch (each batch puts its own `to` first).
 * @throws TermiiValidationError when no sender ID is given, in the call or the options; nothing is sent.
 */
export function sendBulkMessageBody(
  dto: SendBulkMessageDto,
  defaults: ResolvedMessagingDefaults,
): Record<string, unknown> {
  const from = dto.from ?? defaults.senderId;
  if (from === undefined) {
    throw new TermiiValidationError([
      { property: 'from', messages: [missingFromCallAndOptions('from', 'senderId', 'an approved sender ID')] },
    ]);
  }
  const wire = Object.assign(new SendBulkMessageDto(), {
    from,
    text: dto.text,
    type: messageTypeOf(dto.text, dto.type),
    channel: dto.channel ?? defaults.channel,
  });
  const { to: _to, ...body } = toPlain(wire);
  return body;
}
