import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import {
  IsString,
  Validate,
  ValidatorConstraint,
  type ValidationArguments,
  type ValidatorConstraintInterface,
} from 'class-validator';

// Separators people type inside phone numbers. Only ASCII digits count: `\d` would also be ASCII here,
// but Unicode digits (e.g. Arabic-Indic) are left in so that validation rejects them.
const SEPARATORS = /[\s\-.()]/g;
const E164_DIGITS = /^[1-9][0-9]{7,14}$/;

/** Drops separators and one leading `+`; leaves non-strings alone so that validation reports them. */
export function normalisePhoneNumber(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const compact = value.replace(SEPARATORS, '');
  return compact.startsWith('+') ? compact.slice(1) : compact;
}

/** Checks an already normalised phone number: 8–15 digits, not starting with 0 (E.164 without `+`). */
@ValidatorConstraint({ name: 'isInternationalPhoneNumber' })
export class IsInternationalPhoneNumber implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return typeof value === 'string' && E164_DIGITS.test(value);
  }

  defaultMessage(args: ValidationArguments): string {
    const value = args.value as unknown;
    if (typeof value === 'string' && value.startsWith('0')) {
      return `${args.property} must be in international format with the country code and without the leading 0, e.g. 2348109477743`;
    }
    return `${args.property} must be an international phone number of 8 to 15 digits, e.g. 2348109477743`;
  }
}

/**
 * The rules of every phone number a Token API call takes: normalised (separators and one leading `+`
 * dropped), then a string of 8–15 digits in international format. The wire name is the DTO's own `@Expose`.
 */
export function PhoneNumberRules(): PropertyDecorator {
  return applyDecorators(
    Transform(({ value }) => normalisePhoneNumber(value), { toClassOnly: true }),
    IsString({ message: '$property must be a string' }),
    Validate(IsInternationalPhoneNumber),
  );
}
