import { Inject, Injectable } from '@nestjs/common';
import { HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import { withTimeout } from '../common/with-timeout.js';
import { APP_CONFIG, AppConfig } from '../config/app-config.js';
import { SQL_CONNECTION } from '../database/database.module.js';
import type { SqlConnection } from '../database/sql-connection.js';
import { EmbeddingCache } from '../embeddings/embedding-cache.js';
import { EmbeddingService } from '../embeddings/embedding.service.js';
import { ShutdownDrain } from './shutdown-drain.js';

const PROBE_TIMED_OUT = 'probe timed out';

function probeFailure(error: unknown, timeoutMs: number): string {
  return (error as Error).message?.startsWith(PROBE_TIMED_OUT) ? `no answer within ${timeoutMs} ms` : 'unreachable or failing';
}

/**
 * One check per dependency. Each probe races a timeout so a hung dependency reports down instead
 * of hanging the probe. Hard checks (database, model) fail readiness; soft ones (cache, breaker)
 * report `degraded` but stay up, because the API keeps serving without them.
 */
@Injectable()
export class HealthIndicators {
  constructor(
    private readonly health: HealthIndicatorService,
    @Inject(SQL_CONNECTION) private readonly db: SqlConnection,
    private readonly embeddingCache: EmbeddingCache,
    private readonly embeddings: EmbeddingService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly drain: ShutdownDrain,
  ) {}

  /** Down from the moment SIGTERM arrives, so no new traffic is routed here during the drain. */
  shutdown(): HealthIndicatorResult {
    const check = this.health.check('shutdown');
    return this.drain.draining ? check.down({ draining: true }) : check.up({ draining: false });
  }

  async database(): Promise<HealthIndicatorResult> {
    const check = this.health.check('database');
    try {
      await withTimeout(this.db.query('SELECT 1'), this.config.healthProbeTimeoutMs, PROBE_TIMED_OUT);
      return check.up({ kind: this.db.kind });
    } catch (error) {
      // What is wrong, not the driver's message (it can name hosts, users and files).
      return check.down({ kind: this.db.kind, reason: probeFailure(error, this.config.healthProbeTimeoutMs) });
    }
  }

  async cache(): Promise<HealthIndicatorResult> {
    const check = this.health.check('cache');
    try {
      await withTimeout(this.embeddingCache.ping(), this.config.healthProbeTimeoutMs, PROBE_TIMED_OUT);
      return check.up({ backend: this.embeddingCache.backend, degraded: false, ...this.embeddingCache.counters });
    } catch (error) {
      return check.up({
        backend: this.embeddingCache.backend,
        degraded: true,
        reason: probeFailure(error, this.config.healthProbeTimeoutMs),
        ...this.embeddingCache.counters,
      });
    }
  }

  /**
   * Up when the model is loaded. Down says why in words that are safe to show (a classified reason,
   * never a path or a raw error: those are in the service log) and when the next attempt is due.
   */
  model(): HealthIndicatorResult {
    const check = this.health.check('model');
    const status = this.embeddings.stats().model;
    const details = {
      modelId: status.modelId,
      source: status.source,
      dtype: status.dtype,
      state: status.state,
      lastInference: status.lastInference,
    };
    if (status.state === 'ready') return check.up(details);
    return check.down({
      ...details,
      reason: status.reason ?? (status.state === 'loading' ? 'model still loading' : 'model not loaded (see the service log)'),
      ...(status.nextRetryInMs !== null && status.nextRetryInMs !== undefined ? { nextRetryInMs: status.nextRetryInMs } : {}),
    });
  }

  breaker(): HealthIndicatorResult {
    const { breaker } = this.embeddings.stats();
    return this.health.check('breaker').up({ ...breaker, degraded: breaker.state !== 'closed' });
  }
}
