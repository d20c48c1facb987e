import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { DomainError } from '../common/domain-error.js';
import { ErrorCode } from '../common/error-codes.js';
import { CountingCircuitBreaker, isBreakerOpenError } from '../common/counting-circuit-breaker.js';
import { currentRequestSignal } from '../common/request-signal.js';
import { withTimeout } from '../common/with-timeout.js';
import { APP_CONFIG, AppConfig } from '../config/app-config.js';
import { AppMetrics } from '../metrics/app-metrics.js';
import { EmbeddingCache } from './embedding-cache.js';
import { EmbeddingModel, ModelStatus } from './embedding-model.js';
import { InferenceAbortedError, WorkBudgetExceededError } from './inference-errors.js';
import { MicroBatcher } from './micro-batcher.js';
import { preprocessForEmbedding } from './text-preprocessing.js';
import { budgetProblem, estimateWindows, WindowQueue } from './work-budget.js';

/** A text any working model embeds: the probe that tells a broken model from a broken text. */
const PROBE_TEXT = 'Software engineer with experience in customer support.';

/** The model cannot embed right now (not loaded, or the breaker is open). Callers degrade. */
export class EmbeddingUnavailableError extends DomainError {
  constructor(
    readonly reason: 'model_not_loaded' | 'breaker_open' | 'model_error',
    message: string,
  ) {
    super(ErrorCode.EMBEDDING_UNAVAILABLE, message, { reason });
  }
}

export interface EmbedOptions {
  /**
   * Work of the service itself (the backfill): not refused by admission control (still counted in the
   * queue), and a text over the budget is a model error for that row rather than a 413.
   */
  background?: boolean;
  /** The caller gave up: its queued windows are dropped. Default: the current HTTP request's signal. */
  signal?: AbortSignal;
}

/** Errors that say nothing about the model's health: the breaker does not count them. */
function isCallerError(error: unknown): boolean {
  return (
    error instanceof WorkBudgetExceededError ||
    error instanceof InferenceAbortedError ||
    (error instanceof DomainError && error.code === ErrorCode.REQUEST_ABORTED) ||
    (error as Error)?.name === 'AbortError' ||
    (error as Error)?.name === 'TimeoutError'
  );
}

/**
 * Text -> 384-d unit vector. Cache first; misses pass the work budgets and admission control, then
 * concurrent callers are micro-batched into one model call, which runs behind the circuit breaker.
 */
@Injectable()
export class EmbeddingService implements OnApplicationShutdown {
  private readonly breaker: CountingCircuitBreaker<[string[], AbortSignal | undefined], Float32Array[]>;
  private readonly batcher: MicroBatcher<string, Float32Array>;
  private readonly queue: WindowQueue;
  modelCalls = 0;
  overloadRejections = 0;
  /** What the last model call did, as seen through the breaker (timeouts included). */
  private lastInference: { ok: boolean; at: string; error?: string } | null = null;

  constructor(
    private readonly model: EmbeddingModel,
    private readonly cache: EmbeddingCache,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly metrics: AppMetrics,
  ) {
    this.breaker = new CountingCircuitBreaker((texts: string[], signal: AbortSignal | undefined) => this.runModel(texts, signal), {
      failureThreshold: config.breakerFailureThreshold,
      failureWindowMs: config.breakerFailureWindowMs,
      resetTimeoutMs: config.breakerResetTimeoutMs,
      timeoutMs: config.embeddingTimeoutMs,
      isCallerError,
    });
    this.batcher = new MicroBatcher((texts, signal) => this.callModelPerText(texts, signal), {
      windowMs: config.embeddingBatchWindowMs,
      maxBatch: config.embeddingMaxBatch,
    });
    this.queue = new WindowQueue(config.embeddingQueueMaxWindows);
  }

  get modelId(): string {
    return this.config.modelId;
  }

  /** True when a call would reach the model now (loaded and breaker not open). */
  get available(): boolean {
    return this.model.status().state === 'ready' && this.breaker.state !== 'open';
  }

  /** Runs `listener` whenever the model becomes reachable again (breaker closed after an outage). */
  onRecovered(listener: () => void): void {
    this.breaker.onClose(listener);
  }

  /** The organisation scopes the cache entry only: the model is shared, its cache is not. */
  embed(organizationId: string, text: string, options: EmbedOptions = {}): Promise<Float32Array> {
    this.enforceBudget([text], options);
    return this.cachedEmbedding(organizationId, text, (input) =>
      this.admitted([input], options, (signal) => this.batcher.submit(input, signal)),
    );
  }

