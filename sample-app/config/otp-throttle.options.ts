import type { ConfigService } from '@nestjs/config';
import type { ThrottlerModuleOptions, ThrottlerOptions } from '@nestjs/throttler';
import { phoneNumberOf } from '../throttling/phone-number-of.js';
import { createThrottlerStorage } from '../throttling/throttler-storage.factory.js';
import { positiveInteger } from './positive-integer.js';

/** Requests each client may make to each OTP route per window, unless `OTP_THROTTLE_LIMIT` says otherwise. */
export const DEFAULT_OTP_THROTTLE_LIMIT = 5;
/** The window, unless `OTP_THROTTLE_TTL_SECONDS` says otherwise. */
export const DEFAULT_OTP_THROTTLE_TTL_SECONDS = 60;
/** Codes each phone number may be sent per window, whoever asks, unless `OTP_NUMBER_LIMIT` says otherwise. */
export const DEFAULT_OTP_NUMBER_LIMIT = 3;
/** The per-number window (15 minutes), unless `OTP_NUMBER_TTL_SECONDS` says otherwise. */
export const DEFAULT_OTP_NUMBER_TTL_SECONDS = 15 * 60;
/** Seconds between two codes for one phone number, unless `OTP_RESEND_COOLDOWN_SECONDS` says otherwise. */
export const DEFAULT_OTP_RESEND_COOLDOWN_SECONDS = 60;

/** The names of the OTP limits, as `@SkipThrottle({ [name]: true })` and the storage keys know them. */
export const OTP_LIMITS = Object.freeze({
  /** Per client address, on each OTP route. */
  client: 'client',
  /** Per phone number, on `POST /auth/otp`. */
  phoneNumber: 'phone-number',
  /** Per phone number: the time between two codes, on `POST /auth/otp`. */
  resendCooldown: 'resend-cooldown',
});

/**
 * `useFactory` of `ThrottlerModule.forRootAsync`: the OTP limits, from the environment, and where they are
 * counted (Redis when `REDIS_URL` is set, else this process's memory).
 *
 * `blockDuration: 0` everywhere: a refused request is not counted, and a limit frees up as soon as its
 * oldest counted request is a window old — so `Retry-After` is the exact time until one more is allowed.
 */
export async function otpThrottleOptions(config: ConfigService): Promise<ThrottlerModuleOptions> {
  const perNumber = (options: ThrottlerOptions): ThrottlerOptions => ({
    ...options,
    // Counted on the normalised number, and only for a body the ValidationPipe will accept: a malformed
    // request never spends a number's quota (it still counts against its client).
    skipIf: (context) => phoneNumberOf(context.switchToHttp().getRequest()) === undefined,
    getTracker: (request: Record<string, unknown>) => phoneNumberOf(request)!,
  });
  const cooldownSeconds = nonNegativeInteger(
    config,
    'OTP_RESEND_COOLDOWN_SECONDS',
    DEFAULT_OTP_RESEND_COOLDOWN_SECONDS,
  );
  const throttlers: ThrottlerOptions[] = [
    {
      name: OTP_LIMITS.client,
      limit: positiveInteger(config, 'OTP_THROTTLE_LIMIT', DEFAULT_OTP_THROTTLE_LIMIT),
      ttl: positiveInteger(config, 'OTP_THROTTLE_TTL_SECONDS', DEFAULT_OTP_THROTTLE_TTL_SECONDS) * 1000,
      blockDuration: 0,
    },
    perNumber({
      name: OTP_LIMITS.phoneNumber,
      limit: positiveInteger(config, 'OTP_NUMBER_LIMIT', DEFAULT_OTP_NUMBER_LIMIT),
      ttl: positiveInteger(config, 'OTP_NUMBER_TTL_SECONDS', DEFAULT_OTP_NUMBER_TTL_SECONDS) * 1000,
      blockDuration: 0,
    }),
  ];
  // 0 turns the cooldown off (the per-number window still applies).
  if (cooldownSeconds > 0) {
    throttlers.push(
      perNumber({ name: OTP_LIMITS.resendCooldown, limit: 1, ttl: cooldownSeconds * 1000, blockDuration: 0 }),
    );
  }
  return { throttlers, storage: await createThrottlerStorage(config) };
}

/** Like `positiveInteger`, but 0 is allowed too. */
function nonNegativeInteger(config: ConfigService, name: string, fallback: number): number {
  const raw = config.get<string | number>(name);
  if (raw !== undefined && String(raw).trim() === '0') return 0;
  try {
    return positiveInteger(config, name, fallback);
  } catch {
    throw new Error(`${name} must be a whole number of at least 0 (got ${JSON.stringify(String(raw))})`);
  }
}
