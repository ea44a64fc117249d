/** Termii's Sender ID paths, below the base URL: used by `SenderIdService` and by the emulator. */
export const SENDER_ID_PATHS = Object.freeze({
  /** GET: the sender IDs, a page at a time. */
  listSenderIds: '/api/sender-id',
  /** POST: ask Termii to approve a new sender ID. */
  requestSenderId: '/api/sender-id/request',
} as const);
