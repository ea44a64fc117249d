import type { OnApplicationShutdown } from '@nestjs/common';
import type { ThrottlerStorage } from '@nestjs/throttler';
import type { Redis } from 'ioredis';

/** What `ThrottlerStorage.increment` answers (`ThrottlerStorageRecord`, which the package does not export by name). */
type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

/**
 * One limit's count, in one atomic step, in a sorted set whose members are the counted requests, scored by
 * the time each one stops counting. The same rule as `@nestjs/throttler`'s in-memory storage with
 * `blockDuration: 0`: a request past the limit is refused and not counted, and the next one is allowed as
 * soon as the oldest counted request is a window old. Redis's own clock is used, so replicas whose clocks
 * differ still agree.
 *
 * KEYS[1]: the set. ARGV[1]: the window (ms). ARGV[2]: the limit.
 * Returns { counted requests (+1 when refused), ms until the set empties, refused (0/1), ms until one frees up }.
 */
const SLIDING_WINDOW_SCRIPT = `
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local ttl = tonumber(ARGV[1])
local limit = tonumber(ARGV[2])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now)
local hits = redis.call('ZCARD', KEYS[1])
local refused = 0
if hits >= limit then
  refused = 1
else
  hits = hits + 1
  -- Unique: within one millisecond the count only grows.
  redis.call('ZADD', KEYS[1], now + ttl, now .. '-' .. hits)
end
local oldest = tonumber(redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')[2] or now)
local newest = tonumber(redis.call('ZRANGE', KEYS[1], -1, -1, 'WITHSCORES')[2] or now)
if newest > now then redis.call('PEXPIREAT', KEYS[1], newest) end
return { hits + refused, newest - now, refused, oldest - now }
`;

/** Thrown when Redis cannot count a request (unreachable, timed out, or refused the command). */
export class ThrottlerStoreUnavailableError extends Error {
  override readonly name = 'ThrottlerStoreUnavailableError';
}

/**
 * A `ThrottlerStorage` on Redis, for apps that run as several replicas: every replica counts in the same
 * place. It owns the connection it is given and closes it when the app shuts down.
 */
export class RedisThrottlerStorage implements ThrottlerStorage, OnApplicationShutdown {
  /**
   * @param redis a connected client; commands must fail rather than wait while Redis is away
   *   (`enableOfflineQueue: false`), or a request would hang instead of being refused.
   * @param prefix put before every key, so that the counters can share a Redis with other data.
   */
  constructor(
    private readonly redis: Redis,
    private readonly prefix = 'otp-throttle:',
  ) {}

  async increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    throttlerName: string,
  ): Promise<ThrottlerStorageRecord> {
    if (blockDuration !== 0) {
      // Only the sliding window is implemented: blocking past the window is not what this app wants.
      throw new Error(`RedisThrottlerStorage supports blockDuration: 0 only (${throttlerName} has ${blockDuration})`);
    }
    let result: unknown;
    try {
      result = await this.redis.eval(SLIDING_WINDOW_SCRIPT, 1, `${this.prefix}${throttlerName}:${key}`, ttl, limit);
    } catch (error) {
      throw new ThrottlerStoreUnavailableError(
        `Redis could not count the request: ${error instanceof Error ? error.message : String(error)}`,
        { cause: error },
      );
    }
    const [totalHits, expiresInMs, refused, freesInMs] = result as [number, number, number, number];
    return {
      totalHits,
      timeToExpire: Math.ceil(expiresInMs / 1000),
      isBlocked: refused === 1,
      timeToBlockExpire: refused === 1 ? Math.max(1, Math.ceil(freesInMs / 1000)) : 0,
    };
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.redis.status === 'end') return;
    // quit() waits for Redis; disconnect() does not, for when Redis is away at shutdown.
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}
