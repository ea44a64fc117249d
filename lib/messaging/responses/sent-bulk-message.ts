/** One request of a bulk send, as Termii took it. */
export interface SentMessageBatch {
  /** The recipients of this request, in the order given. */
  to: string[];
  /** Termii's id of this request's message, always a string (see `SentMessage.messageId`). */
  messageId: string;
  /** The account's balance after this request (a number, or Termii's text such as `"unlimited"`). */
  balance?: number | string;
  /** The account's name, as Termii gave it. */
  user?: string;
}

/** Termii took every batch of a bulk send. */
export interface SentBulkMessage {
  /** One entry per request made, in order: the recipients of each and Termii's message id. */
  batches: SentMessageBatch[];
}
