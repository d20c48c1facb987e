import { Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { Counter, Gauge } from 'prom-client';
import type { BreakerState } from '../common/counting-circuit-breaker.js';
import { EmbeddingService } from '../embeddings/embedding.service.js';
import { JobsRepository } from '../jobs/jobs.repository.js';
import { ResumesRepository } from '../resumes/resumes.repository.js';
import { AppMetrics } from './app-metrics.js';

const BREAKER_STATES: BreakerState[] = ['closed', 'half-open', 'open'];

/** Series read from other components when Prometheus scrapes: cache counters, breaker state, embedding backlog. */
@Injectable()
export class ScrapeTimeMetrics implements OnModuleInit {
  private readonly logger = new Logger(ScrapeTimeMetrics.name);

  constructor(
    private readonly metrics: AppMetrics,
    private readonly embeddings: EmbeddingService,
    private readonly resumes: ResumesRepository,
    private readonly jobs: JobsRepository,
  ) {}

  onModuleInit(): void {
    const registers = [this.metrics.registry];
    const embeddings = this.embeddings;
    new Counter({
      name: 'hirematch_embedding_cache_requests_total',
      help: 'Embedding cache lookups by result (an unreachable cache counts as a miss)',
      labelNames: ['result'] as const,
      registers,
      // The cache keeps its own monotonic counters (also shown by /api/v1/embeddings/status): copy them.
      collect() {
        const { hits, misses } = embeddings.stats().cache;
        this.reset();
        this.inc({ result: 'hit' }, hits);
        this.inc({ result: 'miss' }, misses);
      },
    });
    new Gauge({
      name: 'hirematch_embedding_breaker_state',
      help: 'Circuit breaker around the embedding model: 1 for the current state',
      labelNames: ['state'] as const,
      registers,
      collect() {
        const current = embeddings.stats().breaker.state;
        for (const state of BREAKER_STATES) this.set({ state }, state === current ? 1 : 0);
      },
    });
    const backlog = { resumes: this.resumes, jobs: this.jobs };
    const logger = this.logger;
    new Gauge({
      name: 'hirematch_embedding_backlog',
      help: 'Rows waiting for a vector (pending) or given up on (failed), by table',
      labelNames: ['table', 'status'] as const,
      registers,
      async collect() {
        for (const [table, repository] of Object.entries(backlog)) {
          try {
            const counts = await repository.countEmbeddingBacklog();
            this.set({ table, status: 'pending' }, counts.pending);
            this.set({ table, status: 'failed' }, counts.failed);
          } catch (error) {
            // A scrape must not fail with the database: the series keep their last values.
            logger.warn(`Embedding backlog not counted for ${table}: ${(error as Error).message}`);
          }
        }
      },
    });
  }
}
