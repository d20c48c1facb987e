import { Controller, Get } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import { HealthCheck, HealthCheckResult, HealthCheckService } from '@nestjs/terminus';
import { Public } from '../auth/auth.decorators.js';
import { HealthIndicators } from './health-indicators.js';

@ApiTags('health')
@SkipThrottle()
@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicators,
  ) {}

  @Get('live')
  @HealthCheck()
  @ApiOperation({ operationId: 'getLiveness', summary: 'Liveness: the process answers (no dependency is checked)' })
  live(): Promise<HealthCheckResult> {
    return this.health.check([]);
  }

  @Get('ready')
  @HealthCheck()
  @ApiOperation({
    operationId: 'getReadiness',
    summary:
      'Readiness: database and model must be up (503 otherwise), and the process must not be shutting down; cache and breaker report degraded without failing',
  })
  ready(): Promise<HealthCheckResult> {
    return this.health.check([
      () => this.indicators.shutdown(),
      () => this.indicators.database(),
      () => this.indicators.model(),
      () => this.indicators.cache(),
      () => this.indicators.breaker(),
    ]);
  }
}
