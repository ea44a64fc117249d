import { Injectable, Logger } from '@nestjs/common';

/** A code to hand to the user. */
export interface OtpDelivery {
  /** The phone number the code is for, in international format (digits only). */
  phoneNumber: string;
  /** The code itself. */
  otp: string;
  /** When the code stops working. */
  expiresAt: Date;
}

/**
 * How the app gets a code to its user: Termii's In-App Token API returns the code and sends nothing, so
 * the app delivers it through its own channel (a push notification, an in-app inbox, ...).
 * Inject it by this class; replace it with `{ provide: OtpDeliveryChannel, useClass: YourChannel }`.
 */
export abstract class OtpDeliveryChannel {
  abstract deliver(delivery: OtpDelivery): Promise<void>;
}

/** `2348109477743` → `234*******743`: enough to tell numbers apart in a log, not enough to call one. */
export function maskPhoneNumber(phoneNumber: string): string {
  if (phoneNumber.length <= 6) return '*'.repeat(phoneNumber.length);
  return `${phoneNumber.slice(0, 3)}${'*'.repeat(phoneNumber.length - 6)}${phoneNumber.slice(-3)}`;
}

/**
 * The demo's channel: writes the code to the log, where the person trying the sample app reads it.
 * Fine for a demo; a real app must never log a code.
 */
@Injectable()
export class LoggingOtpDeliveryChannel extends OtpDeliveryChannel {
  private readonly logger = new Logger('OtpDelivery');

  deliver({ phoneNumber, otp, expiresAt }: OtpDelivery): Promise<void> {
    this.logger.log(`Code for ${maskPhoneNumber(phoneNumber)}: ${otp} (valid until ${expiresAt.toISOString()})`);
    return Promise.resolve();
  }
}
