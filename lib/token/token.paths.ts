/**
 * Termii's Token API paths (besides In-App Token), below the base URL: used by `TokenService` to call Termii
 * and by the emulator to answer, so the two can never disagree.
 */
export const TOKEN_PATHS = Object.freeze({
  /** POST: Send Token, a PIN Termii sends by SMS. */
  send: '/api/sms/otp/send',
  /** POST: Voice Token, a PIN Termii reads out in a call. */
  sendVoice: '/api/sms/otp/send/voice',
  /** POST: Voice Call, the app's own code read out in a call. */
  call: '/api/sms/otp/call',
  /** POST: Email Token, the app's own code by email. */
  sendEmail: '/api/email/otp/send',
} as const);
