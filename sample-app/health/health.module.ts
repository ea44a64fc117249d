import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { TerminusModule } from '@nestjs/terminus';
import { TermiiHealthIndicator } from 'nestjs-termii/terminus';
import { HEALTH_SETTINGS, HealthController, type HealthSettings } from './health.controller.js';

/** How long `GET /health` waits for Termii's balance before it reports a timeout. */
export const HEALTH_TIMEOUT_MS = 3000;

/**
 * Reads `TERMII_MIN_BALANCE`: a number ≥ 0, in the wallet's currency (e.g. `500`); unset or empty is 0. A bad
 * value fails start-up with the variable's name.
 */
export function healthSettings(config: ConfigService): HealthSettings {
  const raw = config.get<string | number>('TERMII_MIN_BALANCE');
  const text = raw === undefined ? '' : String(raw).trim();
  if (text !== '' && !/^\d+(\.\d+)?$/.test(text)) {
    throw new Error(`TERMII_MIN_BALANCE must be a number of at least 0, e.g. 500 (got ${JSON.stringify(String(raw))})`);
  }
  const minBalance = text === '' ? 0 : Number(text);
  return { minBalance, timeoutMs: HEALTH_TIMEOUT_MS };
}

/** `GET /health`: Termii, through `TermiiHealthIndicator` (it reads the balance of the global `TermiiModule`). */
@Module({
  imports: [TerminusModule],
  controllers: [HealthController],
  providers: [TermiiHealthIndicator, { provide: HEALTH_SETTINGS, inject: [ConfigService], useFactory: healthSettings }],
})
export class HealthModule {}
