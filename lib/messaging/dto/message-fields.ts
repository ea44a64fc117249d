import { applyDecorators } from '@nestjs/common';
import { Expose, Transform } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  Validate,
  ValidatorConstraint,
  type ValidationArguments,
  type ValidatorConstraintInterface,
} from 'class-validator';
import { IsInternationalPhoneNumber, normalisePhoneNumber } from '../../common/dto/phone-number.js';
import { MessageChannel } from '../message-channel.enum.js';
import { MessageType } from '../message-type.enum.js';

/**
 * The rules of the Messaging fields, written once: read by the DTOs and, for the fields the `messaging`
 * option may default, by the options' validation, so the two can never disagree.
 */

/**
 * The longest text accepted, in characters (UTF-16 units). Termii documents none. 1 600 is the cap most
 * SMS gateways put on one message (10 GSM-7 pages, 24 unicode ones): a runaway string is refused here rather
 * than sent, and billed, as dozens of pages to every recipient.
 */
export const MAX_MESSAGE_TEXT_LENGTH = 1_600;
/** The most recipients of one `send` (Termii's limit per request). */
export const MAX_MESSAGE_RECIPIENTS = 100;
/** The most recipients of one `sendBulk` call, sent in batches of `messaging.bulkBatchSize`. */
export const MAX_BULK_RECIPIENTS = 10_000;
/** Recipients per bulk request when `messaging.bulkBatchSize` is not set: the current docs' limit per request. */
export const DEFAULT_BULK_BATCH_SIZE = 100;
/** The route when neither the call nor `messaging.channel` names one: DND, the one that reaches every number. */
export const DEFAULT_MESSAGE_CHANNEL = MessageChannel.DND;
/** The longest media URL accepted. */
export const MAX_MEDIA_URL_LENGTH = 2_048;
/** The longest media caption accepted: WhatsApp's own limit on a caption. */
export const MAX_MEDIA_CAPTION_LENGTH = 1_024;

/** The SMS routes, the only ones bulk messages and the `messaging.channel` option take. */
export const SMS_MESSAGE_CHANNELS: readonly MessageChannel[] = [MessageChannel.DND, MessageChannel.GENERIC];

/** A WhatsApp media file: its `https:` URL (JPG/PNG, MP3/OGG/AMR, PDF, MP4) and an optional caption. */
export interface MessageMedia {
  /** Where Termii fetches the file: an `https:` URL. */
  url: string;
  /** The text shown under the file. */
  caption?: string;
}

const PHONE_NUMBER = new IsInternationalPhoneNumber();

function phoneNumberProblem(value: unknown): string | undefined {
  if (PHONE_NUMBER.validate(value)) return undefined;
  return typeof value === 'string' && value.startsWith('0')
    ? 'must be in international format with the country code and without the leading 0, e.g. 2348109477743'
    : 'must be an international phone number of 8 to 15 digits, e.g. 2348109477743';
}

/**
 * What is wrong with a recipient list, in words after the property's name, or `undefined` when it is right:
 * one number (unless `arrayOnly`) or an array of 1 to `max` numbers, each in international format, none twice.
 * The value is never quoted: phone numbers are personal data.
 */
function recipientsProblem(property: string, value: unknown, max: number, arrayOnly: boolean): string | undefined {
  const what = arrayOnly
    ? `an array of 1 to ${max} phone numbers`
    : `a phone number or an array of 1 to ${max} phone numbers`;
  if (typeof value === 'string' && !arrayOnly) {
    const problem = phoneNumberProblem(value);
    return problem && `${property} ${problem}`;
  }
  if (!Array.isArray(value)) return `${property} must be ${what}`;
  if (value.length === 0) return `${property} must hold at least 1 phone number`;
  if (value.length > max) return `${property} must hold at most ${max} phone numbers (it holds ${value.length})`;
  const seen = new Map<unknown, number>();
  for (let i = 0; i < value.length; i++) {
    const problem = phoneNumberProblem(value[i]);
    if (problem !== undefined) return `${property}[${i}] ${problem}`;
    const first = seen.get(value[i]);
    if (first !== undefined) return `${property}[${i}] repeats ${property}[${first}]: give each number once`;
    seen.set(value[i], i);
  }
  return undefined;
}

/** Checks a recipient list (see `RecipientsRules`); constraints `[max, arrayOnly]`. */
@ValidatorConstraint({ name: 'isRecipientList' })
export class IsRecipientList implements ValidatorConstraintInterface {
  validate(value: unknown, args: ValidationArguments): boolean {
    const [max, arrayOnly] = args.constraints as [number, boolean];
    return recipientsProblem(args.property, value, max, arrayOnly) === undefined;
  }

  defaultMessage(args: ValidationArguments): string {
    const [max, arrayOnly] = args.constraints as [number, boolean];
    return recipientsProblem(args.property, args.value, max, arrayOnly) ?? `${args.property} is invalid`;
  }
}

/**
 * Recipients (wire name `to`): each number normalised as every phone number is (separators and one leading
 * `+` dropped), then one number (sent as a string) or an array of 1 to `max` (sent as an array), each in
 * international format, without duplicates (compared after normalising).
 */
