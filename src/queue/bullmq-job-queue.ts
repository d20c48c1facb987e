import { Logger } from '@nestjs/common';
import { Job, Queue, UnrecoverableError, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import { withTimeout } from '../common/with-timeout.js';
import {
  DEFAULT_ATTEMPTS,
  DEFAULT_BACKOFF_MS,
  QueueHandler,
  QueueJobOptions,
  RunnableJobQueue,
  UnrecoverableJobError,
} from './job-queue.js';

/** The one BullMQ queue every job name shares (under the configured key prefix). */
const QUEUE_NAME = 'jobs';

export interface BullMqJobQueueOptions {
  redisUrl: string;
  prefix: string;
  /** Lock duration and stalled check: a job whose worker died is moved back to waiting after at most ~2x this. */
  stalledIntervalMs: number;
  /** Adding a job waits at most this long for Redis (then the caller gets an error, not a hang). */
  commandTimeoutMs: number;
  connectTimeoutMs: number;
}

/**
 * BullMQ on Redis: every process with the same REDIS_URL and prefix shares the jobs; a job whose
 * worker is killed is taken up by another (stalled-job recovery); retries with exponential backoff.
 */
export class BullMqJobQueue extends RunnableJobQueue {
  private readonly logger = new Logger('JobQueue');
  private readonly handlers = new Map<string, QueueHandler<unknown>>();
  // One connection for the queue and the worker's commands; BullMQ duplicates it for its blocking reads.
  // maxRetriesPerRequest null: BullMQ's workers need it (commands wait for a reconnect instead of failing).
  private readonly connection: Redis;
  private readonly queue: Queue;
  private worker: Worker | null = null;

  constructor(private readonly options: BullMqJobQueueOptions) {
    super();
    this.connection = new Redis(options.redisUrl, {
      maxRetriesPerRequest: null,
      connectTimeout: Math.max(options.connectTimeoutMs, 1_000),
      lazyConnect: true,
    });
    this.connection.on('error', () => undefined); // reconnects by itself; failures surface as timeouts where they matter
    this.queue = new Queue(QUEUE_NAME, { connection: this.connection, prefix: options.prefix });
    this.queue.on('error', (error) => this.logger.warn(`Queue: ${error.name}`));
  }

  process<T>(name: string, handler: QueueHandler<T>): void {
    this.handlers.set(name, handler as QueueHandler<unknown>);
  }

  async add<T>(name: string, data: T, options: QueueJobOptions = {}): Promise<void> {
    await withTimeout(
      this.queue.add(name, data, {
        jobId: options.jobId,
        attempts: Math.max(1, options.attempts ?? DEFAULT_ATTEMPTS),
        backoff: { type: 'exponential', delay: options.backoffMs ?? DEFAULT_BACKOFF_MS },
        delay: options.delayMs,
        // Finished jobs leave Redis; what they did is in the database.
        removeOnComplete: true,
        removeOnFail: { age: 7 * 24 * 3600, count: 10_000 },
      }),
      this.options.commandTimeoutMs,
      'the job queue (Redis) did not answer',
    );
  }

  start(concurrency: number): void {
    if (this.worker) return;
    this.worker = new Worker(QUEUE_NAME, (job: Job) => this.run(job), {
      connection: this.connection,
      prefix: this.options.prefix,
      concurrency,
      lockDuration: this.options.stalledIntervalMs,
      stalledInterval: this.options.stalledIntervalMs,
      // A job is failed only after stalling this often (its worker dying each time), not on one crash.
      maxStalledCount: 3,
    });
    this.worker.on('error', (error) => this.logger.warn(`Worker: ${error.name}`));
  }

  async close(drainMs: number): Promise<void> {
    // close() lets running jobs finish and takes no new ones; an unreachable Redis must not hold shutdown:
    // past the bounds, the connections (BullMQ's duplicated blocking one too) are dropped, which also stops reconnecting.
    if (this.worker) {
      const worker = this.worker;
      await withTimeout(worker.close(), Math.max(drainMs, 1), 'worker drain').catch(() =>
        withTimeout(worker.close(true), 1_000).catch(() => undefined),
      );
      await withTimeout(worker.disconnect(), 1_000).catch(() => undefined);
    }
    await withTimeout(this.queue.close(), 2_000).catch(() => undefined);
    await withTimeout(this.queue.disconnect(), 1_000).catch(() => undefined);
    this.connection.disconnect();
  }

  private async run(job: Job): Promise<void> {
    const handler = this.handlers.get(job.name);
    // Retried, not failed: in a rolling deploy another worker may know the job.
    if (!handler) throw new Error(`No handler for job "${job.name}" in this process`);
    try {
      await handler(job.data, { attempt: job.attemptsMade + 1, jobId: job.id ?? '' });
    } catch (error) {
      if (error instanceof UnrecoverableJobError) throw new UnrecoverableError(error.message);
      throw error;
    }
  }
}
