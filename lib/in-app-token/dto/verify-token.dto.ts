import { Expose } from 'class-transformer';
import { IsNotEmpty, IsString, Matches, MaxLength } from 'class-validator';

/** Input of `InAppTokenService.verify`. The `@Expose` names are Termii's wire names. */
export class VerifyTokenDto {
  /** The `pinId` that `generate` returned. */
  @Expose({ name: 'pin_id', toPlainOnly: true })
  @IsString({ message: 'pinId must be a string' })
  @IsNotEmpty({ message: 'pinId must not be empty' })
  @MaxLength(128, { message: 'pinId must be at most 128 characters' })
  pinId!: string;

  /** What the user typed: 4 to 8 letters or digits. */
  @Expose({ name: 'pin', toPlainOnly: true })
  @IsString({ message: 'pin must be a string' })
  @Matches(/^[A-Za-z0-9]{4,8}$/, { message: 'pin must be 4 to 8 letters or digits' })
  pin!: string;
}
