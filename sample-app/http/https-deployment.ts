import type { Request } from 'express';
import type { trustProxySetting } from '../config/trust-proxy.js';

/**
 * Whether a request is served over HTTPS, as far as the app can tell: TLS to the app itself (`req.secure`),
 * or any request of a deployment behind `TRUST_PROXY`, whose proxy is where TLS ends.
 *
 * It decides what only makes sense over HTTPS: the session cookie's `Secure` flag, HSTS and the CSP's
 * `upgrade-insecure-requests`. None of them is sent to the plain `http://localhost` of `npm start`, where a
 * `Secure` cookie would never come back and an upgraded request would fail.
 */
export function isHttpsDeployment(trustProxy: ReturnType<typeof trustProxySetting>, request: Request): boolean {
  return request.secure || trustProxy !== false;
}
