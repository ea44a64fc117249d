import type { ConfigService } from '@nestjs/config';
import { validateSync } from 'class-validator';
import { SendTokenDto } from 'nestjs-termii';

/** How the login delivers its code, from `OTP_CHANNEL`. */
export const OTP_CHANNELS = ['in-app', 'sms', 'voice'] as const;

/**
 * - `in-app`: Termii's In-App Token makes the code and returns it; the app delivers it (`OtpDeliveryChannel`).
 * - `sms`: Termii makes the code and sends it by SMS (`TokenService.send`).
 * - `voice`: Termii makes the code and reads it out in a call (`TokenService.sendVoice`).
 */
export type OtpChannel = (typeof OTP_CHANNELS)[number];

/** The sender ID of the login SMS when `TERMII_SENDER_ID` is unset and Termii is a sandbox (no `TERMII_API_KEY`). */
export const SANDBOX_SENDER_ID = 'Sandbox';

/** What `AuthService` needs to know about the channel, read once at start-up. */
export interface OtpChannelSettings {
  channel: OtpChannel;
  /** The sender ID of the login SMS (`TERMII_SENDER_ID`); only for `sms`. */
  senderId?: string;
}

/** The injection token of the `OtpChannelSettings`. */
export const OTP_CHANNEL_SETTINGS = Symbol('OTP_CHANNEL_SETTINGS');

/**
 * Reads `OTP_CHANNEL` (default `in-app`) and, for `sms`, `TERMII_SENDER_ID`. A bad value fails start-up with
 * the variable's name, rather than failing each login later.
 */
export function otpChannelSettings(config: ConfigService): OtpChannelSettings {
  const raw = config.get<string>('OTP_CHANNEL')?.trim() ?? '';
  const channel = (raw === '' ? 'in-app' : raw.toLowerCase()) as OtpChannel;
  if (!OTP_CHANNELS.includes(channel)) {
    throw new Error(`OTP_CHANNEL must be one of ${OTP_CHANNELS.join(', ')} (got ${JSON.stringify(raw)})`);
  }
  if (channel !== 'sms') return { channel };
  const senderId = config.get<string>('TERMII_SENDER_ID')?.trim() || undefined;
  if (senderId !== undefined) {
    // The library's own rule for a sender ID, checked now rather than failing every login with a 400.
    const problem = validateSync(Object.assign(new SendTokenDto(), { senderId })).find(
      (error) => error.property === 'senderId',
    );
    if (problem) {
      const why = Object.values(problem.constraints ?? {}).join('; ');
      throw new Error(`TERMII_SENDER_ID is not a valid sender ID (${why}; got ${JSON.stringify(senderId)})`);
    }
    return { channel, senderId };
  }
  if (config.get<string>('TERMII_API_KEY')?.trim()) {
    // Termii refuses an SMS from a sender ID the account has not registered: there is no safe default.
    throw new Error(
      'TERMII_SENDER_ID is required with OTP_CHANNEL=sms (a sender ID registered on your Termii account)',
    );
  }
  return { channel, senderId: SANDBOX_SENDER_ID };
}
