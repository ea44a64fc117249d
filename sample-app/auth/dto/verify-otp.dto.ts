import { ApiProperty } from '@nestjs/swagger';
import { VerifyTokenDto } from 'nestjs-termii';

/** Body of `POST /auth/otp/verify`: the library's `VerifyTokenDto`, documented for OpenAPI. */
export class VerifyOtpDto extends VerifyTokenDto {
  @ApiProperty({
    description: 'The `pinId` that `POST /auth/otp` answered.',
    example: 'c8dcd048-5e7f-4347-8c89-4470c3af0b4e',
  })
  override pinId!: string;

  @ApiProperty({ description: 'The code the user received: 4 to 8 letters or digits.', example: '123456' })
  override pin!: string;
}
