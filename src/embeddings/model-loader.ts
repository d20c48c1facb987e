import {
  classifyModelLoadError,
  describeModelLoadFailure,
  errorDetail,
  FailedDownload,
  ModelLoadFailure,
  ModelSourceDescription,
} from './model-load-error.js';

export type ModelLoadState = 'loading' | 'retrying' | 'ready' | 'failed';

export interface ModelLoadStatus {
  state: ModelLoadState;
  /** Classified and safe to show (see model-load-error.ts); null while the first attempt runs and once ready. */
  reason: string | null;
  /** While retrying: time until the next attempt. */
  nextRetryInMs: number | null;
  /** Attempts started so far. */
  attempts: number;
}

/** What one attempt gets from the loader: a place to report failed downloads so the cause can be named. */
export interface LoadAttemptContext {
  onDownloadFailure(download: FailedDownload): void;
}

export interface ModelLoaderOptions {
  /** First retry delay; each next one doubles, up to retryMaxMs. */
  retryMinMs: number;
  /** Longest delay between attempts; 0 turns retries off (a failed load stays failed until a restart). */
  retryMaxMs: number;
  source: ModelSourceDescription;
  logger: { log(message: string): void; warn(message: string): void; error(message: string): void; debug(message: string): void };
}

/** Exponential backoff: retryMinMs, 2x, 4x, ... capped at retryMaxMs. `failures` counts from 1. */
export function retryDelayMs(failures: number, retryMinMs: number, retryMaxMs: number): number {
  const exponent = Math.min(Math.max(failures - 1, 0), 30);
  return Math.min(retryMinMs * 2 ** exponent, retryMaxMs);
}

/**
 * Loads the model and, when that fails, tries again with exponential backoff until it works, while
 * the service runs degraded. Knows nothing of transformers.js: the attempt is a function, so an
 * in-process model and one in a worker thread retry the same way.
 *
 * Logging: the first failure, and each change of cause, is ONE error line with the URL tried, the
 * cause and the ways out; repeats of the same cause are debug lines, so an unreachable hub does not
 * flood the log.
 */
export class ModelLoader {
  private state: ModelLoadState = 'loading';
  private failure: ModelLoadFailure | null = null;
  private attempts = 0;
  private failures = 0;
  private nextRetryAt: number | null = null;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private firstAttempt: Promise<void> | null = null;

  constructor(
    private readonly attempt: (context: LoadAttemptContext) => Promise<void>,
    private readonly options: ModelLoaderOptions,
  ) {}

  /** Runs the first attempt; resolves when it has settled either way (never rejects). Retries go on in the background. */
  start(): Promise<void> {
    this.firstAttempt ??= this.run();
    return this.firstAttempt;
  }

  status(): ModelLoadStatus {
    return {
      state: this.state,
      reason: this.state === 'ready' ? null : (this.failure?.reason ?? null),
      nextRetryInMs: this.nextRetryAt === null ? null : Math.max(0, this.nextRetryAt - Date.now()),
      attempts: this.attempts,
    };
  }

  /** No more attempts (application shutdown). An attempt already running is left to finish and ignored. */
  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    this.nextRetryAt = null;
  }

  private async run(): Promise<void> {
    this.attempts++;
    let download: FailedDownload | null = null;
    const context: LoadAttemptContext = {
      // A thrown transport error says more than a later 404 of an optional file: keep the first one.
      onDownloadFailure: (failed) => {
        if (!download?.error) download = failed;
      },
    };
    try {
      await this.attempt(context);
      if (this.stopped) return;
      if (this.failures > 0)
        this.options.logger.log(`Embedding model ${this.options.source.modelId} loaded after ${this.attempts} attempts`);
      this.state = 'ready';
      this.failure = null;
      this.nextRetryAt = null;
    } catch (error) {
      if (this.stopped) return;
      this.onFailure(error, download);
    }
  }

  private onFailure(error: unknown, download: FailedDownload | null): void {
    const failure = classifyModelLoadError(error, download);
    const causeChanged = failure.cause !== this.failure?.cause;
    this.failures++;
    this.failure = failure;
    const retry = failure.retryable && this.options.retryMaxMs > 0;
    const delay = retry ? retryDelayMs(this.failures, this.options.retryMinMs, this.options.retryMaxMs) : null;
    const message = describeModelLoadFailure(failure, this.options.source, errorDetail(error), delay);
    if (causeChanged) this.options.logger.error(message);
    else this.options.logger.debug(`attempt ${this.attempts}: ${message}`);
    if (delay === null) {
      this.state = 'failed';
      this.nextRetryAt = null;
      return;
    }
    this.state = 'retrying';
    this.nextRetryAt = Date.now() + delay;
    // nextRetryAt stays set while the retry runs: the status says "retrying, next in 0 ms" rather
    // than dropping the figure until the attempt settles (readiness probes land in that window).
    this.timer = setTimeout(() => void this.run(), delay);
    // Retries must not keep a process alive that is otherwise done (tests, CLI scripts).
    this.timer.unref();
  }
}
