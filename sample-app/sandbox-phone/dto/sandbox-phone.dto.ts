import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { RequestOtpDto } from '../../auth/dto/request-otp.dto.js';

/** Query of `GET /sandbox/phone`: the number whose messages to show, with the login's own rules. */
export class SandboxPhoneQueryDto extends RequestOtpDto {}

/** One message the sandbox's phone received. */
export class SandboxPhoneMessageDto {
  @ApiProperty({ enum: ['sms', 'voice'], description: 'An SMS (Send Token) or a voice call (Voice Token).' })
  channel!: 'sms' | 'voice';

  @ApiPropertyOptional({
    description: 'The code it carries (a Send Token or Voice Token delivery).',
    example: '123456',
  })
  code?: string;

  @ApiPropertyOptional({ description: 'The text, as the phone shows it (an SMS).' })
  text?: string;

  @ApiPropertyOptional({ description: 'For an SMS: the sender ID.', example: 'Sandbox' })
  from?: string;

  @ApiProperty({ description: 'When the sandbox delivered it (ISO 8601).' })
  receivedAt!: string;
}

/** Answer of `GET /sandbox/phone`. */
export class SandboxPhoneDto {
  @ApiProperty({ example: '2348109477743' })
  phoneNumber!: string;

  @ApiProperty({ type: [SandboxPhoneMessageDto], description: 'Newest first.' })
  messages!: SandboxPhoneMessageDto[];
}
