import { PinAttemptsRules, PinLengthRules, PinTimeToLiveRules, PinTypeRules } from '../common/dto/pin-policy.js';
import { PinType } from '../common/pin-type.enum.js';
import {
  EmailConfigurationIdRules,
  PinPlaceholderRules,
  SenderIdRules,
  TokenChannelRules,
} from '../token/dto/token-fields.js';
import { TokenChannel } from '../token/token-channel.enum.js';
import { BulkBatchSizeRules, MessageChannelRules } from '../messaging/dto/message-fields.js';
import type { MessageChannel } from '../messaging/message-channel.enum.js';

/**
 * The rules of the `inAppToken` option: the PIN policy fields, checked by the very decorators that check a
 * call's input, so an option can never hold a value a call would be refused for.
 */
export class InAppTokenDefaultsRules {
  @PinTypeRules()
  pinType?: PinType;

  @PinAttemptsRules()
  pinAttempts?: number;

  @PinTimeToLiveRules()
  pinTimeToLive?: number;

  @PinLengthRules()
  pinLength?: number;
}

/** The rules of the `token` option: the PIN policy, and the `TokenService` fields a call may leave out. */
export class TokenDefaultsRules extends InAppTokenDefaultsRules {
  @SenderIdRules()
  senderId?: string;

  @TokenChannelRules()
  channel?: TokenChannel;

  @PinPlaceholderRules()
  pinPlaceholder?: string;

  @EmailConfigurationIdRules()
  emailConfigurationId?: string;
}

/** The rules of the `messaging` option: the fields `MessagingService` calls may leave out, and the bulk batch size. */
export class MessagingDefaultsRules {
  @SenderIdRules()
  senderId?: string;

  @MessageChannelRules({ smsOnly: true })
  channel?: MessageChannel.DND | MessageChannel.GENERIC;

  @BulkBatchSizeRules()
  bulkBatchSize?: number;
}
