import { Controller, Get, Inject } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { HealthCheck, HealthCheckService, type HealthCheckResult } from '@nestjs/terminus';
import { TermiiHealthIndicator } from 'nestjs-termii/terminus';

/** The injection token of the health check's settings. */
export const HEALTH_SETTINGS = Symbol('HEALTH_SETTINGS');

/** What `GET /health` checks. */
export interface HealthSettings {
  /** Down (`low balance`) when Termii's wallet holds less (`TERMII_MIN_BALANCE`); 0 checks nothing. */
  minBalance: number;
  /** Down (`timeout`) when Termii's balance has not come within this many milliseconds. */
  timeoutMs: number;
}

/**
 * `GET /health` for a load balancer or an orchestrator: 200 when Termii (or the embedded sandbox) answers
 * with the app's key and the wallet holds at least `TERMII_MIN_BALANCE`, else 503 with a short reason.
 * Not rate-limited: the OTP limits guard the login routes only.
 */
@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly termii: TermiiHealthIndicator,
    @Inject(HEALTH_SETTINGS) private readonly settings: HealthSettings,
  ) {}

  @Get()
  @HealthCheck()
  @ApiOperation({ summary: 'Is Termii reachable with the app’s key, and does its wallet hold enough?' })
  @ApiOkResponse({ description: 'Up: `info.termii` holds the balance and its currency.' })
  @ApiServiceUnavailableResponse({
    description: 'Down: `error.termii.reason` is unreachable, unauthorized, low balance, timeout or bad answer.',
  })
  check(): Promise<HealthCheckResult> {
    const { minBalance, timeoutMs } = this.settings;
    return this.health.check([() => this.termii.isHealthy('termii', { minBalance, timeoutMs })]);
  }
}
