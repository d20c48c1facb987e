import { Inject, Injectable, Logger, OnApplicationShutdown, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { APP_CONFIG, AppConfig } from '../config/app-config.js';
import { EmbeddingModel, ModelNotReadyError, ModelStatus } from './embedding-model.js';
import { InferenceThread, LoadProgress } from './inference-thread.js';
import type { DataType, EncoderOptions } from './minilm-encoder.js';
import { errorDetail, IncompatibleModelError, ModelFilesMissingError, redactUrl } from './model-load-error.js';
import { LoadAttemptContext, ModelLoader } from './model-loader.js';

/** How often a long download reports its progress in the log. */
const PROGRESS_LOG_INTERVAL_MS = 10_000;

/**
 * THE model: all-MiniLM-L6-v2 (or a model with its interface) run by transformers.js, loaded once
 * when the module starts (retried with backoff by ModelLoader when that fails). The tokenizer and
 * ONNX session live in a worker thread (minilm-encoder.ts behind inference-thread.ts): onnxruntime-node's
 * run is synchronous and would hold the event loop for the whole of every batch. The download runs
 * there too, through the worker's own `env.fetch` (model-download.ts); its failed requests come
 * back as they happen so that ModelLoader classifies the cause as it would in-process. This class
 * keeps the state and the start-up policy.
 */
@Injectable()
export class TransformersEmbeddingModel extends EmbeddingModel implements OnModuleInit, OnModuleDestroy, OnApplicationShutdown {
  readonly dimensions = 384;
  private readonly logger = new Logger('EmbeddingModel');
  /** The worker thread that owns the tokenizer and ONNX session (public for status and tests). */
  readonly inference = new InferenceThread();
  private dtype: DataType | null = null;
  private lastError: string | null = null;
  private readonly loader: ModelLoader;
  /** Safe to show: never the local path. */
  private readonly source: string;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    super();
    this.source = config.modelPath ? 'MODEL_PATH' : redactUrl(config.modelHubUrl);
    this.loader = new ModelLoader((context) => this.load(context), {
      retryMinMs: config.modelLoadRetryMinMs,
      retryMaxMs: config.modelLoadRetryMaxMs,
      source: { modelId: config.modelId, modelPath: config.modelPath ? resolve(config.modelPath) : null, modelHubUrl: config.modelHubUrl },
      logger: this.logger,
    });
  }

  /**
   * Start-up waits for the first load attempt at most MODEL_LOAD_TIMEOUT_MS: a hub download on a slow
   * or black-holed network must not keep the API (and its liveness probe) down. Past that, or when
   * the attempt fails, the service starts degraded and the loader goes on (retrying with backoff);
   * records stored meanwhile are pending and backfilled.
   */
  async onModuleInit(): Promise<void> {
    const { modelId, modelLoadTimeoutMs } = this.config;
    const from = this.config.modelPath ? `MODEL_PATH=${resolve(this.config.modelPath)}` : redactUrl(this.config.modelHubUrl);
    this.logger.log(
      `Loading embedding model ${modelId} from ${from}; the port opens when it is loaded, or after at most ${modelLoadTimeoutMs} ms ` +
        '(MODEL_LOAD_TIMEOUT_MS) with the API degraded until it is.',
    );
    let timer: NodeJS.Timeout | undefined;
    const timedOut = await Promise.race([
      this.loader.start().then(() => false),
      new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), modelLoadTimeoutMs))),
    ]);
    clearTimeout(timer);
    if (timedOut) {
      this.logger.warn(
        `Embedding model ${modelId} is still loading from ${from} after ${modelLoadTimeoutMs} ms: starting degraded; ` +
          'it is used as soon as it is ready.',
      );
    }
  }

  onModuleDestroy(): void {
    this.loader.stop();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.inference.close();
  }

  status(): ModelStatus {
    const load = this.loader.status();
    return {
      modelId: this.config.modelId,
      source: this.source,
      dtype: this.dtype,
      state: load.state,
      error: load.state === 'ready' ? null : this.lastError,
      reason: load.reason,
      nextRetryInMs: load.nextRetryInMs,
    };
  }

  /** One load attempt, in the worker: throws on failure (ModelLoader classifies, logs and retries). */
  private async load(context: LoadAttemptContext): Promise<void> {
    const { modelId, modelPath } = this.config;
    if (modelPath) {
      const missing = missingModelFiles(join(resolve(modelPath), modelId));
      if (missing.length) {
        const error = new ModelFilesMissingError(missing);
        this.lastError = error.message;
        throw error;
      }
    }
    const dtype = this.chooseDtype();
    this.dtype = dtype;
    const started = Date.now();
    try {
      await this.inference.load(this.encoderOptions(dtype), {
        onDownloadFailure: (download) => context.onDownloadFailure(download),
        onProgress: this.progressLogger(),
      });
      const [probe] = await this.inference.embed(['probe']);
      if (probe.length !== this.dimensions) {
        throw new IncompatibleModelError(`the model returns ${probe.length}-d vectors; HireMatch stores ${this.dimensions}-d`);
      }
      this.lastError = null;
      this.logger.log(`Loaded ${modelId} (${dtype}) from ${this.source} in ${Date.now() - started} ms`);
    } catch (error) {
      // A session from a failed attempt (e.g. an incompatible model) would otherwise stay in the worker across retries.
      await this.inference.unload().catch(() => undefined);
      this.lastError = errorDetail(error);
      throw error;
    }
  }

  /** Logs a long download every few seconds (quiet for local loads). */
  private progressLogger(): (progress: LoadProgress) => void {
    let lastLog = Date.now();
    return ({ file, loaded, total }) => {
      if (Date.now() - lastLog < PROGRESS_LOG_INTERVAL_MS) return;
      lastLog = Date.now();
      const mb = (bytes: number | undefined) => (bytes === undefined ? '?' : (bytes / 1e6).toFixed(1));
      this.logger.log(`Downloading ${this.config.modelId}/${file ?? '?'}: ${mb(loaded)} of ${mb(total)} MB`);
    };
  }

  private chooseDtype(): DataType {
    if (this.config.modelDtype) return this.config.modelDtype as DataType;
    if (!this.config.modelPath) return 'fp32';
    const onnxDir = join(resolve(this.config.modelPath), this.config.modelId, 'onnx');
    const hasFull = existsSync(join(onnxDir, 'model.onnx'));
    return !hasFull && existsSync(join(onnxDir, 'model_quantized.onnx')) ? 'q8' : 'fp32';
  }

  async embed(texts: string[], signal?: AbortSignal): Promise<Float32Array[]> {
    if (this.loader.status().state !== 'ready') throw new ModelNotReadyError(`Embedding model ${this.config.modelId} is not loaded`);
    return this.inference.embed(texts, signal);
  }

  private encoderOptions(dtype: DataType): EncoderOptions {
    const { config } = this;
    return {
      modelId: config.modelId,
      modelPath: config.modelPath,
      modelHubUrl: config.modelHubUrl,
      modelCacheDir: config.modelCacheDir,
      fetchTimeoutMs: config.modelFetchTimeoutMs,
      dtype,
      windowTokens: config.embeddingWindowTokens,
      windowOverlap: config.embeddingWindowOverlap,
      maxBatch: config.embeddingMaxBatch,
      maxBatchTokens: config.embeddingMaxBatchTokens,
      maxWindowsPerText: config.embeddingMaxTextWindows,
      threads: config.inferenceThreads,
    };
  }
}

/** The files a local model folder must hold (names relative to it), checked up front to name what is missing. */
function missingModelFiles(modelDir: string): string[] {
  const missing = ['config.json', 'tokenizer.json', 'tokenizer_config.json'].filter((file) => !existsSync(join(modelDir, file)));
  const onnxDir = join(modelDir, 'onnx');
  const hasWeights = existsSync(onnxDir) && readdirSync(onnxDir).some((file) => file.endsWith('.onnx'));
  if (!hasWeights) missing.push('onnx/model.onnx');
  return missing;
}
