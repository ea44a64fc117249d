import type { CookieOptions } from 'express';

/** The name of the cookie that holds the session token. */
export const SESSION_COOKIE = 'session';

/**
 * The session cookie's attributes: out of reach of the page's scripts (`HttpOnly`), never sent with a
 * request that another site starts (`SameSite=Strict`), for the whole app (`Path=/`), and `Secure` when
 * the app is served over HTTPS (a `Secure` cookie is never sent back over the plain `http://localhost`).
 * `maxAge` is left to the caller: the cookie that starts a session has one, the one that clears it not.
 */
export function sessionCookieAttributes(secure: boolean): CookieOptions {
  return { httpOnly: true, sameSite: 'strict', path: '/', secure };
}
