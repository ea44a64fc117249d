import { Expose } from 'class-transformer';
import { IsEmail, IsString, MaxLength } from 'class-validator';
import { PinTextRules } from '../../common/dto/pin-policy.js';
import { TermiiValidationError } from '../../errors/termii.error.js';
import type { ResolvedTokenDefaults } from '../../options/termii-options.js';
import { EmailConfigurationIdRules, missingEverywhere } from './token-fields.js';

/** The longest email address there is (RFC 5321's path limit, less its angle brackets). */
const MAX_EMAIL_ADDRESS_LENGTH = 254;

/**
 * Input of `TokenService.sendEmail` (Email Token: Termii emails a code the app chose). Termii cannot verify
 * these codes: the app checks what the user types itself. A left-out `emailConfigurationId` takes the
 * module's `token` default. The `@Expose` names are Termii's wire names.
 */
export class SendEmailTokenDto {
  /** The address to email the code to. */
  @Expose({ name: 'email_address', toPlainOnly: true })
  @IsString({ message: 'emailAddress must be a string' })
  @MaxLength(MAX_EMAIL_ADDRESS_LENGTH, {
    message: `emailAddress must be at most ${MAX_EMAIL_ADDRESS_LENGTH} characters`,
  })
  @IsEmail({}, { message: 'emailAddress must be an email address, e.g. ada@example.com' })
  emailAddress!: string;

  /** The code to send: 4 to 8 letters or digits, sent as a string (leading zeros kept). */
  @Expose({ name: 'code', toPlainOnly: true })
  @PinTextRules()
  code!: string;

  /** The email configuration from the Termii dashboard; else `token.emailConfigurationId`. */
  @EmailConfigurationIdRules()
  emailConfigurationId?: string;
}

/**
 * The request `sendEmail` makes of a validated call, the configuration taken from the module's `token`
 * defaults when the call names none.
 * @throws TermiiValidationError naming `emailConfigurationId` when neither place names one; nothing is sent.
 */
export function completeSendEmailToken(dto: SendEmailTokenDto, defaults: ResolvedTokenDefaults): SendEmailTokenDto {
  const emailConfigurationId = dto.emailConfigurationId ?? defaults.emailConfigurationId;
  if (emailConfigurationId === undefined) {
    throw new TermiiValidationError([
      {
        property: 'emailConfigurationId',
        messages: [missingEverywhere('emailConfigurationId', 'the email configuration from the Termii dashboard')],
      },
    ]);
  }
  return Object.assign(new SendEmailTokenDto(), {
    emailAddress: dto.emailAddress,
    code: dto.code,
    emailConfigurationId,
  });
}
