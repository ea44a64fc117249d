import { applyDecorators } from '@nestjs/common';
import { Expose } from 'class-transformer';
import {
  IsString,
  Matches,
  Validate,
  ValidatorConstraint,
  type ValidationArguments,
  type ValidatorConstraintInterface,
} from 'class-validator';
import { PhoneNumberRules } from '../../common/dto/phone-number.js';
import { toPlain } from '../../validation/dto-mapping.js';
import { MediaRules, mediaOnTheWire, type MessageMedia } from './message-fields.js';

/** The most variables a template call may carry. */
export const MAX_TEMPLATE_VARIABLES = 100;
/** The longest text value of a template variable. */
export const MAX_TEMPLATE_VALUE_LENGTH = 1_024;

// An id copied from the dashboard: visible ASCII, no white space.
const DASHBOARD_ID = /^[\x21-\x7e]{1,128}$/;
// A variable's name: not blank, no control characters, short.
const VARIABLE_NAME = /^(?=.*\S)[^\u0000-\u001f\u007f]{1,64}$/;

/** What is wrong with template variables, after the property's name; `undefined` when they are right. */
function templateDataProblem(property: string, value: unknown): string | undefined {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return `${property} must be an object of the template's variables, e.g. { product_name: 'Termii' }`;
  }
  const prototype = Object.getPrototypeOf(value) as unknown;
  if (prototype !== Object.prototype && prototype !== null) return `${property} must be a plain object`;
  const entries = Object.entries(value);
  if (entries.length > MAX_TEMPLATE_VARIABLES) {
    return `${property} must hold at most ${MAX_TEMPLATE_VARIABLES} variables`;
  }
  for (const [name, item] of entries) {
    if (!VARIABLE_NAME.test(name)) {
      return `${property} has a variable name that is blank, too long or holds control characters`;
    }
    const fits =
      (typeof item === 'string' && item.length <= MAX_TEMPLATE_VALUE_LENGTH) ||
      (typeof item === 'number' && Number.isFinite(item));
    if (!fits) {
      return `${property} values must be strings of at most ${MAX_TEMPLATE_VALUE_LENGTH} characters or finite numbers`;
    }
  }
  return undefined;
}

/** Checks a template's variables (see `SendTemplateDto.data`). */
@ValidatorConstraint({ name: 'isTemplateData' })
export class IsTemplateData implements ValidatorConstraintInterface {
  validate(value: unknown, args: ValidationArguments): boolean {
    return templateDataProblem(args.property, value) === undefined;
  }

  defaultMessage(args: ValidationArguments): string {
    return templateDataProblem(args.property, args.value) ?? `${args.property} is invalid`;
  }
}

function DashboardIdRules(wireName: string): PropertyDecorator {
  return applyDecorators(
    Expose({ name: wireName, toPlainOnly: true }),
    IsString({ message: '$property must be a string' }),
    Matches(DASHBOARD_ID, {
      message: '$property must be 1 to 128 visible ASCII characters, as the Termii dashboard shows it',
    }),
  );
}

/**
 * Input of `MessagingService.sendTemplate`: a WhatsApp template message, its variables filled in by Termii,
 * with a media file when the template has one.
 */
export class SendTemplateDto {
  /** The recipient in international format: `2348109477743`, or written `+234 810-947 7743`. */
  @Expose({ name: 'phone_number', toPlainOnly: true })
  @PhoneNumberRules()
  phoneNumber!: string;

  /** The WhatsApp device's id, from the Termii dashboard. */
  @DashboardIdRules('device_id')
  deviceId!: string;

  /** The template's id, from the Termii dashboard. */
  @DashboardIdRules('template_id')
  templateId!: string;

  /** The template's variables by name, each a string (at most 1 024 characters) or a number; up to 100. */
  @Expose({ name: 'data', toPlainOnly: true })
  @Validate(IsTemplateData)
  data!: Record<string, string | number>;

  /** A media file `{ url, caption? }` (`url` an `https:` URL), for a template that shows one. */
  @MediaRules()
  media?: MessageMedia;
}

/** The wire body of a validated `sendTemplate`: `{ phone_number, device_id, template_id, data }` (+ `media`). */
export function sendTemplateBody(dto: SendTemplateDto): Record<string, unknown> {
  const wire = Object.assign(new SendTemplateDto(), {
    phoneNumber: dto.phoneNumber,
    deviceId: dto.deviceId,
    templateId: dto.templateId,
    // A copy of the variables' own entries only: what the caller's object inherits never travels.
    data: Object.fromEntries(Object.entries(dto.data)),
    ...(dto.media !== undefined ? { media: mediaOnTheWire(dto.media) } : {}),
  });
  return toPlain(wire);
}
