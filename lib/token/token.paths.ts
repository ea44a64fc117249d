/**
 * Termii's Token API paths (besides In-App Token), below the base URL: used by `TokenService` to call Termii
 * and by the emulator to answer, so the two can never disagree.
 */
export const TOKEN_PATHS = Object.freeze({
  send: '/api/sms/otp/send',
  sendVoice: '/api/sms/otp/send/voice',
  call: '/api/sms/otp/call',
  sendEmail: '/api/email/otp/send',
} as const);
