import { BadGatewayException, Inject, Injectable, Logger, UnauthorizedException } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InAppTokenService, TokenService } from 'nestjs-termii';
import { OTP_CHANNEL_SETTINGS, type OtpChannelSettings } from '../config/otp-channel.js';
import { embeddedTermiiSandbox } from '../termii/termii-options.factory.js';
import type { OtpRejectedDto, OtpRejectionReason, OtpRequestedDto, OtpVerifiedDto } from './dto/otp-responses.dto.js';
import { maskPhoneNumber, OtpDeliveryChannel } from './otp-delivery-channel.js';

/** The code every login gets; the client cannot choose it. */
export const OTP_POLICY = Object.freeze({ pinLength: 6, pinAttempts: 3, pinTimeToLive: 5 /* minutes */ });

/** Where the code goes in the login SMS (`OTP_CHANNEL=sms`). */
export const OTP_SMS_PIN_PLACEHOLDER = '< 1234 >';
/** The login SMS: Termii puts the code in place of the placeholder. */
export const OTP_SMS_TEXT = `Your login code is ${OTP_SMS_PIN_PLACEHOLDER}. It expires in ${OTP_POLICY.pinTimeToLive} minutes.`;

const REJECTIONS: Record<OtpRejectionReason, string> = {
  invalid: 'Wrong code: check it and try again.',
  expired: 'This code has expired, has been used, or has no attempts left: request a new one.',
  not_found: 'Unknown pinId: request a new code.',
};

const BY_TERMII = { sms: 'by SMS', voice: 'by a voice call' } as const;

/**
 * One-time-code login on nestjs-termii: Termii makes and checks the code; the app delivers it
 * (`OTP_CHANNEL=in-app`), or Termii sends it by SMS (`sms`) or reads it out in a call (`voice`).
 */
@Injectable()
export class AuthService {
  private readonly logger = new Logger(AuthService.name);
  private readonly deliveryLogger = new Logger('OtpDelivery');

  constructor(
    private readonly inApp: InAppTokenService,
    private readonly tokens: TokenService,
    private readonly delivery: OtpDeliveryChannel,
    @Inject(OTP_CHANNEL_SETTINGS) private readonly settings: OtpChannelSettings,
    private readonly config: ConfigService,
  ) {}

  /** Has a code made and delivered through the configured channel. The code is not returned. */
  async requestOtp(phoneNumber: string): Promise<OtpRequestedDto> {
    // Taken before the call: Termii's clock starts later, so the code lives at least until then.
    const expiresAt = new Date(Date.now() + OTP_POLICY.pinTimeToLive * 60_000);
    const pinId =
      this.settings.channel === 'in-app'
        ? await this.sendInApp(phoneNumber, expiresAt)
        : await this.sendByTermii(this.settings.channel, phoneNumber, expiresAt);
    return { pinId, expiresAt: expiresAt.toISOString() };
  }

  /**
   * Checks a code with Termii: the same verify whichever channel delivered it (`InAppTokenService.verify`
   * is `TokenService.verify`).
   * @throws UnauthorizedException (401) for a wrong, expired or unknown code, saying which.
   */
  async verifyOtp(pinId: string, pin: string): Promise<OtpVerifiedDto> {
    const result = await this.inApp.verify({ pinId, pin });
    if (result.status !== 'verified') {
      const body: OtpRejectedDto = {
        statusCode: 401,
        error: 'Unauthorized',
        reason: result.status,
        message: REJECTIONS[result.status],
      };
      throw new UnauthorizedException(body);
    }
    if (result.msisdn === undefined) {
      // Termii documents msisdn in every verify answer; without it there is no phone number to log in.
      this.logger.error(`Termii verified pin ${pinId} without naming its phone number (msisdn)`);
      throw new BadGatewayException('The code service failed: try again later.');
    }
    return { verified: true, phoneNumber: result.msisdn };
  }

  /** In-App Token: Termii returns the code, the app's delivery channel hands it to the user. */
  private async sendInApp(phoneNumber: string, expiresAt: Date): Promise<string> {
    const token = await this.inApp.generate({ phoneNumber, ...OTP_POLICY });
    await this.delivery.deliver({ phoneNumber: token.phoneNumber, otp: token.otp, expiresAt });
    return token.pinId;
  }

  /** Send Token or Voice Token: Termii delivers the code; the app only keeps the `pinId`. */
  private async sendByTermii(channel: 'sms' | 'voice', phoneNumber: string, expiresAt: Date): Promise<string> {
    const sent =
      channel === 'sms'
        ? await this.tokens.send({
            phoneNumber,
            messageText: OTP_SMS_TEXT,
            pinPlaceholder: OTP_SMS_PIN_PLACEHOLDER,
            senderId: this.settings.senderId,
            ...OTP_POLICY,
          })
        : await this.tokens.sendVoice({ phoneNumber, ...OTP_POLICY });
    const message = sent.messageId === undefined ? '' : ` (message ${sent.messageId})`;
    const line = `Code for ${maskPhoneNumber(phoneNumber)} sent ${BY_TERMII[channel]}${message}`;
    // With a real Termii the app never sees the code. The embedded sandbox is a demo with no phone: as the
    // in-app channel does, the log shows the code (from the sandbox's outbox), so the login can be finished.
    const code = embeddedTermiiSandbox(this.config)
      ?.messagesFor(phoneNumber)
      .filter((delivered) => delivered.pinId === sent.pinId)
      .at(-1)?.code;
    if (code === undefined) this.deliveryLogger.log(line);
    else this.deliveryLogger.log(`${line}: ${code} (embedded sandbox; valid until ${expiresAt.toISOString()})`);
    return sent.pinId;
  }
}
