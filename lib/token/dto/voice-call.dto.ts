import { Expose, Transform } from 'class-transformer';
import {
  IsString,
  Validate,
  ValidatorConstraint,
  type ValidationArguments,
  type ValidatorConstraintInterface,
} from 'class-validator';
import { PhoneNumberRules } from '../../common/dto/phone-number.js';
import { PIN_POLICY_LIMITS } from '../../common/dto/pin-policy.js';

const { min, max } = PIN_POLICY_LIMITS.pinLength;
const DIGITS = new RegExp(`^[0-9]{${min},${max}}$`);

/**
 * A Voice Call code: 4 to 8 digits, not starting with 0. Termii takes the code as a JSON number, so a
 * leading zero would be lost on the way and the user would hear another code than the app checks.
 */
@ValidatorConstraint({ name: 'isVoiceCallCode' })
export class IsVoiceCallCode implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return typeof value === 'string' && DIGITS.test(value) && !value.startsWith('0');
  }

  defaultMessage(args: ValidationArguments): string {
    const value = args.value as unknown;
    if (typeof value === 'string' && DIGITS.test(value)) {
      return `${args.property} must not start with 0: Termii takes the code as a JSON number, which drops a leading zero (the user would hear another code)`;
    }
    return `${args.property} must be ${min} to ${max} digits`;
  }
}

/**
 * Input of `TokenService.call` (Voice Call: Termii reads out a code the app chose, in a call). Termii cannot
 * verify these codes: the app checks what the user types itself. The `@Expose` names are Termii's wire names.
 */
export class VoiceCallDto {
  /**
   * The phone number to call, in international format: `2348109477743`, or written `+234 810-947 7743`
   * (spaces, dashes, dots, parentheses and one leading `+` are dropped).
   */
  @Expose({ name: 'phone_number', toPlainOnly: true })
  @PhoneNumberRules()
  phoneNumber!: string;

  /** The code to read out, as a string: 4 to 8 digits, not starting with 0 (it travels as a JSON number). */
  @Expose({ name: 'code', toPlainOnly: true })
  @Transform(({ value }) => Number(value), { toPlainOnly: true })
  @IsString({ message: 'code must be a string' })
  @Validate(IsVoiceCallCode)
  code!: string;
}
