import { DynamicModule, Module } from '@nestjs/common';
import type { AppConfig } from './config/app-config.js';
import { AuditModule } from './audit/audit.module.js';
import { AuthModule } from './auth/auth.module.js';
import { BackfillModule } from './backfill/backfill.module.js';
import { ConfigModule } from './config/config.module.js';
import { DatabaseModule } from './database/database.module.js';
import { DocumentsModule } from './documents/documents.module.js';
import { EmbeddingsModule } from './embeddings/embeddings.module.js';
import { EventsModule } from './events/events.module.js';
import { HealthModule } from './health/health.module.js';
import { IdempotencyModule } from './idempotency/idempotency.module.js';
import { IngestModule } from './ingest/ingest.module.js';
import { JobsModule } from './jobs/jobs.module.js';
import { LoggingModule } from './logging/logging.module.js';
import { MatchingModule } from './matching/matching.module.js';
import { MetricsModule } from './metrics/metrics.module.js';
import { PrivacyModule } from './privacy/privacy.module.js';
import { QueueModule } from './queue/queue.module.js';
import { RateLimitModule } from './rate-limit/rate-limit.module.js';
import { ResumesModule } from './resumes/resumes.module.js';
import { WebhooksModule } from './webhooks/webhooks.module.js';

@Module({})
export class AppModule {
  /** `overrides` replace values read from the environment (tests boot several backends). */
  static forRoot(overrides: Partial<AppConfig> = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(overrides),
        LoggingModule,
        EventsModule,
        MetricsModule,
        DatabaseModule,
        QueueModule,
        // Before every feature module: its guard runs first and sets request.auth for the others.
        AuthModule,
        AuditModule,
        // After the auth guard (needs request.auth); a replay is audited like the call it repeats.
        IdempotencyModule,
        DocumentsModule,
        EmbeddingsModule,
        ResumesModule,
        IngestModule,
        JobsModule,
        MatchingModule,
        PrivacyModule,
        BackfillModule,
        HealthModule,
        WebhooksModule,
        // Last: its guard needs `request.auth`, which guards of modules imported before it attach.
        RateLimitModule,
      ],
    };
  }
}
