import { applyDecorators } from '@nestjs/common';
import { Expose } from 'class-transformer';
import { IsDefined, IsEnum, IsOptional, IsString, Matches } from 'class-validator';
import { TokenChannel } from '../token-channel.enum.js';

/**
 * The rules of the Token API fields that a call may give and the module's `token` option may default:
 * read by the DTOs and by the options' validation, so the two can never disagree.
 */

/** The placeholder Termii replaces with the PIN when the call and the module options name none. */
export const DEFAULT_PIN_PLACEHOLDER = '< 1234 >';
/** The SMS route when the call and the module options name none: DND, the one that reaches every number. */
export const DEFAULT_TOKEN_CHANNEL = TokenChannel.DND;

// Alphanumeric sender IDs are 3 to 11 characters (Termii's rule); numeric ones are phone numbers. Exported
// for the campaigns' required `senderId`, so the pattern lives once.
export const SENDER_ID = /^(?=.*[A-Za-z0-9])[A-Za-z0-9 ._&'-]{3,11}$|^[0-9]{3,15}$/;
// An id copied from the dashboard: visible ASCII, no white space.
const EMAIL_CONFIGURATION_ID = /^[\x21-\x7e]{1,128}$/;
// Something to find in the text: not blank, no control characters, short.
const PIN_PLACEHOLDER = /^(?=.*\S)[^\u0000-\u001f\u007f]{1,32}$/;

/**
 * Optional sender ID (wire name `from`): an approved sender ID. The rule of Send Token's `senderId`, the
 * messages' `from`, a sender-ID request's `senderId` (`required`, wire name `sender_id`) and the `token` /
 * `messaging` options alike; its messages name the property it decorates.
 */
export function SenderIdRules(options: { required?: boolean; wireName?: string } = {}): PropertyDecorator {
  return applyDecorators(
    Expose({ name: options.wireName ?? 'from', toPlainOnly: true }),
    options.required ? IsDefined({ message: '$property is required' }) : IsOptional(),
    IsString({ message: '$property must be a string' }),
    Matches(SENDER_ID, {
      message: "$property must be a sender ID of 3 to 11 letters, digits, spaces or . _ & ' -, or of 3 to 15 digits",
    }),
  );
}

/** Optional `channel` (wire name `channel`): `dnd` or `generic`. */
export function TokenChannelRules(): PropertyDecorator {
  return applyDecorators(
    Expose({ name: 'channel', toPlainOnly: true }),
    IsOptional(),
    IsEnum(TokenChannel, { message: 'channel must be dnd or generic' }),
  );
}

/** Optional `pinPlaceholder` (wire name `pin_placeholder`): the text Termii replaces with the PIN. */
export function PinPlaceholderRules(): PropertyDecorator {
  return applyDecorators(
    Expose({ name: 'pin_placeholder', toPlainOnly: true }),
    IsOptional(),
    IsString({ message: 'pinPlaceholder must be a string' }),
    Matches(PIN_PLACEHOLDER, {
      message: 'pinPlaceholder must be 1 to 32 characters, not blank, no control characters',
    }),
  );
}

/** Optional `emailConfigurationId` (wire name `email_configuration_id`): the id from the Termii dashboard. */
export function EmailConfigurationIdRules(): PropertyDecorator {
  return applyDecorators(
    Expose({ name: 'email_configuration_id', toPlainOnly: true }),
    IsOptional(),
    IsString({ message: 'emailConfigurationId must be a string' }),
    Matches(EMAIL_CONFIGURATION_ID, {
      message: 'emailConfigurationId must be 1 to 128 visible ASCII characters, as the Termii dashboard shows it',
    }),
  );
}

/** Why a field that has a module default was missing from both places, in words. */
export function missingEverywhere(property: string, what: string): string {
  return `${property} is required: give it in the call or as the module option token.${property} (${what})`;
}
