/**
 * Termii's In-App Token paths, below the base URL: used by `InAppTokenService` to call Termii and by the
 * emulator to answer, so the two can never disagree.
 */
export const IN_APP_TOKEN_PATHS = Object.freeze({
  /** POST: In-App Token, a PIN returned to the app. */
  generate: '/api/sms/otp/generate',
  /** POST: Verify Token, for every PIN Termii issued. */
  verify: '/api/sms/otp/verify',
} as const);
