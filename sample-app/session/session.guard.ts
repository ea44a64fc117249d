import {
  createParamDecorator,
  HttpStatus,
  Injectable,
  UnauthorizedException,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import type { Request } from 'express';
import { SessionService } from './session.service.js';

/** Where the guard leaves the signed-in phone number on the request, for `@SignedInPhoneNumber()`. */
const signedIn = new WeakMap<Request, string>();

/**
 * Protects a route: `401` unless the request carries a valid session cookie. Put `@UseGuards(SessionGuard)`
 * on any route that needs a signed-in user, and read who with `@SignedInPhoneNumber()`.
 */
@Injectable()
export class SessionGuard implements CanActivate {
  constructor(private readonly sessions: SessionService) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<Request>();
    const phoneNumber = await this.sessions.phoneNumberOf(request);
    if (phoneNumber === undefined) {
      // One answer for a missing, expired, forged or altered session: the client can only sign in again.
      throw new UnauthorizedException({
        statusCode: HttpStatus.UNAUTHORIZED,
        error: 'Unauthorized',
        message: 'Not signed in, or the session has expired: sign in with a one-time code.',
      });
    }
    signedIn.set(request, phoneNumber);
    return true;
  }
}

/** The phone number of the session `SessionGuard` checked. */
export const SignedInPhoneNumber = createParamDecorator(
  (_data: unknown, context: ExecutionContext): string | undefined =>
    signedIn.get(context.switchToHttp().getRequest<Request>()),
);
