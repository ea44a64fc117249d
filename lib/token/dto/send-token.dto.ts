import { Expose } from 'class-transformer';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { PhoneNumberRules } from '../../common/dto/phone-number.js';
import { PinAttemptsRules, PinLengthRules, PinTimeToLiveRules, PinTypeRules } from '../../common/dto/pin-policy.js';
import { PinType } from '../../common/pin-type.enum.js';
import { TermiiValidationError, type TermiiValidationIssue } from '../../errors/termii.error.js';
import type { ResolvedTokenDefaults } from '../../options/termii-options.js';
import { TokenChannel } from '../token-channel.enum.js';
import { missingEverywhere, PinPlaceholderRules, SenderIdRules, TokenChannelRules } from './token-fields.js';

/**
 * The longest `messageText` accepted. Termii documents none; an OTP message is a line or two, and the bound
 * keeps a runaway string from being sent, and billed, as a long run of SMS parts.
 */
export const MAX_MESSAGE_TEXT_LENGTH = 1_000;

/**
 * Input of `TokenService.send` (Send Token: Termii generates a PIN and sends it by SMS). Fields left out
 * take the module's `token` defaults. The `@Expose` names are Termii's wire names; `pinType` also travels
 * as `message_type`.
 */
export class SendTokenDto {
  /** Kind of PIN. */
  @PinTypeRules()
  pinType?: PinType;

  /**
   * The phone number to send the PIN to, in international format: `2348109477743`, or written
   * `+234 810-947 7743` (spaces, dashes, dots, parentheses and one leading `+` are dropped).
   */
  @Expose({ name: 'to', toPlainOnly: true })
  @PhoneNumberRules()
  phoneNumber!: string;

  /** The approved sender ID the SMS comes from (3–11 letters or digits, or a number); else `token.senderId`. */
  @SenderIdRules()
  senderId?: string;

  /** The route: `dnd` (also reaches numbers with Do-Not-Disturb on) or `generic`. */
  @TokenChannelRules()
  channel?: TokenChannel;

  /** How many times the PIN may be tried before it expires (integer ≥ 1). */
  @PinAttemptsRules()
  pinAttempts?: number;

  /** Minutes the PIN stays valid (integer 0–60). */
  @PinTimeToLiveRules()
  pinTimeToLive?: number;

  /** Length of the PIN (integer 4–8). */
  @PinLengthRules()
  pinLength?: number;

  /** The text in `messageText` that Termii replaces with the PIN, e.g. `< 1234 >`. */
  @PinPlaceholderRules()
  pinPlaceholder?: string;

  /** The SMS text; it must contain the placeholder, e.g. `Your login code is < 1234 >`. */
  @Expose({ name: 'message_text', toPlainOnly: true })
  @IsString({ message: 'messageText must be a string' })
  @IsNotEmpty({ message: 'messageText must not be empty' })
  @MaxLength(MAX_MESSAGE_TEXT_LENGTH, {
    message: `messageText must be at most ${MAX_MESSAGE_TEXT_LENGTH} characters`,
  })
  messageText!: string;
}

/**
 * The request `send` makes of a validated call: every field the call left out taken from the module's
 * `token` defaults, in Termii's documented field order. The rules that need both places are checked here:
 * a sender ID must come from one of them, and the text must contain the placeholder in force.
 * @throws TermiiValidationError naming each field at fault; nothing is sent.
 */
export function completeSendToken(dto: SendTokenDto, defaults: ResolvedTokenDefaults): SendTokenDto {
  const senderId = dto.senderId ?? defaults.senderId;
  const pinPlaceholder = dto.pinPlaceholder ?? defaults.pinPlaceholder;
  const issues: TermiiValidationIssue[] = [];
  if (senderId === undefined) {
    issues.push({ property: 'senderId', messages: [missingEverywhere('senderId', 'an approved sender ID')] });
  }
  if (!dto.messageText.includes(pinPlaceholder)) {
    issues.push({
      property: 'messageText',
      messages: [
        `messageText must contain the pinPlaceholder ${JSON.stringify(pinPlaceholder)}, where Termii puts the PIN`,
      ],
    });
  }
  if (issues.length > 0) throw new TermiiValidationError(issues);
  return Object.assign(new SendTokenDto(), {
    pinType: dto.pinType ?? defaults.pinType,
    phoneNumber: dto.phoneNumber,
    senderId,
    channel: dto.channel ?? defaults.channel,
    pinAttempts: dto.pinAttempts ?? defaults.pinAttempts,
    pinTimeToLive: dto.pinTimeToLive ?? defaults.pinTimeToLive,
    pinLength: dto.pinLength ?? defaults.pinLength,
    pinPlaceholder,
    messageText: dto.messageText,
  });
}
