import { Expose, Transform } from 'class-transformer';
import { IsEnum, IsInt, IsOptional, IsString, Max, Min, Validate } from 'class-validator';
import { PinType } from '../pin-type.enum.js';
import { IsInternationalPhoneNumber, normalisePhoneNumber } from './phone-number.js';

/**
 * Input of `InAppTokenService.generate`. Fields left out take the module's `inAppToken` defaults.
 * The `@Expose` names are Termii's wire names, applied when the request body is built.
 */
export class GenerateInAppTokenDto {
  /** Kind of PIN. */
  @Expose({ name: 'pin_type', toPlainOnly: true })
  @IsOptional()
  @IsEnum(PinType, { message: 'pinType must be NUMERIC or ALPHANUMERIC' })
  pinType?: PinType;

  /**
   * The phone number the PIN is for, in international format: `2348109477743`, or written
   * `+234 810-947 7743` (spaces, dashes, dots, parentheses and one leading `+` are dropped).
   */
  @Expose({ name: 'phone_number', toPlainOnly: true })
  @Transform(({ value }) => normalisePhoneNumber(value), { toClassOnly: true })
  @IsString({ message: 'phoneNumber must be a string' })
  @Validate(IsInternationalPhoneNumber)
  phoneNumber!: string;

  /** How many times the PIN may be tried before it expires (integer ≥ 1, at most `Number.MAX_SAFE_INTEGER`). */
  @Expose({ name: 'pin_attempts', toPlainOnly: true })
  @IsOptional()
  @IsInt({ message: 'pinAttempts must be an integer' })
  @Min(1, { message: 'pinAttempts must be at least 1' })
  // Beyond it a number is no exact integer and JSON writes it with an exponent (1e+21): Termii would refuse it.
  @Max(Number.MAX_SAFE_INTEGER, { message: 'pinAttempts must be at most 9007199254740991' })
  pinAttempts?: number;

  /** Minutes the PIN stays valid (integer 0–60). */
  @Expose({ name: 'pin_time_to_live', toPlainOnly: true })
  @IsOptional()
  @IsInt({ message: 'pinTimeToLive must be an integer' })
  @Min(0, { message: 'pinTimeToLive must be at least 0 minutes' })
  @Max(60, { message: 'pinTimeToLive must be at most 60 minutes' })
  pinTimeToLive?: number;

  /** Length of the PIN (integer 4–8). */
  @Expose({ name: 'pin_length', toPlainOnly: true })
  @IsOptional()
  @IsInt({ message: 'pinLength must be an integer' })
  @Min(4, { message: 'pinLength must be at least 4' })
  @Max(8, { message: 'pinLength must be at most 8' })
  pinLength?: number;
}
