import { applyDecorators } from '@nestjs/common';
import { Transform } from 'class-transformer';
import { IsNotEmpty, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { normalisePhoneNumber } from '../../common/dto/phone-number.js';
import { MAX_PATH_SEGMENT_LENGTH } from '../../common/path-segment.js';

/**
 * The rules of the fields that several Campaign calls take (phonebooks, contacts, campaigns), written once.
 * The services build their wire bodies themselves, field by field, so no rule here names a wire field.
 */

/** The longest phonebook name, contact name or company accepted: Termii documents none. */
export const MAX_CAMPAIGN_NAME_LENGTH = 100;
/** The longest phonebook description accepted: Termii documents none. */
export const MAX_PHONEBOOK_DESCRIPTION_LENGTH = 500;

// ITU country calling codes: 1 to 3 digits, never starting with 0 (`234`, `1`, `44`).
const COUNTRY_CODE = /^[1-9][0-9]{0,2}$/;
// A contact's number: international, or national with its leading 0 when `countryCode` says the country.
const CONTACT_PHONE = /^[0-9]{6,15}$/;
// An id found in a list answer: visible characters; the path rules (`termiiPathSegment`) are stricter.
const ID = /^[^\u0000-\u001f\u007f]+$/;

/** A required country calling code (`234`; a leading `+` is dropped), as Termii's `country_code`. */
export function CountryCodeRules(property: string): PropertyDecorator {
  return applyDecorators(
    Transform(
      ({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().replace(/^\+/, '') : value),
      {
        toClassOnly: true,
      },
    ),
    IsString({ message: `${property} must be a string of digits, e.g. "234"` }),
    Matches(COUNTRY_CODE, { message: `${property} must be a country calling code of 1 to 3 digits, e.g. "234"` }),
  );
}

/**
 * A contact's phone number: separators and one leading `+` dropped, then 6 to 15 digits — international
 * (`2348109477743`), or national (`08109477743`) with `countryCode`.
 */
export function ContactPhoneRules(): PropertyDecorator {
  return applyDecorators(
    Transform(({ value }) => normalisePhoneNumber(value), { toClassOnly: true }),
    IsString({ message: 'phoneNumber must be a string' }),
    Matches(CONTACT_PHONE, { message: 'phoneNumber must be 6 to 15 digits, e.g. 2348109477743' }),
  );
}

/** A required id of something at Termii (a phonebook), sent in a body: not blank, at most 128 characters. */
export function TermiiIdRules(property: string): PropertyDecorator {
  return applyDecorators(
    IsString({ message: `${property} must be a string` }),
    IsNotEmpty({ message: `${property} must not be empty` }),
    MaxLength(MAX_PATH_SEGMENT_LENGTH, {
      message: `${property} must be at most ${MAX_PATH_SEGMENT_LENGTH} characters`,
    }),
    Matches(ID, { message: `${property} must not contain control characters` }),
  );
}

/** An optional short text (a contact's name, a company): a string of at most `max` characters. */
export function OptionalTextRules(property: string, max: number = MAX_CAMPAIGN_NAME_LENGTH): PropertyDecorator {
  return applyDecorators(
    IsOptional(),
    IsString({ message: `${property} must be a string` }),
    MaxLength(max, { message: `${property} must be at most ${max} characters` }),
  );
}
