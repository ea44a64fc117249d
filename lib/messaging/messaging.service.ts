import { Injectable } from '@nestjs/common';
import { TermiiBulkSendError } from '../errors/termii-bulk-send.error.js';
import { TermiiError } from '../errors/termii.error.js';
import { TermiiHttpClient } from '../http/termii-http.client.js';
import { TermiiOptions } from '../options/termii-options.js';
import { toPlain } from '../validation/dto-mapping.js';
import { validateInput } from '../validation/validate-input.js';
import { SendBulkMessageDto, sendBulkMessageBody } from './dto/send-bulk-message.dto.js';
import { SendMessageFromNumberDto } from './dto/send-message-from-number.dto.js';
import { SendMessageDto, sendMessageBody } from './dto/send-message.dto.js';
import { SendTemplateDto, sendTemplateBody } from './dto/send-template.dto.js';
import { MESSAGING_PATHS } from './messaging.paths.js';
import type { SentBulkMessage, SentMessageBatch } from './responses/sent-bulk-message.js';
import { readSentMessage, readSentTemplate, type SentMessage } from './responses/sent-message.js';

/**
 * Termii's Messaging API: any SMS, WhatsApp or voice message, not only one-time passwords. Inject it by
 * class (or `@InjectMessagingService(name)` for a named registration); `TermiiTestingModule` provides it too.
 *
 * Every method validates its input before anything is sent, and none is retried once a connection was
 * made: each request may send, and bill, a message to every recipient. Message ids are always strings.
 */
@Injectable()
export class MessagingService {
  /** @internal Nest makes the service: inject it, never construct it. */
  constructor(
    private readonly options: TermiiOptions,
    private readonly client: TermiiHttpClient,
  ) {}

  /**
   * Sends one message to 1–100 recipients (`POST /api/sms/send`): SMS on the `dnd` or `generic` route, a
   * WhatsApp message (text, or a `media` file) from the device named in `from`, or a voice call reading the
   * text. Fields left out take the module's `messaging` defaults; `type` left out is chosen from the text.
   * @throws TermiiValidationError for invalid input (nothing is sent); otherwise a `TermiiError` subclass,
   * e.g. `TermiiInsufficientBalanceError`, or `TermiiApiError` 404 for a sender ID that is not approved.
   */
  async send(input: SendMessageDto): Promise<SentMessage> {
    const dto = validateInput(SendMessageDto, input);
    const body = sendMessageBody(dto, this.options.messaging);
    return this.client.post('sendMessage', MESSAGING_PATHS.sendMessage, body, readSentMessage);
  }

  /**
   * Sends one SMS text to up to 10 000 recipients (`POST /api/sms/send/bulk`), in batches of
   * `messaging.bulkBatchSize` (100 by default) in the order given, one request at a time. Resolves with one
   * entry per batch. A batch that fails stops the rest.
   * @throws TermiiValidationError for invalid input (nothing is sent); `TermiiBulkSendError` when a batch
   * failed, with the batches `sent`, the recipients that `failed` and those `notAttempted`, and the batch's
   * own error as `cause`.
   */
  async sendBulk(input: SendBulkMessageDto): Promise<SentBulkMessage> {
    const dto = validateInput(SendBulkMessageDto, input);
    const body = sendBulkMessageBody(dto, this.options.messaging);
    const size = this.options.messaging.bulkBatchSize;
    const batches: SentMessageBatch[] = [];
    for (let start = 0; start < dto.to.length; start += size) {
      const to = dto.to.slice(start, start + size);
      let sent: SentMessage;
      try {
        // `to` first, as Termii documents the body; one request at a time, so that a failure stops the rest.
        sent = await this.client.post(
          'sendBulkMessage',
          MESSAGING_PATHS.sendBulkMessage,
          { to, ...body },
          readSentMessage,
        );
      } catch (error) {
        if (!(error instanceof TermiiError)) throw error;
        throw new TermiiBulkSendError(batches, to, dto.to.slice(start + size), error);
      }
      batches.push({ to, ...sent });
    }
    return { batches };
  }

  /**
   * Sends an SMS from one of Termii's own numbers (`POST /api/sms/number/send`): no sender ID needed.
   * @throws TermiiValidationError for invalid input (nothing is sent); otherwise a `TermiiError` subclass.
   */
  async sendFromNumber(input: SendMessageFromNumberDto): Promise<SentMessage> {
    const dto = validateInput(SendMessageFromNumberDto, input);
    return this.client.post(
      'sendMessageFromNumber',
      MESSAGING_PATHS.sendMessageFromNumber,
      toPlain(dto),
      readSentMessage,
    );
  }

  /**
   * Sends a WhatsApp template (`POST /api/send/template`, or `/api/send/template/media` with `media`),
   * Termii filling in its variables from `data`.
   * @throws TermiiValidationError for invalid input (nothing is sent); otherwise a `TermiiError` subclass.
   */
  async sendTemplate(input: SendTemplateDto): Promise<SentMessage> {
    const dto = validateInput(SendTemplateDto, input);
    const path = dto.media === undefined ? MESSAGING_PATHS.sendTemplate : MESSAGING_PATHS.sendTemplateWithMedia;
    return this.client.post('sendTemplate', path, sendTemplateBody(dto), readSentTemplate);
  }
}
