import { HttpException, HttpStatus, Injectable, Logger, ServiceUnavailableException } from '@nestjs/common';
import { ThrottlerGuard, type ThrottlerRequest, type ThrottlerStorage } from '@nestjs/throttler';
import { OTP_LIMITS } from '../config/otp-throttle.options.js';

/** What a refused client is told, per limit; `seconds` is also the `Retry-After` header. */
const REFUSALS: Record<string, (seconds: number) => string> = {
  [OTP_LIMITS.client]: (s) => `Too many requests from this client: try again in ${s} s.`,
  [OTP_LIMITS.phoneNumber]: (s) =>
    `Too many codes were sent to this phone number: a new one may be asked for in ${s} s.`,
  [OTP_LIMITS.resendCooldown]: (s) =>
    `A code was just sent to this phone number: a new one may be asked for in ${s} s.`,
};

/**
 * The order the limits are checked in: the per-number ones last, `phone-number` closing them (it decides
 * for both). So a route skips the two per-number limits together, or neither.
 */
const ORDER: string[] = [OTP_LIMITS.client, OTP_LIMITS.resendCooldown, OTP_LIMITS.phoneNumber];

/** One per-number limit of the request being checked. */
interface PerNumberCheck {
  name: string;
  key: string;
  ttl: number;
  limit: number;
  /** Requests counted now, and seconds until the oldest of them stops counting. */
  counted: number;
  freesInSeconds: number;
}

/** A 429 that names the limit, with `Retry-After`. */
class TooManyRequests extends HttpException {
  constructor(
    readonly limitName: string,
    readonly seconds: number,
  ) {
    super(
      { statusCode: HttpStatus.TOO_MANY_REQUESTS, error: 'Too Many Requests', message: REFUSALS[limitName](seconds) },
      HttpStatus.TOO_MANY_REQUESTS,
    );
  }
}

/**
 * `ThrottlerGuard` for the OTP routes.
 *
 * - Each refusal is a 429 with a plain `Retry-After` (whichever limit refused) and a message naming the limit.
 * - The per-client limit counts every request. The two per-number limits (cooldown, per-number window)
 *   are checked together and count a request only when both let it through: a refused request spends
 *   nothing of the number's quota, and the answer gives the longer wait, i.e. when a new code may really
 *   be asked for.
 * - When the counters cannot be read (Redis unreachable), the request is refused with 503: a code that
 *   cannot be counted is not sent (fail closed: each one costs money).
 */
@Injectable()
export class OtpThrottlerGuard extends ThrottlerGuard {
  private readonly limitsLogger = new Logger(OtpThrottlerGuard.name);
  /** The per-number limits checked so far for each request. */
  private readonly perNumber = new WeakMap<object, PerNumberCheck[]>();

  override async onModuleInit(): Promise<void> {
    await super.onModuleInit();
    // ThrottlerGuard sorts by window; here the order matters more (see ORDER).
    this.throttlers.sort((a, b) => ORDER.indexOf(a.name!) - ORDER.indexOf(b.name!));
  }

  protected override async handleRequest(request: ThrottlerRequest): Promise<boolean> {
    const { req, res } = this.getRequestResponse(request.context);
    try {
      if (request.throttler.name === OTP_LIMITS.client) await this.countClient(request, req, res);
      else await this.checkPerNumber(request, req);
      return true;
    } catch (error) {
      if (error instanceof TooManyRequests) this.setResponseHeader(res, 'Retry-After', error.seconds);
      if (error instanceof HttpException) throw error;
      this.limitsLogger.error(`Request refused, the rate limits cannot be checked: ${describe(error)}`);
      throw new ServiceUnavailableException({
        statusCode: HttpStatus.SERVICE_UNAVAILABLE,
        error: 'Service Unavailable',
        message: 'Codes cannot be sent or checked right now (the rate-limit store is unreachable): try again later.',
      });
    }
  }

  private async countClient(
    { context, limit, ttl, blockDuration, throttler, getTracker, generateKey }: ThrottlerRequest,
    req: Record<string, unknown>,
    res: Record<string, unknown>,
  ): Promise<void> {
    const name = throttler.name!;
    const key = generateKey(context, await getTracker(req, context), name);
    const record = await this.storageService.increment(key, ttl, limit, blockDuration, name);
    if (record.isBlocked) throw new TooManyRequests(name, Math.max(1, record.timeToBlockExpire));
    // The client's own budget; what is left for a phone number is not told to whoever asks.
    this.setResponseHeader(res, `${this.headerPrefix}-Limit`, limit);
    this.setResponseHeader(res, `${this.headerPrefix}-Remaining`, Math.max(0, limit - record.totalHits));
    this.setResponseHeader(res, `${this.headerPrefix}-Reset`, record.timeToExpire);
  }

  private async checkPerNumber(
    { context, limit, ttl, throttler, getTracker, generateKey }: ThrottlerRequest,
    req: Record<string, unknown>,
  ): Promise<void> {
    const name = throttler.name!;
    const key = generateKey(context, await getTracker(req, context), name);
    const checks = this.perNumber.get(req) ?? [];
    this.perNumber.set(req, checks);
    checks.push({ name, key, ttl, limit, ...(await peek(this.storageService, key, ttl, name)) });
    // `phone-number` comes last: decide once every per-number limit has been looked at.
    if (name !== OTP_LIMITS.phoneNumber) return;
    refuseIfAnyIsFull(checks);
    for (const check of checks) {
      // Counted for real; refused only if a concurrent request for the number got there first.
      const record = await this.storageService.increment(check.key, check.ttl, check.limit, 0, check.name);
      if (record.isBlocked) throw new TooManyRequests(check.name, Math.max(1, record.timeToBlockExpire));
    }
  }
}

/**
 * How many requests a limit counts now, without counting this one: with `blockDuration: 0` a storage
 * refuses (and does not count) a request once the count has reached the limit, so a limit of 0 refuses
 * every request and reports the count (+1, the refused request) and when the oldest counted one expires.
 */
async function peek(
  storage: ThrottlerStorage,
  key: string,
  ttl: number,
  name: string,
): Promise<{ counted: number; freesInSeconds: number }> {
  const record = await storage.increment(key, ttl, 0, 0, name);
  return { counted: record.totalHits - 1, freesInSeconds: Math.max(1, record.timeToBlockExpire) };
}

/** Refuses with the longest wait among the full limits, if any is full. */
function refuseIfAnyIsFull(checks: PerNumberCheck[]): void {
  const full = checks.filter((check) => check.counted >= check.limit);
  if (full.length === 0) return;
  const longest = full.reduce((a, b) => (b.freesInSeconds > a.freesInSeconds ? b : a));
  throw new TooManyRequests(longest.name, longest.freesInSeconds);
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