  async embedBatch(organizationId: string, texts: string[], options: EmbedOptions = {}): Promise<Float32Array[]> {
    this.enforceBudget(texts, options);
    const inputs = texts.map(preprocessForEmbedding);
    const keys = inputs.map((input) => this.cache.key(organizationId, input));
    const results = await Promise.all(keys.map((key) => this.cache.get(key)));
    const missing = results.flatMap((vector, i) => (vector ? [] : [i]));
    if (missing.length) {
      // Unique misses go to the model in one call (bounded batches happen inside the model).
      const unique = [...new Set(missing.map((i) => inputs[i]))];
      const vectors = await this.admitted(unique, options, (signal) => this.callModel(unique, signal));
      const byText = new Map(unique.map((input, i) => [input, vectors[i]]));
      await Promise.all(
        missing.map(async (i) => {
          results[i] = byText.get(inputs[i])!;
          await this.cache.set(keys[i], results[i]);
        }),
      );
    }
    return results as Float32Array[];
  }

  /**
   * Embeds one text by a direct model call that the breaker does not count (cache still used). For
   * the backfill's second try at texts whose batch failed: if one text breaks the model, retrying it
   * must not open the breaker for every other caller. Throws EmbeddingUnavailableError.
   */
  embedOutsideBreaker(organizationId: string, text: string): Promise<Float32Array> {
    const options = { background: true };
    this.enforceBudget([text], options);
    return this.cachedEmbedding(organizationId, text, (input) =>
      this.admitted([input], options, async (signal) => {
        this.requireLoadedModel();
        try {
          return await this.callModelDirectly(input, signal);
        } catch (error) {
          if (isCallerError(error)) throw error;
          throw new EmbeddingUnavailableError('model_error', `Embedding failed: ${(error as Error).message}`);
        }
      }),
    );
  }

  /** True when the model embeds a known-good text now (a direct call, not cached, not counted by the breaker). */
  async probe(): Promise<boolean> {
    if (this.model.status().state !== 'ready') return false;
    try {
      await this.callModelDirectly(PROBE_TEXT, AbortSignal.timeout(this.config.embeddingTimeoutMs));
      return true;
    } catch {
      return false;
    }
  }

  /** Like embed(), but null instead of an error when the model is unavailable (degraded mode). */
  async tryEmbed(organizationId: string, text: string, options: EmbedOptions = {}): Promise<Float32Array | null> {
    try {
      return await this.embed(organizationId, text, options);
    } catch (error) {
      if (error instanceof EmbeddingUnavailableError) return null;
      throw error;
    }
  }

  stats() {
    return {
      model: { ...publicModelStatus(this.model.status()), lastInference: this.lastInference },
      breaker: { state: this.breaker.state, ...this.breaker.counts },
      cache: { backend: this.cache.backend, ...this.cache.counters },
      queue: {
        windows: this.queue.windows,
        maxWindows: this.config.embeddingQueueMaxWindows,
        waitingCalls: this.batcher.queued,
        overloadRejections: this.overloadRejections,
      },
      modelCalls: this.modelCalls,
      batches: this.batcher.batches,
    };
  }

  onApplicationShutdown(): void {
    this.breaker.shutdown();
  }

  /** Lengths only, before any normalisation: an oversized text costs nothing. */
  private enforceBudget(texts: string[], options: EmbedOptions): void {
    const problem = budgetProblem(texts, {
      maxTextChars: this.config.embeddingMaxTextChars,
      // The backfill's batch is bounded by its own size; each of its texts by the per-text budget.
      maxRequestChars: options.background ? Number.POSITIVE_INFINITY : this.config.embeddingMaxRequestChars,
    });
    if (problem) throw this.budgetError(problem, options);
  }

  private budgetError(message: string, options: EmbedOptions): Error {
    return options.background
      ? new EmbeddingUnavailableError('model_error', `Embedding refused: ${message}`)
      : new DomainError(ErrorCode.WORK_BUDGET_EXCEEDED, message);
  }

