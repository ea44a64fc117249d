import { Expose } from 'class-transformer';
import { PhoneNumberRules } from '../../common/dto/phone-number.js';
import { PinAttemptsRules, PinLengthRules, PinTimeToLiveRules, PinTypeRules } from '../../common/dto/pin-policy.js';
import { PinType } from '../../common/pin-type.enum.js';

/**
 * Input of `InAppTokenService.generate`. Fields left out take the module's `inAppToken` defaults.
 * The `@Expose` names are Termii's wire names, applied when the request body is built.
 */
export class GenerateInAppTokenDto {
  /** Kind of PIN. */
  @PinTypeRules()
  pinType?: PinType;

  /**
   * The phone number the PIN is for, in international format: `2348109477743`, or written
   * `+234 810-947 7743` (spaces, dashes, dots, parentheses and one leading `+` are dropped).
   */
  @Expose({ name: 'phone_number', toPlainOnly: true })
  @PhoneNumberRules()
  phoneNumber!: string;

  /** How many times the PIN may be tried before it expires (integer ≥ 1, at most `Number.MAX_SAFE_INTEGER`). */
  @PinAttemptsRules()
  pinAttempts?: number;

  /** Minutes the PIN stays valid (integer 0–60). */
  @PinTimeToLiveRules()
  pinTimeToLive?: number;

  /** Length of the PIN (integer 4–8). */
  @PinLengthRules()
  pinLength?: number;
}
