import { Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import type { SessionSettings } from '../config/session-settings.js';
import { SessionController } from './session.controller.js';
import { SessionGuard } from './session.guard.js';
import { SESSION_SETTINGS, SessionSettingsModule } from './session-settings.module.js';
import { SessionService } from './session.service.js';

/**
 * Sessions: `GET /auth/me`, `POST /auth/logout`, and `SessionService` (exported, for the login that starts
 * them) and `SessionGuard` (exported, for any route that needs a signed-in user). HS256 only, both ways: a
 * token that names another algorithm (`none` included) is refused.
 */
@Module({
  imports: [
    SessionSettingsModule,
    JwtModule.registerAsync({
      imports: [SessionSettingsModule],
      inject: [SESSION_SETTINGS],
      useFactory: ({ secret, ttlSeconds }: SessionSettings) => ({
        secret,
        signOptions: { algorithm: 'HS256', expiresIn: ttlSeconds },
        verifyOptions: { algorithms: ['HS256'] },
      }),
    }),
  ],
  controllers: [SessionController],
  providers: [SessionService, SessionGuard],
  exports: [SessionService, SessionGuard],
})
export class SessionModule {}
