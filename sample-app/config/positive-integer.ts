import type { ConfigService } from '@nestjs/config';

/**
 * Reads an environment variable that must be a whole number ≥ 1, or `fallback` when it is unset or empty.
 * A bad value fails start-up with the variable's name, rather than silently running with a default.
 */
export function positiveInteger(config: ConfigService, name: string, fallback: number): number {
  const raw = config.get<string | number>(name);
  if (raw === undefined || String(raw).trim() === '') return fallback;
  const value = Number(String(raw).trim());
  if (!Number.isSafeInteger(value) || value < 1) {
    throw new Error(`${name} must be a whole number of at least 1 (got ${JSON.stringify(String(raw))})`);
  }
  return value;
}
