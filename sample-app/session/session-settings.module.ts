import { Logger, Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { sessionSettings, type SessionSettings } from '../config/session-settings.js';

/** The injection token of the `SessionSettings`. */
export const SESSION_SETTINGS = Symbol('SESSION_SETTINGS');

const logger = new Logger('Sessions');

function loggedSessionSettings(config: ConfigService): SessionSettings {
  const settings = sessionSettings(config);
  if (settings.generated) {
    logger.warn(
      'JWT_SECRET is not set: sessions are signed with a random secret made at this start, and end when the app stops. Set JWT_SECRET (the same on every instance) to keep them.',
    );
  }
  return settings;
}

/**
 * The session settings, made once per app: the JWT module signs with the very secret the rest of the
 * session code reads (a generated one is random, so a second copy would differ).
 */
@Module({
  providers: [{ provide: SESSION_SETTINGS, inject: [ConfigService], useFactory: loggedSessionSettings }],
  exports: [SESSION_SETTINGS],
})
export class SessionSettingsModule {}
