import {
  IsBoolean,
  IsDate,
  IsIn,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  Validate,
  ValidatorConstraint,
  type ValidationArguments,
  type ValidatorConstraintInterface,
} from 'class-validator';
import { SENDER_ID } from '../../token/dto/token-fields.js';
import { floorToMinute } from '../schedule-time.js';
import { CountryCodeRules, TermiiIdRules } from './campaign-fields.js';

/**
 * The longest campaign message accepted: 1 600 characters, ten GSM-7 SMS pages. Termii documents none;
 * the bound keeps a runaway string from being sent, and billed, to a whole phonebook as a long run of pages.
 */
export const MAX_CAMPAIGN_MESSAGE_LENGTH = 1_600;

/** The last year `schedule_time` can write (it has four digits). */
const LAST_YEAR = 9999;

/**
 * `scheduleAt` must name a minute still to come: Termii takes whole minutes, so the seconds are dropped, and
 * a time within the current minute would already be past when written.
 */
@ValidatorConstraint({ name: 'isFutureMinute' })
export class IsFutureMinute implements ValidatorConstraintInterface {
  validate(value: unknown): boolean {
    return (
      value instanceof Date &&
      !Number.isNaN(value.getTime()) &&
      value.getUTCFullYear() <= LAST_YEAR &&
      floorToMinute(value.getTime()) > Date.now()
    );
  }

  defaultMessage(args: ValidationArguments): string {
    return `${args.property} must be a time to come, at least the next whole minute (Termii takes whole minutes), before the year 10000`;
  }
}

/** Input of `CampaignService.send`: an SMS to every contact of a phonebook, now or at `scheduleAt`. */
export class SendCampaignDto {
  /** The phonebook whose contacts receive it (`phonebook_id`), as `PhonebookService.list` gives it. */
  @TermiiIdRules('phonebookId')
  phonebookId!: string;

  /** The approved sender ID it comes from (`sender_id`): 3 to 11 letters or digits, or a number. */
  @IsString({ message: 'senderId must be a string' })
  @Matches(SENDER_ID, {
    message: "senderId must be a sender ID of 3 to 11 letters, digits, spaces or . _ & ' -, or of 3 to 15 digits",
  })
  senderId!: string;

  /** The text (`message`), up to 1 600 characters. */
  @IsString({ message: 'message must be a string' })
  @IsNotEmpty({ message: 'message must not be empty' })
  @MaxLength(MAX_CAMPAIGN_MESSAGE_LENGTH, {
    message: `message must be at most ${MAX_CAMPAIGN_MESSAGE_LENGTH} characters`,
  })
  message!: string;

  /** The route (`channel`): `dnd` (also reaches numbers with Do-Not-Disturb on) or `generic`. */
  @IsIn(['dnd', 'generic'], { message: 'channel must be dnd or generic' })
  channel!: 'dnd' | 'generic';

  /** The encoding (`message_type`): `plain` (GSM-7) or `unicode`. */
  @IsIn(['plain', 'unicode'], { message: 'type must be plain or unicode' })
  type!: 'plain' | 'unicode';

  /** The country calling code of the phonebook's numbers (`country_code`), e.g. `"234"`. */
  @CountryCodeRules('countryCode')
  countryCode!: string;

  /** `regular` (one text for all) or `personalized` (`campaign_type`). */
  @IsIn(['regular', 'personalized'], { message: 'campaignType must be regular or personalized' })
  campaignType!: 'regular' | 'personalized';

  /**
   * When to send it; now when left out. Written as Termii's `schedule_time`, `DD-MM-YYYY HH:mm` in West
   * Africa Time (UTC+01:00), seconds dropped: it must be at least the next whole minute.
   */
  @IsOptional()
  @IsDate({ message: 'scheduleAt must be a Date' })
  @Validate(IsFutureMinute)
  scheduleAt?: Date;

  /** Whether Termii shortens and tracks the links in the text (`enable_link_tracking`). @default false */
  @IsOptional()
  @IsBoolean({ message: 'enableLinkTracking must be a boolean' })
  enableLinkTracking?: boolean;
}
