import { Logger } from '@nestjs/common';
import {
  backoffDelay,
  DEFAULT_ATTEMPTS,
  DEFAULT_BACKOFF_MS,
  QueueHandler,
  QueueJobOptions,
  RunnableJobQueue,
  UnrecoverableJobError,
} from './job-queue.js';

interface Entry {
  name: string;
  data: unknown;
  jobId: string;
  attempt: number;
  attempts: number;
  backoffMs: number;
}

/**
 * The queue of `npm start` without Redis: same contract as BullMQ (attempts, exponential backoff,
 * job ids, concurrency), held in memory. Jobs do not survive the process: whoever enqueues keeps
 * what a job needs in the database and enqueues again at start-up (see IngestRecovery).
 */
export class InProcessJobQueue extends RunnableJobQueue {
  private readonly logger = new Logger('JobQueue');
  private readonly handlers = new Map<string, QueueHandler<unknown>>();
  private waiting: Entry[] = [];
  private readonly timers = new Set<NodeJS.Timeout>();
  /** Ids of jobs waiting, delayed or running. */
  private readonly ids = new Set<string>();
  private readonly running = new Set<Promise<void>>();
  private concurrency = 0;
  private closing = false;
  private sequence = 0;

  process<T>(name: string, handler: QueueHandler<T>): void {
    this.handlers.set(name, handler as QueueHandler<unknown>);
  }

  add<T>(name: string, data: T, options: QueueJobOptions = {}): Promise<void> {
    if (this.closing) return Promise.reject(new Error('The job queue is closed'));
    const jobId = options.jobId ?? `job-${++this.sequence}`;
    if (this.ids.has(jobId)) return Promise.resolve();
    this.ids.add(jobId);
    this.schedule(
      {
        name,
        // A copy, as Redis would hold: the handler never shares objects with the caller.
        data: structuredClone(data),
        jobId,
        attempt: 1,
        attempts: Math.max(1, options.attempts ?? DEFAULT_ATTEMPTS),
        backoffMs: options.backoffMs ?? DEFAULT_BACKOFF_MS,
      },
      options.delayMs ?? 0,
    );
    return Promise.resolve();
  }

  start(concurrency: number): void {
    this.concurrency = concurrency;
    this.pump();
  }

  async close(drainMs: number): Promise<void> {
    this.closing = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.waiting = [];
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([Promise.allSettled([...this.running]), new Promise<void>((resolve) => (timer = setTimeout(resolve, drainMs)))]);
    clearTimeout(timer);
  }

  private schedule(entry: Entry, delayMs: number): void {
    if (delayMs <= 0) {
      this.waiting.push(entry);
      this.pump();
      return;
    }
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.waiting.push(entry);
      this.pump();
    }, delayMs);
    this.timers.add(timer);
  }

  private pump(): void {
    while (!this.closing && this.running.size < this.concurrency && this.waiting.length) {
      const entry = this.waiting.shift() as Entry;
      const run: Promise<void> = this.execute(entry).finally(() => {
        this.running.delete(run);
        this.pump();
      });
      this.running.add(run);
    }
  }

  private async execute(entry: Entry): Promise<void> {
    try {
      const handler = this.handlers.get(entry.name);
      if (!handler) throw new UnrecoverableJobError(`No handler for job "${entry.name}"`);
      await handler(entry.data, { attempt: entry.attempt, jobId: entry.jobId });
      this.ids.delete(entry.jobId);
    } catch (error) {
      const retry = !(error instanceof UnrecoverableJobError) && entry.attempt < entry.attempts && !this.closing;
      // The error's type only: a message may quote data.
      const kind = error instanceof Error ? error.name : typeof error;
      if (!retry) {
        this.ids.delete(entry.jobId);
        this.logger.warn(`Job ${entry.name} ${entry.jobId} failed for good on attempt ${entry.attempt} (${kind})`);
        return;
      }
      this.logger.warn(`Job ${entry.name} ${entry.jobId} failed on attempt ${entry.attempt} (${kind}); retrying`);
      this.schedule({ ...entry, attempt: entry.attempt + 1 }, backoffDelay(entry.backoffMs, entry.attempt));
    }
  }
}
