import { Injectable } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { HealthIndicatorService, type HealthIndicatorResult } from '@nestjs/terminus';
import { TermiiApiError, TermiiAuthenticationError, TermiiServerError } from '../errors/termii-api.error.js';
import { TermiiConnectionError, TermiiTimeoutError } from '../errors/termii-transport.error.js';
import { InsightsService } from '../insights/insights.service.js';
import type { TermiiBalance } from '../insights/responses/termii-balance.js';
import { getTermiiServiceToken } from '../registration/termii-registration.js';

/** Options of one `TermiiHealthIndicator.isHealthy` check. */
export interface TermiiHealthCheckOptions {
  /** Down (`low balance`) when the wallet holds less than this, in the account's currency. @default 0 (not checked) */
  minBalance?: number;
  /**
   * Down (`timeout`) when the balance has not come within this many milliseconds, however long the module's
   * own `timeoutMs` and retries would wait. @default no limit of its own
   */
  timeoutMs?: number;
  /** The registration to check (`TermiiModule.forRoot({ name })`). @default the unnamed registration */
  registration?: string;
}

/** Why a check is down: short words, never the key, the URL or an error object. */
export type TermiiHealthDownReason =
  'unreachable' | 'unauthorized' | 'low balance' | 'timeout' | 'bad answer' | 'not registered' | 'invalid options';

/** What a down check reports beside its `reason`. */
// A type, not an interface: terminus wants an index-signature-compatible record.
export type TermiiHealthDownDetails = {
  /** Why the check is down, in a few words. */
  reason: TermiiHealthDownReason;
  /** The HTTP status Termii answered, when the reason came with one (`status` is terminus's own key). */
  httpStatus?: number;
  /** For `low balance`: what is left in the wallet. */
  balance?: number;
  /** For `low balance`: the wallet's currency. */
  currency?: string;
  /** For `low balance`: the threshold it is below. */
  minBalance?: number;
};

/**
 * A `@nestjs/terminus` health indicator for Termii: reads the account's balance (`InsightsService`), which
 * proves Termii answers and accepts the key, and that the wallet is not running dry.
 * Provide it beside `TerminusModule` in the module of your health controller.
 *
 * @example
 * \@Get('health') \@HealthCheck()
 * check() { return this.health.check([() => this.termii.isHealthy('termii', { minBalance: 500, timeoutMs: 3000 })]); }
 */
@Injectable()
export class TermiiHealthIndicator {
  /** The `InsightsService` of each registration checked so far, found once. */
  private readonly services = new Map<string | undefined, InsightsService>();

  constructor(
    private readonly healthIndicatorService: HealthIndicatorService,
    private readonly moduleRef: ModuleRef,
  ) {}

  /**
   * Up with `{ balance, currency }`; down with a short `reason` (see `TermiiHealthDownReason`) and, where it
   * helps, the HTTP status or the balance. Never throws: every failure is a down result.
   */
  async isHealthy<const Key extends string = 'termii'>(
    key: Key = 'termii' as Key,
    options: TermiiHealthCheckOptions = {},
  ): Promise<HealthIndicatorResult<Key>> {
    const indicator = this.healthIndicatorService.check(key);
    const { minBalance = 0, timeoutMs, registration } = options ?? {};
    if (
      typeof minBalance !== 'number' ||
      !Number.isFinite(minBalance) ||
      (timeoutMs !== undefined && (!Number.isInteger(timeoutMs) || timeoutMs < 1))
    ) {
      return indicator.down({ reason: 'invalid options' });
    }
    const insights = this.insightsOf(registration);
    if (!insights) return indicator.down({ reason: 'not registered' });
    let wallet: TermiiBalance | typeof TIMED_OUT;
    try {
      wallet = await withTimeout(insights.getBalance(), timeoutMs);
    } catch (error) {
      return indicator.down(downDetailsOf(error));
    }
    if (wallet === TIMED_OUT) return indicator.down({ reason: 'timeout' });
    const { balance, currency } = wallet;
    if (balance < minBalance) {
      return indicator.down({ reason: 'low balance', balance, currency, minBalance });
    }
    return indicator.up({ balance, currency });
  }

  private insightsOf(registration: string | undefined): InsightsService | undefined {
    let service = this.services.get(registration);
    if (!service) {
      try {
        service = this.moduleRef.get<InsightsService>(getTermiiServiceToken(InsightsService, registration), {
          strict: false,
        });
      } catch {
        return undefined;
      }
      this.services.set(registration, service);
    }
    return service;
  }
}

/** What `withTimeout` resolves to when the indicator's own deadline comes first. */
const TIMED_OUT = Symbol('timed out');

/** `promise`, or `TIMED_OUT` after `ms`; the call itself still ends by its own timeout. */
function withTimeout<T>(promise: Promise<T>, ms: number | undefined): Promise<T | typeof TIMED_OUT> {
  if (ms === undefined) return promise;
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<typeof TIMED_OUT>((resolve) => {
    timer = setTimeout(resolve, ms, TIMED_OUT);
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}

/** The reason (and the status, when there was one) of a failed balance read: never the error itself. */
function downDetailsOf(error: unknown): TermiiHealthDownDetails {
  if (error instanceof TermiiTimeoutError) return { reason: 'timeout' };
  if (error instanceof TermiiConnectionError) return { reason: 'unreachable' };
  if (error instanceof TermiiAuthenticationError) return { reason: 'unauthorized', httpStatus: error.status };
  // A 5xx comes from Termii's side or a gateway in front of it: Termii is not serving.
  if (error instanceof TermiiServerError) return { reason: 'unreachable', httpStatus: error.status };
  if (error instanceof TermiiApiError) return { reason: 'bad answer', httpStatus: error.status };
  return { reason: 'bad answer' };
}
