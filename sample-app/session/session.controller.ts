import { Controller, Get, HttpCode, HttpStatus, Post, Req, Res, UseGuards } from '@nestjs/common';
import {
  ApiCookieAuth,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
  ApiUnsupportedMediaTypeResponse,
} from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { JsonBodyOnlyGuard } from '../http/json-body-only.guard.js';
import { SessionDto } from './dto/session.dto.js';
import { SESSION_COOKIE } from './session-cookie.js';
import { SessionGuard, SignedInPhoneNumber } from './session.guard.js';
import { SessionService } from './session.service.js';

/** The session a right code started (`POST /auth/otp/verify` sets its cookie): who it is, and signing out. */
@ApiTags('auth')
@Controller('auth')
export class SessionController {
  constructor(private readonly sessions: SessionService) {}

  @Get('me')
  @UseGuards(SessionGuard)
  @ApiCookieAuth(SESSION_COOKIE)
  @ApiOperation({ summary: 'Who is signed in', description: 'Reads the session cookie.' })
  @ApiOkResponse({ type: SessionDto })
  @ApiUnauthorizedResponse({ description: 'No session, or an expired, forged or altered one.' })
  me(@SignedInPhoneNumber() phoneNumber: string): SessionDto {
    return { phoneNumber };
  }

  @Post('logout')
  @UseGuards(JsonBodyOnlyGuard)
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({
    summary: 'Sign out',
    description:
      'Clears the session cookie, with or without a session. Send `Content-Type: application/json` (the body may be `{}`).',
  })
  @ApiNoContentResponse({ description: 'Signed out: the answer clears the session cookie.' })
  @ApiUnsupportedMediaTypeResponse({ description: 'Not a JSON request: nothing was changed.' })
  logout(@Req() request: Request, @Res({ passthrough: true }) response: Response): void {
    this.sessions.end(request, response);
  }
}
