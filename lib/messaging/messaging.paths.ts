/**
 * Termii's Messaging paths, below the base URL: used by `MessagingService` to call Termii and by the emulator
 * to answer, so the two can never disagree.
 */
export const MESSAGING_PATHS = Object.freeze({
  sendMessage: '/api/sms/send',
  sendBulkMessage: '/api/sms/send/bulk',
  sendMessageFromNumber: '/api/sms/number/send',
  sendTemplate: '/api/send/template',
  sendTemplateWithMedia: '/api/send/template/media',
} as const);