export function RecipientsRules(max: number, options: { arrayOnly?: boolean } = {}): PropertyDecorator {
  return applyDecorators(
    Transform(
      ({ value }: { value: unknown }) =>
        Array.isArray(value) ? value.map((item: unknown) => normalisePhoneNumber(item)) : normalisePhoneNumber(value),
      { toClassOnly: true },
    ),
    Validate(IsRecipientList, [max, options.arrayOnly ?? false]),
  );
}

/** A message's text (wire name `sms`): a non-empty string of at most `MAX_MESSAGE_TEXT_LENGTH` characters. */
export function MessageTextRules(options: { optional?: boolean } = {}): PropertyDecorator {
  return applyDecorators(
    Expose({ name: 'sms', toPlainOnly: true }),
    ...(options.optional ? [IsOptional()] : []),
    IsString({ message: '$property must be a string' }),
    IsNotEmpty({ message: '$property must not be empty' }),
    MaxLength(MAX_MESSAGE_TEXT_LENGTH, {
      message: `$property must be at most ${MAX_MESSAGE_TEXT_LENGTH} characters`,
    }),
  );
}

/** Optional `channel`: any `MessageChannel`, or only the SMS routes (`dnd`, `generic`) with `smsOnly`. */
export function MessageChannelRules(options: { smsOnly?: boolean } = {}): PropertyDecorator {
  const channels = options.smsOnly ? SMS_MESSAGE_CHANNELS : Object.values(MessageChannel);
  return applyDecorators(
    Expose({ name: 'channel', toPlainOnly: true }),
    IsOptional(),
    IsIn(channels, { message: `$property must be one of ${channels.join(', ')}` }),
  );
}

/** Optional `type`: `plain` or `unicode`; left out, chosen from the text. */
export function MessageTypeRules(): PropertyDecorator {
  return applyDecorators(
    Expose({ name: 'type', toPlainOnly: true }),
    IsOptional(),
    IsIn(Object.values(MessageType), { message: '$property must be plain or unicode' }),
  );
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const prototype = Object.getPrototypeOf(value) as unknown;
  return prototype === Object.prototype || prototype === null;
}

/** What is wrong with a media value, after the property's name; `undefined` when it is right. */
function mediaProblem(property: string, value: unknown): string | undefined {
  if (!isPlainObject(value)) return `${property} must be an object { url, caption? }`;
  if (Object.keys(value).some((key) => key !== 'url' && key !== 'caption')) {
    return `${property} takes only url and caption`;
  }
  const { url, caption } = value;
  if (typeof url !== 'string' || url.length > MAX_MEDIA_URL_LENGTH || !isHttpsUrl(url)) {
    return `${property}.url must be an https: URL of at most ${MAX_MEDIA_URL_LENGTH} characters`;
  }
  if (caption !== undefined && (typeof caption !== 'string' || caption.length > MAX_MEDIA_CAPTION_LENGTH)) {
    return `${property}.caption must be a string of at most ${MAX_MEDIA_CAPTION_LENGTH} characters`;
  }
  return undefined;
}

function isHttpsUrl(text: string): boolean {
  try {
    const url = new URL(text);
    return url.protocol === 'https:' && url.hostname !== '' && !/\s/.test(text);
  } catch {
    return false;
  }
}

/** Checks a WhatsApp media value (see `MediaRules`). */
@ValidatorConstraint({ name: 'isMessageMedia' })
export class IsMessageMedia implements ValidatorConstraintInterface {
  validate(value: unknown, args: ValidationArguments): boolean {
    return mediaProblem(args.property, value) === undefined;
  }

  defaultMessage(args: ValidationArguments): string {
    return mediaProblem(args.property, args.value) ?? `${args.property} is invalid`;
  }
}

/** Optional `media`: `{ url, caption? }`, `url` an `https:` URL; nothing else. */
export function MediaRules(): PropertyDecorator {
  return applyDecorators(Expose({ name: 'media', toPlainOnly: true }), IsOptional(), Validate(IsMessageMedia));
}

/** Optional `bulkBatchSize` of the `messaging` option: an integer from 1 to `MAX_BULK_RECIPIENTS`. */
export function BulkBatchSizeRules(): PropertyDecorator {
  return applyDecorators(
    IsOptional(),
    IsInt({ message: '$property must be an integer' }),
    Min(1, { message: '$property must be at least 1' }),
    Max(MAX_BULK_RECIPIENTS, { message: `$property must be at most ${MAX_BULK_RECIPIENTS}` }),
  );
}

/** The media as it travels: a fresh `{ url, caption }`, whatever other keys the input object had. */
export function mediaOnTheWire(media: MessageMedia): MessageMedia {
  return media.caption === undefined ? { url: media.url } : { url: media.url, caption: media.caption };
}

/** Why a field that has a module default was missing from both places, in words. */
export function missingFromCallAndOptions(property: string, option: string, what: string): string {
  return `${property} is required: give it in the call or as the module option messaging.${option} (${what})`;
}
