import { Expose } from 'class-transformer';
import { PhoneNumberRules } from '../../common/dto/phone-number.js';
import { PinAttemptsRules, PinLengthRules, PinTimeToLiveRules } from '../../common/dto/pin-policy.js';
import type { ResolvedTokenDefaults } from '../../options/termii-options.js';

/**
 * Input of `TokenService.sendVoice` (Voice Token: Termii generates a numeric PIN and reads it out in a
 * call). Fields left out take the module's `token` defaults. The `@Expose` names are Termii's wire names.
 */
export class SendVoiceTokenDto {
  /**
   * The phone number to call, in international format: `2348109477743`, or written `+234 810-947 7743`
   * (spaces, dashes, dots, parentheses and one leading `+` are dropped).
   */
  @Expose({ name: 'phone_number', toPlainOnly: true })
  @PhoneNumberRules()
  phoneNumber!: string;

  /** How many times the PIN may be tried before it expires (integer ≥ 1). */
  @PinAttemptsRules()
  pinAttempts?: number;

  /** Minutes the PIN stays valid (integer 0–60). */
  @PinTimeToLiveRules()
  pinTimeToLive?: number;

  /** Length of the PIN (integer 4–8). */
  @PinLengthRules()
  pinLength?: number;
}

/** The request `sendVoice` makes of a validated call, the module's `token` defaults filling what it left out. */
export function completeSendVoiceToken(dto: SendVoiceTokenDto, defaults: ResolvedTokenDefaults): SendVoiceTokenDto {
  return Object.assign(new SendVoiceTokenDto(), {
    phoneNumber: dto.phoneNumber,
    pinAttempts: dto.pinAttempts ?? defaults.pinAttempts,
    pinTimeToLive: dto.pinTimeToLive ?? defaults.pinTimeToLive,
    pinLength: dto.pinLength ?? defaults.pinLength,
  });
}
