/**
 * Termii's Messaging paths, below the base URL: used by `MessagingService` to call Termii and by the emulator
 * to answer, so the two can never disagree.
 */
export const MESSAGING_PATHS = Object.freeze({
  /** POST: a message to 1–100 recipients (SMS, WhatsApp, voice). */
  sendMessage: '/api/sms/send',
  /** POST: one batch of a bulk SMS. */
  sendBulkMessage: '/api/sms/send/bulk',
  /** POST: the Number API, an SMS from Termii's own numbers. */
  sendMessageFromNumber: '/api/sms/number/send',
  /** POST: a WhatsApp template. */
  sendTemplate: '/api/send/template',
  /** POST: a WhatsApp template with a media file. */
  sendTemplateWithMedia: '/api/send/template/media',
} as const);
