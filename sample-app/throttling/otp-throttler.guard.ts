import { HttpException, HttpStatus, Injectable, Logger, ServiceUnavailableException } from '@nestjs/common';
import { ThrottlerGuard, type ThrottlerRequest } from '@nestjs/throttler';
import { OTP_LIMITS } from '../config/otp-throttle.options.js';

/** What a refused client is told, per limit; `seconds` is also the `Retry-After` header. */
const REFUSALS: Record<string, (seconds: number) => string> = {
  [OTP_LIMITS.client]: (s) => `Too many requests from this client: try again in ${s} s.`,
  [OTP_LIMITS.phoneNumber]: (s) =>
    `Too many codes were sent to this phone number: a new one may be asked for in ${s} s.`,
  [OTP_LIMITS.resendCooldown]: (s) =>
    `A code was just sent to this phone number: a new one may be asked for in ${s} s.`,
};

/** Checked in this order, so that a request refused by one limit spends nothing of the next ones. */
const ORDER: string[] = [OTP_LIMITS.client, OTP_LIMITS.resendCooldown, OTP_LIMITS.phoneNumber];

/**
 * `ThrottlerGuard` for the OTP routes. Each limit answers 429 with `Retry-After` (plain, whichever limit
 * refused) and a message that names the limit. When the counters cannot be read (Redis unreachable), the
 * request is refused with 503: a code that cannot be counted is not sent (fail closed — each one costs money).
 */
@Injectable()
export class OtpThrottlerGuard extends ThrottlerGuard {
  private readonly limitsLogger = new Logger(OtpThrottlerGuard.name);

  override async onModuleInit(): Promise<void> {
    await super.onModuleInit();
    // ThrottlerGuard sorts by window; the order matters more here (see ORDER).
    this.throttlers.sort((a, b) => ORDER.indexOf(a.name!) - ORDER.indexOf(b.name!));
  }

  protected override async handleRequest({
    context,
    limit,
    ttl,
    throttler,
    blockDuration,
    getTracker,
    generateKey,
  }: ThrottlerRequest): Promise<boolean> {
    const { req, res } = this.getRequestResponse(context);
    const name = throttler.name!;
    const key = generateKey(context, await getTracker(req, context), name);
    let record: Awaited<ReturnType<typeof this.storageService.increment>>;
    try {
      record = await this.storageService.increment(key, ttl, limit, blockDuration, name);
    } catch (error) {
      this.limitsLogger.error(`Request refused, the rate limits cannot be checked: ${describe(error)}`);
      throw new ServiceUnavailableException({
        statusCode: HttpStatus.SERVICE_UNAVAILABLE,
        error: 'Service Unavailable',
        message: 'Codes cannot be sent or checked right now (the rate-limit store is unreachable): try again later.',
      });
    }
    if (record.isBlocked) {
      const seconds = Math.max(1, record.timeToBlockExpire);
      this.setResponseHeader(res, 'Retry-After', seconds);
      throw new HttpException(
        { statusCode: HttpStatus.TOO_MANY_REQUESTS, error: 'Too Many Requests', message: REFUSALS[name](seconds) },
        HttpStatus.TOO_MANY_REQUESTS,
      );
    }
    if (name === OTP_LIMITS.client) {
      // The client's own budget; the per-number counts are not told to whoever asks.
      this.setResponseHeader(res, `${this.headerPrefix}-Limit`, limit);
      this.setResponseHeader(res, `${this.headerPrefix}-Remaining`, Math.max(0, limit - record.totalHits));
      this.setResponseHeader(res, `${this.headerPrefix}-Reset`, record.timeToExpire);
    }
    return true;
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
