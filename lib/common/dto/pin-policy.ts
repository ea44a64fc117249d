import { applyDecorators } from '@nestjs/common';
import { Expose } from 'class-transformer';
import { IsEnum, IsInt, IsOptional, IsString, Matches, Max, Min } from 'class-validator';
import { PinType } from '../pin-type.enum.js';

/**
 * The ranges of the PIN policy fields, the same for every Token endpoint that takes them (In-App, Send,
 * Voice). Read by the call DTOs and by the module options' validation, so the two can never disagree.
 */
export const PIN_POLICY_LIMITS = Object.freeze({
  // Beyond it a number is no exact integer and JSON writes it with an exponent (1e+21): Termii would refuse it.
  pinAttempts: Object.freeze({ min: 1, max: Number.MAX_SAFE_INTEGER }),
  /** Minutes. */
  pinTimeToLive: Object.freeze({ min: 0, max: 60 }),
  pinLength: Object.freeze({ min: 4, max: 8 }),
} as const);

/** What a PIN is like: its kind, how often it may be tried, how long it lives, how long it is. */
export interface PinPolicy {
  pinType: PinType;
  pinAttempts: number;
  pinTimeToLive: number;
  pinLength: number;
}

/** The policy a call gets for every field that neither the call nor the module options set. */
export const DEFAULT_PIN_POLICY: Readonly<PinPolicy> = Object.freeze({
  pinType: PinType.NUMERIC,
  pinAttempts: 3,
  pinTimeToLive: 5,
  pinLength: 6,
});

const { pinAttempts, pinTimeToLive, pinLength } = PIN_POLICY_LIMITS;

/** Optional `pinType` (wire name `pin_type`): `NUMERIC` or `ALPHANUMERIC`. */
export function PinTypeRules(): PropertyDecorator {
  return applyDecorators(
    Expose({ name: 'pin_type', toPlainOnly: true }),
    IsOptional(),
    IsEnum(PinType, { message: 'pinType must be NUMERIC or ALPHANUMERIC' }),
  );
}

/** Optional `pinAttempts` (wire name `pin_attempts`): an integer ≥ 1 (at most `Number.MAX_SAFE_INTEGER`). */
export function PinAttemptsRules(): PropertyDecorator {
  return applyDecorators(
    Expose({ name: 'pin_attempts', toPlainOnly: true }),
    IsOptional(),
    IsInt({ message: 'pinAttempts must be an integer' }),
    Min(pinAttempts.min, { message: `pinAttempts must be at least ${pinAttempts.min}` }),
    Max(pinAttempts.max, { message: `pinAttempts must be at most ${pinAttempts.max}` }),
  );
}

/** Optional `pinTimeToLive` (wire name `pin_time_to_live`): whole minutes, 0–60. */
export function PinTimeToLiveRules(): PropertyDecorator {
  return applyDecorators(
    Expose({ name: 'pin_time_to_live', toPlainOnly: true }),
    IsOptional(),
    IsInt({ message: 'pinTimeToLive must be an integer' }),
    Min(pinTimeToLive.min, { message: `pinTimeToLive must be at least ${pinTimeToLive.min} minutes` }),
    Max(pinTimeToLive.max, { message: `pinTimeToLive must be at most ${pinTimeToLive.max} minutes` }),
  );
}

/** Optional `pinLength` (wire name `pin_length`): an integer, 4–8. */
export function PinLengthRules(): PropertyDecorator {
  return applyDecorators(
    Expose({ name: 'pin_length', toPlainOnly: true }),
    IsOptional(),
    IsInt({ message: 'pinLength must be an integer' }),
    Min(pinLength.min, { message: `pinLength must be at least ${pinLength.min}` }),
    Max(pinLength.max, { message: `pinLength must be at most ${pinLength.max}` }),
  );
}

/** A PIN or code as a person types it: ASCII letters or digits, as many as a PIN Termii issues can have. */
export const PIN_TEXT = new RegExp(`^[A-Za-z0-9]{${pinLength.min},${pinLength.max}}$`);

/**
 * A required PIN or code as text (`VerifyTokenDto.pin`, `SendEmailTokenDto.code`): 4 to 8 letters or digits.
 * The wire name is the DTO's own `@Expose`.
 */
export function PinTextRules(): PropertyDecorator {
  return applyDecorators(
    IsString({ message: '$property must be a string' }),
    Matches(PIN_TEXT, { message: `$property must be ${pinLength.min} to ${pinLength.max} letters or digits` }),
  );
}
