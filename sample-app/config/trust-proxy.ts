import type { ConfigService } from '@nestjs/config';

/**
 * Express's `trust proxy` setting, from `TRUST_PROXY`: which proxies may say, in `X-Forwarded-For`, who
 * the client is — and so whom the per-client limit counts.
 *
 * - unset or `false`: no proxy (the default); the client is the connection's address.
 * - a whole number `N`: trust the `N` proxies nearest to the app (e.g. `1` behind one load balancer).
 * - addresses, subnets or Express's names, comma-separated: `loopback`, `10.0.0.0/8, 172.16.0.0/12`.
 *
 * `true` (trust any `X-Forwarded-For`) is refused: every client could then pick its own address and
 * escape the per-client limit.
 */
export function trustProxySetting(config: ConfigService): false | number | string[] {
  const raw = config.get<string | number | boolean>('TRUST_PROXY');
  const value = raw === undefined ? '' : String(raw).trim();
  if (value === '' || value === 'false') return false;
  if (/^\d+$/.test(value)) return Number(value);
  if (value === 'true') {
    throw new Error(
      'TRUST_PROXY=true would let any client choose its address through X-Forwarded-For: give the number of proxies in front of the app (e.g. 1) or their addresses',
    );
  }
  return value
    .split(',')
    .map((entry) => entry.trim())
    .filter((entry) => entry !== '');
}
