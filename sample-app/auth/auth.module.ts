import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { OTP_CHANNEL_SETTINGS, otpChannelSettings } from '../config/otp-channel.js';
import { SessionModule } from '../session/session.module.js';
import { AuthController } from './auth.controller.js';
import { AuthService } from './auth.service.js';
import { LoggingOtpDeliveryChannel, OtpDeliveryChannel } from './otp-delivery-channel.js';

/**
 * The login. `InAppTokenService` and `TokenService` come from the global `TermiiModule` registered in
 * `AppModule`; `OTP_CHANNEL` (checked at start-up) chooses which delivers the code. A right code starts a
 * session (`SessionModule`).
 */
@Module({
  imports: [SessionModule],
  controllers: [AuthController],
  providers: [
    AuthService,
    { provide: OtpDeliveryChannel, useClass: LoggingOtpDeliveryChannel },
    { provide: OTP_CHANNEL_SETTINGS, inject: [ConfigService], useFactory: otpChannelSettings },
  ],
})
export class AuthModule {}
