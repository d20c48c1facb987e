export interface QueueJobOptions {
  attempts?: number;
  backoffMs?: number;
  delayMs?: number;
  /** A job whose id is already waiting or running is not added again (BullMQ: no `:` in it). */
  jobId?: string;
}

export type QueueHandler<T> = (data: T, context: { attempt: number; jobId: string }) => Promise<void>;

/** One queue for background work: BullMQ when REDIS_URL is set, in-process otherwise. */
export abstract class JobQueue {
  /** Registers the handler of a job name (call from onModuleInit). A handler throwing UnrecoverableJobError is not retried. */
  abstract process<T>(name: string, handler: QueueHandler<T>): void;
  abstract add<T>(name: string, data: T, options?: QueueJobOptions): Promise<void>;
}

export class UnrecoverableJobError extends Error {
  override name = 'UnrecoverableJobError';
}

/** What both implementations share with the module that drives them (not part of the contract handlers see). */
export abstract class RunnableJobQueue extends JobQueue {
  /** Starts working on jobs with `concurrency` at a time (only in processes that work: WORKER_CONCURRENCY > 0). */
  abstract start(concurrency: number): void;
  /** Stops taking jobs, waits up to `drainMs` for the running ones, then releases every connection. */
  abstract close(drainMs: number): Promise<void>;
}

/** Defaults both queues apply, so a job behaves the same on either. */
export const DEFAULT_ATTEMPTS = 1;
export const DEFAULT_BACKOFF_MS = 1_000;

/** Exponential backoff: the wait before attempt n + 1. */
export function backoffDelay(backoffMs: number, attemptsMade: number): number {
  return backoffMs * 2 ** Math.max(0, attemptsMade - 1);
}
