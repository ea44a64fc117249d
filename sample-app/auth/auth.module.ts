import { Module } from '@nestjs/common';
import { AuthController } from './auth.controller.js';
import { AuthService } from './auth.service.js';
import { LoggingOtpDeliveryChannel, OtpDeliveryChannel } from './otp-delivery-channel.js';

/** The login. `InAppTokenService` comes from the global `TermiiModule` registered in `AppModule`. */
@Module({
  controllers: [AuthController],
  providers: [AuthService, { provide: OtpDeliveryChannel, useClass: LoggingOtpDeliveryChannel }],
})
export class AuthModule {}
