import { ApiProperty, PickType } from '@nestjs/swagger';
import { GenerateInAppTokenDto } from 'nestjs-termii';

/**
 * Body of `POST /auth/otp`. Built on the library's DTO, so that the rules (and the normalisation of
 * `+234 810-947 7743` to `2348109477743`) are the library's own. The client cannot choose the code's
 * length, attempts or lifetime: only `phoneNumber` is picked.
 */
export class RequestOtpDto extends PickType(GenerateInAppTokenDto, ['phoneNumber'] as const) {
  @ApiProperty({
    description:
      'International format with the country code; spaces, dashes, dots, parentheses and one leading + are allowed.',
    example: '+234 810 947 7743',
  })
  override phoneNumber!: string;
}
