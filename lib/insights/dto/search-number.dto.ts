import { Expose } from 'class-transformer';
import { PhoneNumberRules } from '../../common/dto/phone-number.js';

/**
 * Input of `InsightsService.searchNumber` (Search: is the number on the Do-Not-Disturb list, and on which
 * network). The service takes the phone number itself; this class carries its rules and wire name.
 */
export class SearchNumberDto {
  /**
   * The phone number to look up, in international format: `2348109477743`, or written `+234 810-947 7743`
   * (spaces, dashes, dots, parentheses and one leading `+` are dropped).
   */
  @Expose({ name: 'phone_number', toPlainOnly: true })
  @PhoneNumberRules()
  phoneNumber!: string;
}
