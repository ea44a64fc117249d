import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import type { TermiiTestingController } from 'nestjs-termii/testing';
import { PHONE } from './phone.js';
import { post, type Answer } from './sample-app.js';

/** A `Set-Cookie` header, read: the cookie's name and value, and its attributes (names lower-cased). */
export interface SetCookie {
  name: string;
  value: string;
  attributes: Map<string, string>;
  /** The header as it came. */
  raw: string;
}

/** The `Set-Cookie` of the `session` cookie in an answer, read, or `undefined` when there is none. */
export function sessionSetCookie(res: Answer): SetCookie | undefined {
  const raw = res.headers.getSetCookie().find((header) => header.startsWith('session='));
  if (raw === undefined) return undefined;
  const [pair, ...attributes] = raw.split(';').map((part) => part.trim());
  const equals = pair.indexOf('=');
  return {
    name: pair.slice(0, equals),
    value: pair.slice(equals + 1),
    attributes: new Map(
      attributes.map((attribute) => {
        const [name, ...value] = attribute.split('=');
        return [name.toLowerCase(), value.join('=')] as const;
      }),
    ),
    raw,
  };
}

/** GETs `/auth/me` with this session token as the cookie (none when `undefined`). */
export async function me(url: string, token: string | undefined): Promise<Answer> {
  const res = await fetch(`${url}/auth/me`, token === undefined ? {} : { headers: { cookie: `session=${token}` } });
  const text = await res.text();
  return {
    status: res.status,
    headers: res.headers,
    text,
    body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
  };
}

/**
 * Signs in `PHONE` on an app that runs on `TermiiTestingModule`: a code, read from the emulator, verified.
 * Returns the verify answer and the session token its cookie holds.
 */
export async function signIn(
  url: string,
  termii: TermiiTestingController,
): Promise<{ verified: Answer; token: string }> {
  const requested = await post(`${url}/auth/otp`, { phoneNumber: PHONE });
  assert.equal(requested.status, 201, requested.text);
  const verified = await post(`${url}/auth/otp/verify`, { pinId: requested.body['pinId'], pin: termii.lastOtp(PHONE) });
  assert.equal(verified.status, 200, verified.text);
  const cookie = sessionSetCookie(verified);
  assert.ok(cookie, `no session cookie: ${verified.headers.getSetCookie().join(' | ')}`);
  return { verified, token: cookie.value };
}

function base64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/** A JWT signed here with HMAC-SHA256 and `secret`: what a forger with a guessed secret would make. */
export function hs256Token(claims: Record<string, unknown>, secret: string): string {
  const unsigned = `${base64url({ alg: 'HS256', typ: 'JWT' })}.${base64url(claims)}`;
  return `${unsigned}.${createHmac('sha256', secret).update(unsigned).digest('base64url')}`;
}

/** An unsigned JWT (`alg: none`), which a careless verifier would take at its word. */
export function unsignedToken(claims: Record<string, unknown>): string {
  return `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url(claims)}.`;
}

/** The claims of a JWT, read without checking anything. */
export function claimsOf(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8')) as Record<string, unknown>;
}

/** The header of a JWT, read without checking anything. */
export function headerOf(token: string): Record<string, unknown> {
  return JSON.parse(Buffer.from(token.split('.')[0], 'base64url').toString('utf8')) as Record<string, unknown>;
}

/** The same token with other claims, the original signature kept: an altered token. */
export function withClaims(token: string, claims: Record<string, unknown>): string {
  const [header, , signature] = token.split('.');
  return `${header}.${base64url(claims)}.${signature}`;
}
