import { Expose, Transform } from 'class-transformer';
import { IsString, Matches } from 'class-validator';
import { PhoneNumberRules } from '../../common/dto/phone-number.js';

const ALPHA_2 = /^[A-Z]{2}$/;

/** Input of `InsightsService.getNumberStatus` (Status: the number's network, and whether it was ported). */
export class NumberStatusDto {
  /**
   * The phone number to look up, in international format: `2348109477743`, or written `+234 810-947 7743`
   * (spaces, dashes, dots, parentheses and one leading `+` are dropped).
   */
  @Expose({ name: 'phone_number', toPlainOnly: true })
  @PhoneNumberRules()
  phoneNumber!: string;

  /**
   * The number's country as an ISO 3166-1 alpha-2 code, e.g. `NG` (`ng` and ` NG ` are taken as `NG`). Termii
   * asks for the letters here, not the calling code `234`.
   */
  @Expose({ name: 'country_code', toPlainOnly: true })
  // Upper case is how ISO writes the codes; a typed `ng` means the same country, so it is not refused.
  @Transform(({ value }: { value: unknown }) => (typeof value === 'string' ? value.trim().toUpperCase() : value), {
    toClassOnly: true,
  })
  @IsString({ message: 'countryCode must be a string' })
  @Matches(ALPHA_2, { message: 'countryCode must be a two-letter ISO 3166-1 country code, e.g. NG' })
  countryCode!: string;
}
