import { Global, Module } from '@nestjs/common';
import { EmbeddingsModule } from '../embeddings/embeddings.module.js';
import { JobsModule } from '../jobs/jobs.module.js';
import { ResumesModule } from '../resumes/resumes.module.js';
import { AppMetrics } from './app-metrics.js';
import { MetricsController } from './metrics.controller.js';
import { ScrapeTimeMetrics } from './scrape-time-metrics.js';

/** GET /metrics. Global so that any module can observe into AppMetrics (model calls, rate limits). */
@Global()
@Module({
  imports: [EmbeddingsModule, ResumesModule, JobsModule],
  controllers: [MetricsController],
  providers: [AppMetrics, ScrapeTimeMetrics],
  exports: [AppMetrics],
})
export class MetricsModule {}
