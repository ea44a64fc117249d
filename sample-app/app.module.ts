import { Module, ValidationPipe, type OnApplicationShutdown } from '@nestjs/common';
import { ConfigModule, ConfigService } from '@nestjs/config';
import { APP_FILTER, APP_PIPE } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import { TermiiModule } from 'nestjs-termii';
import { AuthModule } from './auth/auth.module.js';
import { otpThrottleOptions } from './config/otp-throttle.options.js';
import { DeliveryReportsModule } from './delivery-reports/delivery-reports.module.js';
import { HealthModule } from './health/health.module.js';
import { SandboxPhoneModule } from './sandbox-phone/sandbox-phone.module.js';
import { SignInModule } from './sign-in/sign-in.module.js';
import { EmbeddedSandboxWebhook } from './termii/embedded-sandbox-webhook.js';
import { TermiiExceptionFilter } from './termii/termii-exception.filter.js';
import { stopEmbeddedTermiiSandbox, termiiOptionsFactory } from './termii/termii-options.factory.js';

/**
 * Termii, configured from `TERMII_API_KEY` and `TERMII_BASE_URL` (or the embedded sandbox when no key is
 * set). Global, so that any module can inject `InAppTokenService`. Exported so that a test can swap it:
 * `overrideModule(termiiRegistration).useModule(TermiiTestingModule.forRoot({ isGlobal: true }))`.
 */
export const termiiRegistration = TermiiModule.forRootAsync({
  isGlobal: true,
  imports: [ConfigModule],
  inject: [ConfigService],
  useFactory: termiiOptionsFactory,
});

@Module({
  imports: [
    // Reads process.env and, when present, a .env file in the working directory.
    ConfigModule.forRoot({ isGlobal: true }),
    termiiRegistration,
    ThrottlerModule.forRootAsync({ imports: [ConfigModule], inject: [ConfigService], useFactory: otpThrottleOptions }),
    AuthModule,
    HealthModule,
    DeliveryReportsModule,
    SignInModule,
    SandboxPhoneModule,
  ],
  providers: [
    // Global, as providers, so that every app built from AppModule (main.ts and the e2e tests) has them.
    {
      provide: APP_PIPE,
      useFactory: () => new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true }),
    },
    { provide: APP_FILTER, useClass: TermiiExceptionFilter },
    EmbeddedSandboxWebhook,
  ],
})
export class AppModule implements OnApplicationShutdown {
  constructor(private readonly config: ConfigService) {}

  async onApplicationShutdown(): Promise<void> {
    await stopEmbeddedTermiiSandbox(this.config);
  }
}
