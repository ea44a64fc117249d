import { Expose } from 'class-transformer';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { PinTextRules } from '../dto/pin-policy.js';

/**
 * Input of `TokenService.verify` and `InAppTokenService.verify` (one and the same verify).
 * The `@Expose` names are Termii's wire names.
 */
export class VerifyTokenDto {
  /** The `pinId` that `InAppTokenService.generate`, `TokenService.send` or `TokenService.sendVoice` returned. */
  @Expose({ name: 'pin_id', toPlainOnly: true })
  @IsString({ message: 'pinId must be a string' })
  @IsNotEmpty({ message: 'pinId must not be empty' })
  @MaxLength(128, { message: 'pinId must be at most 128 characters' })
  pinId!: string;

  /** What the user typed: 4 to 8 letters or digits. */
  @Expose({ name: 'pin', toPlainOnly: true })
  @PinTextRules()
  pin!: string;
}
