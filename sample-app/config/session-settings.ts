import type { ConfigService } from '@nestjs/config';
import { randomBytes } from 'node:crypto';
import { positiveInteger } from './positive-integer.js';

/** The shortest `JWT_SECRET` accepted: 32 characters, about as much as the 256-bit key HS256 wants. */
export const MIN_JWT_SECRET_LENGTH = 32;
/** How long a session lasts (one hour), unless `SESSION_TTL_SECONDS` says otherwise. */
export const DEFAULT_SESSION_TTL_SECONDS = 3600;

/** What signs and times the sessions, read once at start-up. */
export interface SessionSettings {
  /** The HS256 key the session tokens are signed with. Never logged. */
  secret: string;
  /** `true` when `JWT_SECRET` is unset: a random secret, new at each start, known to this process only. */
  generated: boolean;
  /** The lifetime of a session, of its token and of its cookie alike. */
  ttlSeconds: number;
}

/**
 * Reads `JWT_SECRET` and `SESSION_TTL_SECONDS`.
 *
 * - `JWT_SECRET` set: it must be at least 32 characters, whatever Termii the app talks to.
 * - unset, with `TERMII_API_KEY`: start-up fails. Every replica must verify the sessions the others sign,
 *   so a secret made up by one of them would log users out at random (and at each deploy).
 * - unset, on the embedded sandbox (no `TERMII_API_KEY`): a random secret per start, so that
 *   `npm install && npm start` needs nothing else; the sessions end when the app stops.
 *
 * The messages give the length of a bad secret, never the secret.
 */
export function sessionSettings(config: ConfigService): SessionSettings {
  const ttlSeconds = positiveInteger(config, 'SESSION_TTL_SECONDS', DEFAULT_SESSION_TTL_SECONDS);
  const configured = config.get<string>('JWT_SECRET')?.trim() ?? '';
  if (configured !== '') {
    if (configured.length < MIN_JWT_SECRET_LENGTH) {
      throw new Error(
        `JWT_SECRET must be at least ${MIN_JWT_SECRET_LENGTH} characters (it has ${configured.length}): e.g. the output of openssl rand -base64 48`,
      );
    }
    return { secret: configured, generated: false, ttlSeconds };
  }
  if (config.get<string>('TERMII_API_KEY')?.trim()) {
    throw new Error(
      `JWT_SECRET is required with TERMII_API_KEY: at least ${MIN_JWT_SECRET_LENGTH} characters, the same on every instance (e.g. the output of openssl rand -base64 48)`,
    );
  }
  return { secret: randomBytes(32).toString('base64url'), generated: true, ttlSeconds };
}
