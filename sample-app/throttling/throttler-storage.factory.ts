import { Logger } from '@nestjs/common';
import type { ConfigService } from '@nestjs/config';
import { ThrottlerStorageService, type ThrottlerStorage } from '@nestjs/throttler';
import { Redis } from 'ioredis';
import { RedisThrottlerStorage } from './redis-throttler.storage.js';

const logger = new Logger('RateLimits');

/** How long a Redis command (or the first connection) may take before the request is refused. */
const REDIS_TIMEOUT_MS = 2_000;
/** The longest pause between two reconnection attempts while Redis is away. */
const MAX_RECONNECT_DELAY_MS = 1_000;

/**
 * Where the OTP limits are counted: in Redis when `REDIS_URL` is set (every replica sees the same counts),
 * else in this process's memory (one instance; nothing to install). Logs which, never a password.
 *
 * With `REDIS_URL` set, start-up fails if Redis cannot be reached: a wrong URL shows at deploy time.
 * Once running, a request that Redis cannot count is refused (see `OtpThrottlerGuard`), and the client
 * reconnects by itself.
 */
export async function createThrottlerStorage(config: ConfigService): Promise<ThrottlerStorage> {
  const url = config.get<string>('REDIS_URL')?.trim();
  if (!url) {
    logger.log('Rate limits are counted in memory: each instance counts alone (set REDIS_URL to share them)');
    return new ThrottlerStorageService();
  }
  const where = redisLocation(url);
  const redis = new Redis(url, {
    lazyConnect: true,
    // Fail a command at once while Redis is away, instead of queueing it: the request gets its 503 now.
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    commandTimeout: REDIS_TIMEOUT_MS,
    connectTimeout: REDIS_TIMEOUT_MS,
    retryStrategy: (attempt) => Math.min(attempt * 100, MAX_RECONNECT_DELAY_MS),
  });
  // One line when Redis goes away and one when it is back, not one per reconnection attempt.
  let reachable = false;
  // Without a listener, ioredis prints each connection error; the lines below say what matters.
  redis.on('error', () => undefined);
  redis.on('reconnecting', () => {
    if (!reachable) return;
    reachable = false;
    logger.error(`Redis at ${where} is unreachable: OTP requests are refused (503) until it is back`);
  });
  redis.on('ready', () => {
    if (reachable) return;
    if (started) logger.log(`Redis at ${where} is reachable again`);
    reachable = true;
  });
  let started = false;
  try {
    await redis.connect();
  } catch (error) {
    redis.disconnect();
    throw new Error(
      `REDIS_URL: cannot reach Redis at ${where} (${error instanceof Error ? error.message : String(error)})`,
      { cause: error },
    );
  }
  started = true;
  logger.log(`Rate limits are counted in Redis at ${where} (REDIS_URL): shared by every instance that uses it`);
  return new RedisThrottlerStorage(redis);
}

/** `redis://user:secret@host:6380/2` → `redis://host:6380/2`: where, without credentials. */
function redisLocation(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    // Not echoed: the value may hold a password.
    throw new Error('REDIS_URL must be a redis:// or rediss:// URL, e.g. redis://localhost:6379');
  }
  if (parsed.protocol !== 'redis:' && parsed.protocol !== 'rediss:') {
    throw new Error(`REDIS_URL must be a redis:// or rediss:// URL (got the scheme ${parsed.protocol})`);
  }
  return `${parsed.protocol}//${parsed.hostname}:${parsed.port || '6379'}${parsed.pathname === '/' ? '' : parsed.pathname}`;
}
