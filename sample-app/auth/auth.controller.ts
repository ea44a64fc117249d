import { Body, Controller, HttpCode, HttpStatus, Post, Req, Res, UseGuards } from '@nestjs/common';
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
  ApiUnsupportedMediaTypeResponse,
} from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import type { Request, Response } from 'express';
import { OTP_LIMITS } from '../config/otp-throttle.options.js';
import { JsonBodyOnlyGuard } from '../http/json-body-only.guard.js';
import { SESSION_COOKIE } from '../session/session-cookie.js';
import { SessionService } from '../session/session.service.js';
import { OtpThrottlerGuard } from '../throttling/otp-throttler.guard.js';
import { AuthService } from './auth.service.js';
import { OtpRejectedDto, OtpRequestedDto, OtpVerifiedDto } from './dto/otp-responses.dto.js';
import { RequestOtpDto } from './dto/request-otp.dto.js';
import { VerifyOtpDto } from './dto/verify-otp.dto.js';

/**
 * Login with a one-time code. OTP endpoints are a known target of SMS pumping and brute force, so both
 * routes are rate-limited per client (`OTP_THROTTLE_LIMIT` per `OTP_THROTTLE_TTL_SECONDS`, 5 per 60 s by
 * default, counted for each route separately), and `POST /auth/otp` per phone number too
 * (`OTP_NUMBER_LIMIT` per `OTP_NUMBER_TTL_SECONDS`, 3 per 15 min, and `OTP_RESEND_COOLDOWN_SECONDS`, 60 s,
 * between two codes). See `config/otp-throttle.options.ts`.
 *
 * Both take JSON bodies only (`415` otherwise, before any limit counts the request): see `JsonBodyOnlyGuard`.
 */
@ApiTags('auth')
@ApiBadRequestResponse({
  description: 'The body is invalid (missing or unknown field, local phone number, malformed code).',
})
@ApiTooManyRequestsResponse({
  description:
    'Too many requests from this client, too many codes for this phone number, a code was just sent to it, or Termii is rate-limiting the app. See `Retry-After`.',
})
@ApiBadGatewayResponse({ description: 'Termii failed or refused the app’s credentials.' })
@ApiServiceUnavailableResponse({
  description: 'Termii, or the rate-limit store (Redis), cannot be reached, or the Termii wallet is empty.',
})
@ApiGatewayTimeoutResponse({ description: 'Termii did not answer in time.' })
@ApiUnsupportedMediaTypeResponse({ description: 'Not a JSON request (`Content-Type: application/json`).' })
// In this order: a request refused for its content type spends nothing of any limit.
@UseGuards(JsonBodyOnlyGuard, OtpThrottlerGuard)
@Controller('auth/otp')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly sessions: SessionService,
  ) {}

  @Post()
  @ApiOperation({
    summary: 'Send a one-time code',
    description:
      'Has Termii make a code, delivered in-app by the app, or by Termii by SMS or a voice call (`OTP_CHANNEL`). The answer never contains the code.',
  })
  @ApiCreatedResponse({ type: OtpRequestedDto })
  requestOtp(@Body() body: RequestOtpDto): Promise<OtpRequestedDto> {
    return this.auth.requestOtp(body.phoneNumber);
  }

  @Post('verify')
  // Per client only: Termii already limits the attempts on each code.
  @SkipThrottle({ [OTP_LIMITS.phoneNumber]: true, [OTP_LIMITS.resendCooldown]: true })
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Check a one-time code',
    description: `A right code starts a session: the answer sets the \`${SESSION_COOKIE}\` cookie (see \`GET /auth/me\`).`,
  })
  @ApiOkResponse({
    type: OtpVerifiedDto,
    headers: {
      'Set-Cookie': {
        description: `\`${SESSION_COOKIE}=<signed token>; Max-Age=SESSION_TTL_SECONDS; Path=/; HttpOnly; SameSite=Strict\` (and \`Secure\` over HTTPS)`,
        schema: { type: 'string' },
      },
    },
  })
  @ApiUnauthorizedResponse({
    type: OtpRejectedDto,
    description: 'Wrong, expired or unknown code; `reason` says which.',
  })
  async verifyOtp(
    @Body() body: VerifyOtpDto,
    @Req() request: Request,
    @Res({ passthrough: true }) response: Response,
  ): Promise<OtpVerifiedDto> {
    const verified = await this.auth.verifyOtp(body.pinId, body.pin);
    await this.sessions.start(request, response, verified.phoneNumber);
    return verified;
  }
}
