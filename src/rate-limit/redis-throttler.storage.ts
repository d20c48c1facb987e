import { Logger, OnApplicationShutdown } from '@nestjs/common';
import { ThrottlerStorage, ThrottlerStorageService } from '@nestjs/throttler';
import { createClient } from '@redis/client';
import { withTimeout } from '../common/with-timeout.js';

type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

/** A slow or dead Redis must never slow a request more than this. */
const REDIS_OP_TIMEOUT_MS = 250;
const KEY_PREFIX = 'hirematch:rate-limit:';

/**
 * One fixed window per key, atomically in Redis (after wyattjoh/rate-limit-redis, as
 * @nest-lab/throttler-storage-redis does it): count the hit, start the window on the first one, and
 * once over the limit block the key for `blockDuration`. Returns [hits, ms to window end, blocked, ms to unblock].
 */
const INCREMENT_SCRIPT = `
local hits = redis.call('INCR', KEYS[1])
local ttl = redis.call('PTTL', KEYS[1])
if ttl <= 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  ttl = tonumber(ARGV[1])
end
local blocked = redis.call('PTTL', KEYS[2])
if blocked <= 0 and hits > tonumber(ARGV[2]) then
  redis.call('SET', KEYS[2], 1, 'PX', ARGV[3])
  blocked = tonumber(ARGV[3])
end
return { hits, ttl, blocked > 0 and 1 or 0, blocked > 0 and blocked or 0 }
`;

/**
 * Throttler storage shared by every instance through Redis (REDIS_URL).
 *
 * Written here rather than taken from @nest-lab/throttler-storage-redis (1.2.0 declares Nest <= 11 as its
 * peer, so `npm ci` fails with ERESOLVE on Nest 12, and it needs ioredis, a second Redis client) over the
 * node-redis client the cache already uses. And unlike that package it fails open, as the cache does:
 * while Redis is unreachable each instance counts in memory, so an outage loosens the limit (to one
 * budget per instance) instead of failing every request.
 */
export class RedisThrottlerStorage implements ThrottlerStorage, OnApplicationShutdown {
  private readonly logger = new Logger(RedisThrottlerStorage.name);
  private readonly client;
  private readonly fallback = new ThrottlerStorageService();
  private outage = false;

  constructor(url: string) {
    this.client = createClient({
      url,
      disableOfflineQueue: true,
      socket: { connectTimeout: 1_000, reconnectStrategy: (retries: number) => Math.min(100 * 2 ** retries, 5_000) },
    });
    this.client.on('error', (error: Error) => this.recordOutage(error));
    this.client.connect().catch((error: Error) => this.recordOutage(error));
  }

  async increment(key: string, ttl: number, limit: number, blockDuration: number, throttlerName: string): Promise<ThrottlerStorageRecord> {
    if (!this.client.isReady) return this.fallback.increment(key, ttl, limit, blockDuration, throttlerName);
    try {
      const prefix = `${KEY_PREFIX}${throttlerName}:${key}`;
      const reply = (await withTimeout(
        this.client.eval(INCREMENT_SCRIPT, {
          keys: [`${prefix}:hits`, `${prefix}:blocked`],
          arguments: [String(ttl), String(limit), String(blockDuration)],
        }),
        REDIS_OP_TIMEOUT_MS,
        'no answer from Redis',
      )) as number[];
      if (this.outage) {
        this.outage = false;
        this.logger.log('Rate-limit storage (Redis) is answering again');
      }
      const [totalHits, expiresInMs, isBlocked, blockExpiresInMs] = reply;
      return {
        totalHits,
        timeToExpire: Math.ceil(expiresInMs / 1000),
        isBlocked: isBlocked === 1,
        timeToBlockExpire: Math.ceil(blockExpiresInMs / 1000),
      };
    } catch (error) {
      this.recordOutage(error as Error);
      return this.fallback.increment(key, ttl, limit, blockDuration, throttlerName);
    }
  }

  async onApplicationShutdown(): Promise<void> {
    this.fallback.onApplicationShutdown();
    if (this.client.isOpen) await this.client.close().catch(() => undefined);
    else this.client.destroy();
  }

  private recordOutage(error: Error): void {
    if (this.outage) return;
    this.outage = true;
    this.logger.warn(`Rate-limit storage (Redis) failed, counting in memory per instance meanwhile: ${error.message}`);
  }
}
