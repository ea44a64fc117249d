import { Inject, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { JwtService } from '@nestjs/jwt';
import type { Request, Response } from 'express';
import type { SessionSettings } from '../config/session-settings.js';
import { trustProxySetting } from '../config/trust-proxy.js';
import { isHttpsDeployment } from '../http/https-deployment.js';
import { SESSION_COOKIE, sessionCookieAttributes } from './session-cookie.js';
import { SESSION_SETTINGS } from './session-settings.module.js';

/** What the session token says: whose session it is (a phone number, international format, digits only). */
interface SessionClaims {
  sub: string;
}

/**
 * Sessions as signed tokens (HS256 JWTs, `@nestjs/jwt`) in an `HttpOnly` cookie: nothing is stored on the
 * server, so any replica with the same `JWT_SECRET` accepts a session another one started.
 *
 * The cost of that: signing out clears the browser's cookie, but a copy of the token taken before stays
 * valid until it expires (`SESSION_TTL_SECONDS`). An app that must end sessions on the spot keeps a list of
 * revoked token ids (`jti`) until they expire, or keeps its sessions on the server.
 */
@Injectable()
export class SessionService {
  private readonly trustProxy: ReturnType<typeof trustProxySetting>;

  constructor(
    private readonly jwt: JwtService,
    @Inject(SESSION_SETTINGS) private readonly settings: SessionSettings,
    config: ConfigService,
  ) {
    this.trustProxy = trustProxySetting(config);
  }

  /** Starts a session for `phoneNumber`: a token that expires with the cookie that carries it. */
  async start(request: Request, response: Response, phoneNumber: string): Promise<void> {
    const claims: SessionClaims = { sub: phoneNumber };
    const token = await this.jwt.signAsync(claims);
    response.cookie(SESSION_COOKIE, token, {
      ...sessionCookieAttributes(isHttpsDeployment(this.trustProxy, request)),
      maxAge: this.settings.ttlSeconds * 1000,
    });
  }

  /**
   * The phone number of the request's session, or `undefined` when it has none: no cookie, or a token that
   * is expired, signed with another secret or another algorithm (`none` included), or altered.
   */
  async phoneNumberOf(request: Request): Promise<string | undefined> {
    const token: unknown = (request.cookies as Record<string, unknown> | undefined)?.[SESSION_COOKIE];
    if (typeof token !== 'string' || token === '') return undefined;
    try {
      const claims = await this.jwt.verifyAsync<Partial<SessionClaims>>(token);
      return typeof claims.sub === 'string' && /^\d+$/.test(claims.sub) ? claims.sub : undefined;
    } catch {
      // jsonwebtoken's errors (expired, bad signature, malformed): all of them mean "not signed in".
      return undefined;
    }
  }

  /** Ends the session in this browser: the cookie is cleared, with the attributes it was set with. */
  end(request: Request, response: Response): void {
    response.clearCookie(SESSION_COOKIE, sessionCookieAttributes(isHttpsDeployment(this.trustProxy, request)));
  }
}
