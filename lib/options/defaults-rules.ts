import { PinAttemptsRules, PinLengthRules, PinTimeToLiveRules, PinTypeRules } from '../common/dto/pin-policy.js';
import { PinType } from '../common/pin-type.enum.js';
import {
  EmailConfigurationIdRules,
  PinPlaceholderRules,
  SenderIdRules,
  TokenChannelRules,
} from '../token/dto/token-fields.js';
import { TokenChannel } from '../token/token-channel.enum.js';

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
