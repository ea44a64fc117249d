import type { ConfigService } from '@nestjs/config';

/** The HTTP port unless `PORT` says otherwise. */
export const DEFAULT_PORT = 3000;

/**
 * The port the app listens on, from `PORT` (`0`: a free one, picked when it listens). Read at start-up by
 * `main.ts`.
 */
export function listenPort(config: ConfigService): number {
  const raw = config.get<string | number>('PORT');
  const text = raw === undefined ? '' : String(raw).trim();
  if (text === '') return DEFAULT_PORT;
  const port = Number(text);
  if (!/^\d+$/.test(text) || port > 65535) {
    throw new Error(`PORT must be a whole number from 0 to 65535 (got ${JSON.stringify(String(raw))})`);
  }
  return port;
}
