import type { TermiiFault } from './termii-fault.js';
import type { TermiiOperationPath } from './termii-paths.js';

/** The placeholder that stands for the API key wherever it would have appeared. */
export const REDACTED = '[REDACTED]';

/** A request the emulator received, with the API key masked. */
export interface TermiiRecordedRequest {
  /** The HTTP method, e.g. `POST`. */
  method: string;
  /** The request path as received, with the value of an `api_key` query parameter masked. */
  path: string;
  /** Which operation the path named, if any. */
  operation?: TermiiOperationPath;
  /** The JSON body, with `api_key` (and any other occurrence of the key) replaced by `[REDACTED]`; `undefined` when it was not a JSON object. */
  body: Record<string, unknown> | undefined;
  /** Emulator clock time (ms) when it arrived. */
  receivedAt: number;
  /** The status answered, or `undefined` when the connection was dropped or left unanswered. */
  status?: number;
  /** The injected fault that decided the answer, if any. */
  fault?: TermiiFault['kind'];
}

/**
 * A deep copy of `value` with every occurrence of `secret` in a string replaced by `[REDACTED]`, and
 * every `api_key` field masked whatever its value.
 */
export function redactSecret(value: unknown, secret: string | undefined, depth = 0): unknown {
  if (typeof value === 'string') return secret ? value.split(secret).join(REDACTED) : value;
  // Bodies are small; the depth limit only guards against a hostile deeply nested body.
  if (value === null || typeof value !== 'object' || depth > 20)
    return typeof value === 'object' && value !== null ? REDACTED : value;
  if (Array.isArray(value)) return value.map((item) => redactSecret(item, secret, depth + 1));
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    const safeKey = redactSecret(key, secret) as string;
    // Defined as own data properties, so that keys such as `__proto__` stay plain data.
    Object.defineProperty(copy, safeKey, {
      value: key === 'api_key' ? REDACTED : redactSecret(item, secret, depth + 1),
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return copy;
}

/** A request path with an `api_key` query parameter (some clients send one) masked. */
export function maskApiKeyInPath(path: string): string {
  return path.replace(/([?&]api_key=)[^&#]*/gi, `$1${REDACTED}`);
}
