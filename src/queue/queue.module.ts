import { BeforeApplicationShutdown, Global, Inject, Injectable, Module, OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, AppConfig } from '../config/app-config.js';
import { BullMqJobQueue } from './bullmq-job-queue.js';
import { InProcessJobQueue } from './in-process-job-queue.js';
import { JobQueue, RunnableJobQueue } from './job-queue.js';

/**
 * Work starts once the application has booted (every handler registered in onModuleInit) and only
 * where WORKER_CONCURRENCY > 0; it drains before the database and the model close.
 */
@Injectable()
class QueueLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown {
  constructor(
    @Inject(JobQueue) private readonly queue: RunnableJobQueue,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    if (this.config.workerConcurrency > 0) this.queue.start(this.config.workerConcurrency);
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.queue.close(this.config.queueDrainTimeoutMs);
  }
}

@Global()
@Module({
  providers: [
    {
      provide: JobQueue,
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig): RunnableJobQueue =>
        config.redisUrl
          ? new BullMqJobQueue({
              redisUrl: config.redisUrl,
              prefix: config.queuePrefix,
              stalledIntervalMs: config.queueStalledIntervalMs,
              commandTimeoutMs: Math.max(config.redisConnectTimeoutMs * 10, 2_000),
              connectTimeoutMs: config.redisConnectTimeoutMs,
            })
          : new InProcessJobQueue(),
    },
    QueueLifecycle,
  ],
  exports: [JobQueue],
})
export class QueueModule {}
