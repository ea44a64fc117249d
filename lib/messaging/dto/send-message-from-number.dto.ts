import { Expose } from 'class-transformer';
import { PhoneNumberRules } from '../../common/dto/phone-number.js';
import { MessageTextRules } from './message-fields.js';

/** Input of `MessagingService.sendFromNumber`: an SMS from one of Termii's own numbers (no sender ID). */
export class SendMessageFromNumberDto {
  /** The recipient in international format: `2348109477743`, or written `+234 810-947 7743`. */
  @Expose({ name: 'to', toPlainOnly: true })
  @PhoneNumberRules()
  to!: string;

  /** The text (wire name `sms`), 1 to 1 600 characters. */
  @MessageTextRules()
  text!: string;
}
