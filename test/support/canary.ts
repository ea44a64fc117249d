import { inspect } from 'node:util';

/**
 * Every way an error reaches a log, a report or a screen — `message`, `stack`, `String()`,
 * `JSON.stringify()`, `util.inspect(..., { depth: null, showHidden: true })` — for the error and each
 * error down its `cause` chain.
 */
export function renderingsOf(error: unknown): string[] {
  const out: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current !== undefined && current !== null && depth < 10; depth++) {
    const e = current as Error;
    out.push(
      String(e),
      String(e.message),
      String(e.stack),
      JSON.stringify(e) ?? '',
      inspect(e, { depth: null, showHidden: true }),
    );
    current = (e as { cause?: unknown }).cause;
  }
  return out;
}

/** The renderings of `error` that contain `secret` (empty when none does). */
export function leaksOf(error: unknown, secret: string): string[] {
  return renderingsOf(error).filter((text) => text.includes(secret));
}