  /**
   * Admission control, then `work` with a signal that aborts when the caller gives up (the request's
   * client disconnects) or the embedding timeout passes: queued windows leave the queue at once.
   */
  private async admitted<T>(texts: string[], options: EmbedOptions, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const windows = texts.reduce((sum, text) => sum + estimateWindows(text.length), 0);
    let release: (() => void) | null;
    if (options.background) release = this.queue.force(windows);
    else {
      release = this.queue.tryAdmit(windows);
      if (!release) {
        this.overloadRejections++;
        throw DomainError.retryLater(
          ErrorCode.OVERLOADED,
          'The embedding queue is full: try again shortly',
          this.queue.retryAfterSeconds(),
        );
      }
    }
    const callerSignal = options.signal ?? (options.background ? undefined : currentRequestSignal());
    const timeout = AbortSignal.timeout(this.config.embeddingTimeoutMs);
    try {
      return await work(callerSignal ? AbortSignal.any([callerSignal, timeout]) : timeout);
    } catch (error) {
      if (error instanceof WorkBudgetExceededError) throw this.budgetError(error.message, options);
      if (timeout.aborted && !callerSignal?.aborted) {
        throw new EmbeddingUnavailableError('model_error', `No embedding within ${this.config.embeddingTimeoutMs} ms`);
      }
      throw error;
    } finally {
      release();
    }
  }

  /** Erasure: drops the cached vectors of these texts (as embedded for the organisation). */
  forget(organizationId: string, texts: string[]): Promise<boolean> {
    return this.cache.delete([...new Set(texts.map((text) => this.cache.key(organizationId, preprocessForEmbedding(text))))]);
  }

  /** Deleting an organisation: every cached vector of it. */
  forgetOrganization(organizationId: string): Promise<number> {
    return this.cache.deleteOrganization(organizationId);
  }

  /** Cache first; on a miss `compute` embeds the preprocessed text and the vector is cached. */
  private async cachedEmbedding(
    organizationId: string,
    text: string,
    compute: (input: string) => Promise<Float32Array>,
  ): Promise<Float32Array> {
    const input = preprocessForEmbedding(text);
    const key = this.cache.key(organizationId, input);
    const cached = await this.cache.get(key);
    if (cached) return cached;
    const vector = await compute(input);
    await this.cache.set(key, vector);
    return vector;
  }

  /** One text straight to the model, with the model timeout but without the breaker. */
  private async callModelDirectly(input: string, signal: AbortSignal): Promise<Float32Array> {
    const [vector] = await withTimeout(this.runModel([input], signal), this.config.embeddingTimeoutMs, 'no embedding');
    return vector;
  }

  /** Every model call goes through here: counted, and its latency and batch size observed (GET /metrics). */
  private runModel(texts: string[], signal?: AbortSignal): Promise<Float32Array[]> {
    this.modelCalls++;
    return this.metrics.timeInference(texts.length, () => this.model.embed(texts, signal));
  }

  private requireLoadedModel(): void {
    const status = this.model.status();
    if (status.state !== 'ready') {
      throw new EmbeddingUnavailableError(
        'model_not_loaded',
        `Embedding model ${status.modelId} is ${status.state}${status.reason ? ` (${status.reason})` : ''}`,
      );
    }
  }

  /**
   * The micro-batcher's call: texts of several callers. When one of them is over the window budget
   * (known only after tokenising, before any inference ran), the others are embedded without it.
   */
  private async callModelPerText(texts: string[], signal: AbortSignal): Promise<Array<Float32Array | Error>> {
    try {
      return await this.callModel(texts, signal);
    } catch (error) {
      if (!(error instanceof WorkBudgetExceededError) || texts.length === 1) throw error;
      return Promise.all(
        texts.map((text) =>
          this.callModel([text], signal).then(
            ([vector]) => vector,
            (failure: unknown) => (failure instanceof Error ? failure : new Error(String(failure))),
          ),
        ),
      );
    }
  }

  private async callModel(texts: string[], signal: AbortSignal | undefined): Promise<Float32Array[]> {
    this.requireLoadedModel();
    try {
      const vectors = await this.breaker.fire(texts, signal);
      this.lastInference = { ok: true, at: new Date().toISOString() };
      return vectors;
    } catch (error) {
      if (isBreakerOpenError(error)) {
        throw new EmbeddingUnavailableError('breaker_open', 'Embedding circuit breaker is open');
      }
      if (isCallerError(error)) throw error;
      this.lastInference = { ok: false, at: new Date().toISOString(), error: (error as Error).message };
      throw new EmbeddingUnavailableError('model_error', `Embedding failed: ${(error as Error).message}`);
    }
  }
}

/** The model status without the raw load error (it may hold paths): safe for /embeddings/status and /health/ready. */
function publicModelStatus(
  status: ModelStatus,
): Omit<ModelStatus, 'error' | 'reason' | 'nextRetryInMs'> & { reason: string | null; nextRetryInMs: number | null } {
  const { modelId, source, dtype, state, reason = null, nextRetryInMs = null } = status;
  return { modelId, source, dtype, state, reason, nextRetryInMs };
}
