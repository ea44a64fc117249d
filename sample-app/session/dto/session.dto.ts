import { ApiProperty } from '@nestjs/swagger';

/** Answer of `GET /auth/me`: whose session the cookie holds. */
export class SessionDto {
  @ApiProperty({ description: 'The signed-in phone number, as Termii verified it.', example: '2348109477743' })
  phoneNumber!: string;
}
