/** Termii's Sender ID paths, below the base URL: used by `SenderIdService` and by the emulator. */
export const SENDER_ID_PATHS = Object.freeze({
  listSenderIds: '/api/sender-id',
  requestSenderId: '/api/sender-id/request',
} as const);
