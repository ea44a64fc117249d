import { ApiProperty } from '@nestjs/swagger';

/** Answer of `POST /auth/otp`. The code itself is never in it: it goes through the delivery channel. */
export class OtpRequestedDto {
  @ApiProperty({
    description: 'Send it back with the code to `POST /auth/otp/verify`.',
    example: 'c8dcd048-5e7f-4347-8c89-4470c3af0b4e',
  })
  pinId!: string;

  @ApiProperty({ description: 'When the code stops working (ISO 8601).', example: '2026-01-01T12:05:00.000Z' })
  expiresAt!: string;
}

/** Answer of `POST /auth/otp/verify` when the code is right. */
export class OtpVerifiedDto {
  @ApiProperty({ enum: [true] })
  verified!: true;

  @ApiProperty({ description: 'The phone number the code was for, as Termii reports it.', example: '2348109477743' })
  phoneNumber!: string;
}

/** Why a code was refused. */
export type OtpRejectionReason = 'invalid' | 'expired' | 'not_found';

/** The 401 body of `POST /auth/otp/verify`. */
export class OtpRejectedDto {
  @ApiProperty({ example: 401 })
  statusCode!: number;

  @ApiProperty({ example: 'Unauthorized' })
  error!: string;

  @ApiProperty({
    enum: ['invalid', 'expired', 'not_found'],
    description:
      '`invalid`: wrong code (an attempt was used); `expired`: out of time, out of attempts or already used; `not_found`: unknown `pinId`.',
  })
  reason!: OtpRejectionReason;

  @ApiProperty({ example: 'Wrong code: check it and try again.' })
  message!: string;
}
