import type { ConfigService } from '@nestjs/config';
import type { ThrottlerModuleOptions } from '@nestjs/throttler';
import { positiveInteger } from './positive-integer.js';

/** Requests each client may make to each OTP route per window, unless `OTP_THROTTLE_LIMIT` says otherwise. */
export const DEFAULT_OTP_THROTTLE_LIMIT = 5;
/** The window, unless `OTP_THROTTLE_TTL_SECONDS` says otherwise. */
export const DEFAULT_OTP_THROTTLE_TTL_SECONDS = 60;

/** `useFactory` of `ThrottlerModule.forRootAsync`: the per-client limit of the OTP routes, from the environment. */
export function otpThrottleOptions(config: ConfigService): ThrottlerModuleOptions {
  return [
    {
      limit: positiveInteger(config, 'OTP_THROTTLE_LIMIT', DEFAULT_OTP_THROTTLE_LIMIT),
      ttl: positiveInteger(config, 'OTP_THROTTLE_TTL_SECONDS', DEFAULT_OTP_THROTTLE_TTL_SECONDS) * 1000,
    },
  ];
}
