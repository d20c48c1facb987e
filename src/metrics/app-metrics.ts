import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Histogram, Registry } from 'prom-client';

/**
 * The app's Prometheus registry and the series that are observed as things happen. One registry per
 * app (not prom-client's global one), so that several apps in one process (tests) do not collide.
 * Series read from other components' state are added on scrape by ScrapeTimeMetrics.
 */
@Injectable()
export class AppMetrics {
  readonly registry = new Registry();

  readonly httpRequestDuration = new Histogram({
    name: 'http_request_duration_seconds',
    help: 'HTTP request duration by method, route pattern and status code',
    labelNames: ['method', 'route', 'status_code'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [this.registry],
  });

  readonly modelInferenceDuration = new Histogram({
    name: 'hirematch_model_inference_duration_seconds',
    help: 'Duration of one embedding model call (one batch of texts), by outcome',
    labelNames: ['outcome'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    registers: [this.registry],
  });

  readonly modelBatchSize = new Histogram({
    name: 'hirematch_model_batch_size',
    help: 'Texts per embedding model call (micro-batches and bulk requests)',
    buckets: [1, 2, 4, 8, 16, 32, 64, 128, 256],
    registers: [this.registry],
  });

  readonly rateLimitRejections = new Counter({
    name: 'hirematch_rate_limit_rejections_total',
    help: 'Requests answered 429 RATE_LIMITED',
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
    // Exposed from the start (at 0), so that rates and alerts work before the first model call.
    for (const outcome of ['ok', 'error']) this.modelInferenceDuration.zero({ outcome });
  }

  /** Times one model call of `batchSize` texts; returns what the call returned (or throws what it threw). */
  async timeInference<T>(batchSize: number, call: () => Promise<T>): Promise<T> {
    this.modelBatchSize.observe(batchSize);
    const stop = this.modelInferenceDuration.startTimer();
    try {
      const result = await call();
      stop({ outcome: 'ok' });
      return result;
    } catch (error) {
      stop({ outcome: 'error' });
      throw error;
    }
  }
}
