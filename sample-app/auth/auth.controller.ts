import { Body, Controller, HttpCode, HttpStatus, Post, UseGuards } from '@nestjs/common';
import {
  ApiBadGatewayResponse,
  ApiBadRequestResponse,
  ApiCreatedResponse,
  ApiGatewayTimeoutResponse,
  ApiOkResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { ThrottlerGuard } from '@nestjs/throttler';
import { AuthService } from './auth.service.js';
import { OtpRejectedDto, OtpRequestedDto, OtpVerifiedDto } from './dto/otp-responses.dto.js';
import { RequestOtpDto } from './dto/request-otp.dto.js';
import { VerifyOtpDto } from './dto/verify-otp.dto.js';

/**
 * Login with a one-time code. Both routes are rate-limited per client (OTP endpoints are a known target
 * of SMS pumping and brute force): `OTP_THROTTLE_LIMIT` requests per `OTP_THROTTLE_TTL_SECONDS`, 5 per 60 s
 * by default, counted for each route separately.
 */
@ApiTags('auth')
@ApiBadRequestResponse({
  description: 'The body is invalid (missing or unknown field, local phone number, malformed code).',
})
@ApiTooManyRequestsResponse({
  description: 'Too many requests from this client, or Termii is rate-limiting the app. See `Retry-After`.',
})
@ApiBadGatewayResponse({ description: 'Termii failed or refused the app’s credentials.' })
@ApiServiceUnavailableResponse({ description: 'Termii cannot be reached.' })
@ApiGatewayTimeoutResponse({ description: 'Termii did not answer in time.' })
@UseGuards(ThrottlerGuard)
@Controller('auth/otp')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Post()
  @ApiOperation({
    summary: 'Send a one-time code',
    description: 'Gets a code from Termii and delivers it in-app. The answer never contains the code.',
  })
  @ApiCreatedResponse({ type: OtpRequestedDto })
  requestOtp(@Body() body: RequestOtpDto): Promise<OtpRequestedDto> {
    return this.auth.requestOtp(body.phoneNumber);
  }

  @Post('verify')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Check a one-time code' })
  @ApiOkResponse({ type: OtpVerifiedDto })
  @ApiUnauthorizedResponse({
    type: OtpRejectedDto,
    description: 'Wrong, expired or unknown code; `reason` says which.',
  })
  verifyOtp(@Body() body: VerifyOtpDto): Promise<OtpVerifiedDto> {
    return this.auth.verifyOtp(body.pinId, body.pin);
  }
}
