import type { SentMessageBatch } from '../messaging/responses/sent-bulk-message.js';
import type { TermiiOperation } from './termii-api.error.js';
import { TermiiError } from './termii.error.js';

/**
 * A batch of `MessagingService.sendBulk` failed, so the batches after it were not sent. What was sent, what
 * failed and what was never tried are told apart, so that the app can decide what to send again: `sent`
 * went out; `failed` may or may not have (see `cause.mayHaveReachedTermii`); `notAttempted` surely did not.
 * No batch is ever retried once a connection was made.
 */
export class TermiiBulkSendError extends TermiiError {
  /** The error's class name, `TermiiBulkSendError`: kept when the error is serialized or logged. */
  override name = 'TermiiBulkSendError';
  /** Always `sendBulkMessage`. */
  readonly operation: TermiiOperation = 'sendBulkMessage';

  constructor(
    /** The batches Termii took before the failure, as `SentBulkMessage.batches` would list them. */
    readonly sent: SentMessageBatch[],
    /** The recipients of the batch that failed. */
    readonly failed: string[],
    /** The recipients of the batches never sent. */
    readonly notAttempted: string[],
    /** The failed batch's own error: its class and `mayHaveReachedTermii` say what happened to `failed`. */
    override readonly cause: TermiiError,
  ) {
    super(
      `Termii sendBulkMessage stopped at a failed batch: ${sent.length} batch${sent.length === 1 ? '' : 'es'} sent, ` +
        `${failed.length} recipient${failed.length === 1 ? '' : 's'} in the failed batch ` +
        `(${cause.mayHaveReachedTermii ? 'may have been sent' : 'not sent'}), ${notAttempted.length} not attempted; cause: ${cause.name}`,
    );
  }

  /** Whether the failed batch may have gone out: its own error's answer. */
  override get mayHaveReachedTermii(): boolean {
    return this.cause.mayHaveReachedTermii;
  }
}
