import { ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import {
  InjectThrottlerOptions,
  InjectThrottlerStorage,
  ThrottlerGuard,
  type ThrottlerModuleOptions,
  type ThrottlerStorage,
} from '@nestjs/throttler';
import { DomainError } from '../common/domain-error.js';
import type { ApiRequest } from '../common/api-request.js';
import { ErrorCode } from '../common/error-codes.js';
import { sha256 } from '../common/sha256.js';
import { AppMetrics } from '../metrics/app-metrics.js';

type ThrottlerLimitDetail = Parameters<ThrottlerGuard['throwThrottlingException']>[1];

/** Who a request's budget belongs to: its API key, or its client address when it has none. */
export function rateLimitTracker(req: Pick<ApiRequest, 'auth' | 'ip'>): string {
  return req.auth ? `key:${req.auth.keyId}` : `ip:${req.ip ?? 'unknown'}`;
}

/**
 * @nestjs/throttler per API key: one budget per key across all routes (the stock guard keeps one per
 * route), the organisation's own limit when the API-key guard attached one, and the API's error shape:
 * 429 RATE_LIMITED with Retry-After. Runs after the API-key guard (AppModule imports this module last).
 */
@Injectable()
export class ApiThrottlerGuard extends ThrottlerGuard {
  constructor(
    @InjectThrottlerOptions() options: ThrottlerModuleOptions,
    @InjectThrottlerStorage() storage: ThrottlerStorage,
    reflector: Reflector,
    private readonly metrics: AppMetrics,
  ) {
    super(options, storage, reflector);
  }

  protected override async getTracker(req: Record<string, unknown>): Promise<string> {
    return rateLimitTracker(req as unknown as ApiRequest);
  }

  protected override generateKey(_context: ExecutionContext, tracker: string, throttlerName: string): string {
    // Hashed: the tracker may be a client address, which is not kept in Redis in the clear.
    return sha256(throttlerName, tracker);
  }

  protected override async throwThrottlingException(_context: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    this.metrics.rateLimitRejections.inc();
    throw new DomainError(
      ErrorCode.RATE_LIMITED,
      `Rate limit of ${detail.limit} requests per ${Math.round(detail.ttl / 1000)} s exceeded; retry in ${detail.timeToBlockExpire} s`,
      { limit: detail.limit, retryAfterSeconds: detail.timeToBlockExpire },
    );
  }
}
