import { BadGatewayException, Injectable, Logger, UnauthorizedException } from '@nestjs/common';
import { InAppTokenService } from 'nestjs-termii';
import type { OtpRejectedDto, OtpRejectionReason, OtpRequestedDto, OtpVerifiedDto } from './dto/otp-responses.dto.js';
import { OtpDeliveryChannel } from './otp-delivery-channel.js';

/** The code every login gets; the client cannot choose it. */
export const OTP_POLICY = Object.freeze({ pinLength: 6, pinAttempts: 3, pinTimeToLive: 5 /* minutes */ });

const REJECTIONS: Record<OtpRejectionReason, string> = {
  invalid: 'Wrong code: check it and try again.',
  expired: 'This code has expired, has been used, or has no attempts left: request a new one.',
  not_found: 'Unknown pinId: request a new code.',
};

/** One-time-code login on nestjs-termii: Termii makes and checks the code, the app delivers it. */
@Injectable()
export class AuthService {
  private readonly logger = new Logger(AuthService.name);

  constructor(
    private readonly tokens: InAppTokenService,
    private readonly delivery: OtpDeliveryChannel,
  ) {}

  /** Gets a code from Termii and hands it to the delivery channel. The code is not returned. */
  async requestOtp(phoneNumber: string): Promise<OtpRequestedDto> {
    // Taken before the call: Termii's clock starts later, so the code lives at least until then.
    const expiresAt = new Date(Date.now() + OTP_POLICY.pinTimeToLive * 60_000);
    const token = await this.tokens.generate({ phoneNumber, ...OTP_POLICY });
    await this.delivery.deliver({ phoneNumber: token.phoneNumber, otp: token.otp, expiresAt });
    return { pinId: token.pinId, expiresAt: expiresAt.toISOString() };
  }

  /**
   * Checks a code with Termii.
   * @throws UnauthorizedException (401) for a wrong, expired or unknown code, saying which.
   */
  async verifyOtp(pinId: string, pin: string): Promise<OtpVerifiedDto> {
    const result = await this.tokens.verify({ pinId, pin });
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
}
