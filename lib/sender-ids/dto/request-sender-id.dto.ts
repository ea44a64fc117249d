import { Expose } from 'class-transformer';
import { IsNotEmpty, IsString, Matches, MaxLength } from 'class-validator';
import { SenderIdRules } from '../../token/dto/token-fields.js';

/** The longest use case accepted: a sample message and a sentence or two on what it is for. */
export const MAX_USE_CASE_LENGTH = 1_000;
/** The longest company name accepted. */
export const MAX_COMPANY_LENGTH = 200;

/** Input of `SenderIdService.request`: a new sender ID, `pending` until Termii approves it. */
export class RequestSenderIdDto {
  /** The sender ID wanted: 3–11 letters, digits, spaces or `. _ & ' -`, or 3–15 digits. */
  @SenderIdRules({ required: true, wireName: 'sender_id' })
  senderId!: string;

  /** What it is for, e.g. a sample message (wire names `use_case` and `usecase`: both are sent). */
  @Expose({ name: 'use_case', toPlainOnly: true })
  @IsString({ message: '$property must be a string' })
  @IsNotEmpty({ message: '$property must not be empty' })
  @Matches(/\S/, { message: '$property must not be blank' })
  @MaxLength(MAX_USE_CASE_LENGTH, { message: `$property must be at most ${MAX_USE_CASE_LENGTH} characters` })
  useCase!: string;

  /** The company that will send from it. */
  @Expose({ name: 'company', toPlainOnly: true })
  @IsString({ message: '$property must be a string' })
  @IsNotEmpty({ message: '$property must not be empty' })
  @Matches(/\S/, { message: '$property must not be blank' })
  @MaxLength(MAX_COMPANY_LENGTH, { message: `$property must be at most ${MAX_COMPANY_LENGTH} characters` })
  company!: string;
}
