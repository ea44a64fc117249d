import { IsIn, IsOptional, IsString, Matches } from 'class-validator';
import { SenderIdStatus } from '../sender-id-status.enum.js';

// A name to filter by: not blank, no control characters, short.
const NAME_FILTER = /^(?=.*\S)[^\u0000-\u001f\u007f]{1,64}$/;

/** Filters of `SenderIdService.list` and `listAll`; both optional. */
export class ListSenderIdsDto {
  /** Only the sender IDs of this name (1 to 64 characters), as Termii matches it. */
  @IsOptional()
  @IsString({ message: '$property must be a string' })
  @Matches(NAME_FILTER, { message: '$property must be 1 to 64 characters, not blank, no control characters' })
  name?: string;

  /** Only the sender IDs in this state: `active`, `pending` or `blocked`. */
  @IsOptional()
  @IsIn(Object.values(SenderIdStatus), { message: '$property must be active, pending or blocked' })
  status?: SenderIdStatus;
}
