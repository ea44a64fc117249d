import { IsEmail, IsOptional, MaxLength } from 'class-validator';
import { ContactPhoneRules, CountryCodeRules, MAX_CAMPAIGN_NAME_LENGTH, OptionalTextRules } from './campaign-fields.js';

/** Input of `ContactService.add`: one contact, added to a phonebook. */
export class AddContactDto {
  /**
   * The contact's number (`phone_number`): international (`2348109477743`, `+234 810 947 7743`), or national
   * (`08109477743`) with `countryCode`.
   */
  @ContactPhoneRules()
  phoneNumber!: string;

  /** The country calling code (`country_code`), e.g. `"234"`, for a national `phoneNumber`. */
  @IsOptional()
  @CountryCodeRules('countryCode')
  countryCode?: string;

  /** The contact's email address (`email_address`). */
  @IsOptional()
  @IsEmail({}, { message: 'email must be an email address' })
  @MaxLength(254, { message: 'email must be at most 254 characters' })
  email?: string;

  /** The contact's first name (`first_name`), up to 100 characters. */
  @OptionalTextRules('firstName', MAX_CAMPAIGN_NAME_LENGTH)
  firstName?: string;

  /** The contact's last name (`last_name`), up to 100 characters. */
  @OptionalTextRules('lastName', MAX_CAMPAIGN_NAME_LENGTH)
  lastName?: string;

  /** The contact's company (`company`), up to 100 characters. */
  @OptionalTextRules('company', MAX_CAMPAIGN_NAME_LENGTH)
  company?: string;
}
