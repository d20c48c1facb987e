import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ThrottlerModule } from '@nestjs/throttler';
import type { ApiRequest } from '../common/api-request.js';
import { APP_CONFIG, AppConfig } from '../config/app-config.js';
import { ApiThrottlerGuard } from './api-throttler.guard.js';
import { RedisThrottlerStorage } from './redis-throttler.storage.js';

/**
 * Requests per minute per API key (RATE_LIMIT_PER_MINUTE, or the organisation's own limit), counted in
 * Redis when REDIS_URL is set so that every instance draws on one budget, else in memory.
 * Health and metrics are exempt (@SkipThrottle). Import it AFTER the module of the API-key guard:
 * global guards run in the order their modules are imported, and this one needs `request.auth`.
 */
@Module({
  imports: [
    ThrottlerModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        throttlers: [
          {
            name: 'default',
            ttl: 60_000,
            limit: (context) => context.switchToHttp().getRequest<ApiRequest>().auth?.rateLimitPerMinute ?? config.rateLimitPerMinute,
          },
        ],
        ...(config.redisUrl ? { storage: new RedisThrottlerStorage(config.redisUrl) } : {}),
      }),
    }),
  ],
  providers: [{ provide: APP_GUARD, useClass: ApiThrottlerGuard }],
})
export class RateLimitModule {}
