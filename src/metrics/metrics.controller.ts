import { Controller, Get, Header, Headers, Inject, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import type { Response } from 'express';
import { timingSafeEqual } from 'node:crypto';
import { Public } from '../auth/auth.decorators.js';
import { DomainError } from '../common/domain-error.js';
import { ErrorCode } from '../common/error-codes.js';
import { sha256 } from '../common/sha256.js';
import { APP_CONFIG, AppConfig } from '../config/app-config.js';
import { AppMetrics } from './app-metrics.js';

/** Prometheus scrape endpoint: no API key (open unless METRICS_TOKEN is set), never rate limited. */
@ApiExcludeController()
@Public()
@SkipThrottle()
@Controller('metrics')
export class MetricsController {
  constructor(
    private readonly metrics: AppMetrics,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get()
  @Header('Cache-Control', 'no-store')
  scrape(@Headers('authorization') authorization: string | undefined, @Res({ passthrough: true }) res: Response): Promise<string> {
    if (this.config.metricsToken && !bearerMatches(authorization, this.config.metricsToken)) {
      throw new DomainError(ErrorCode.UNAUTHENTICATED, 'GET /metrics needs Authorization: Bearer <METRICS_TOKEN>');
    }
    // Set here, not by @Header: that would also label an error's JSON body as text.
    res.type(this.metrics.registry.contentType);
    return this.metrics.registry.metrics();
  }
}

function bearerMatches(header: string | undefined, token: string): boolean {
  const presented = /^Bearer\s+(.+)$/i.exec(header ?? '')?.[1]?.trim();
  // Compare digests: equal length, constant time, whatever was sent.
  return presented !== undefined && timingSafeEqual(Buffer.from(sha256(presented), 'hex'), Buffer.from(sha256(token), 'hex'));
}
