import { Expose } from 'class-transformer';
import { IsOptional, IsString, Matches } from 'class-validator';

// Termii's message ids are 19–25 digits (campaign rows up to ~90): digits only, with room to spare.
const MESSAGE_ID = /^[0-9]{1,128}$/;

/** Input of `InsightsService.getHistory` (History): which messages to read. */
export class MessageHistoryDto {
  /**
   * Only the reports of this message: its id as the send call answered it, a string of digits (keep ids as
   * strings: they are longer than a JavaScript number holds exactly). Left out: every message.
   */
  @Expose({ name: 'message_id', toPlainOnly: true })
  @IsOptional()
  @IsString({ message: 'messageId must be a string of digits (message ids exceed a safe JavaScript number)' })
  @Matches(MESSAGE_ID, { message: 'messageId must be 1 to 128 digits, e.g. 3017544054459083819856413' })
  messageId?: string;
}
