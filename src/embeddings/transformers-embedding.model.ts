import { Inject, Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { AutoModel, AutoTokenizer, env, PreTrainedModel, PreTrainedTokenizer, Tensor } from '@huggingface/transformers';
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { APP_CONFIG, AppConfig } from '../config/app-config.js';
import { EmbeddingModel, ModelNotReadyError, ModelStatus } from './embedding-model.js';
import { meanPoolNormalized, padBatch } from './bert-batch.js';
import { createModelFetch } from './model-download.js';
import { errorDetail, IncompatibleModelError, ModelFilesMissingError, redactUrl } from './model-load-error.js';
import { LoadAttemptContext, ModelLoader } from './model-loader.js';
import { averageUnitVectors, splitIntoWindows } from './token-windows.js';

type DataType = 'fp32' | 'fp16' | 'q8' | 'int8' | 'uint8' | 'q4' | 'bnb4' | 'q4f16';

/** How often a long download reports its progress in the log. */
const PROGRESS_LOG_INTERVAL_MS = 10_000;

/**
 * THE model: all-MiniLM-L6-v2 (or a model with its interface) run in-process by transformers.js,
 * loaded once when the module starts (retried with backoff by ModelLoader when that fails).
 * Tokenises itself instead of using the pipeline so that long texts are embedded as windows of
 * <= 256 word pieces (see token-windows.ts), mean-pooled over the attention mask and L2-normalised
 * like sentence-transformers does.
 */
@Injectable()
export class TransformersEmbeddingModel extends EmbeddingModel implements OnModuleInit, OnModuleDestroy {
  readonly dimensions = 384;
  private readonly logger = new Logger('EmbeddingModel');
  private tokenizer: PreTrainedTokenizer | null = null;
  private model: PreTrainedModel | null = null;
  private clsId = 101;
  private sepId = 102;
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

  /** One load attempt: throws on failure (ModelLoader classifies, logs and retries). */
  private async load(context: LoadAttemptContext): Promise<void> {
    const { modelId, modelPath } = this.config;
    // transformers.js settings are process-wide; this is the only place that sets them.
    env.fetch = createModelFetch({
      timeoutMs: this.config.modelFetchTimeoutMs,
      onFailure: (download) => context.onDownloadFailure(download),
    });
    if (modelPath) {
      env.localModelPath = resolve(modelPath);
      env.allowLocalModels = true;
      env.allowRemoteModels = false;
      const missing = missingModelFiles(join(resolve(modelPath), modelId));
      if (missing.length) {
        const error = new ModelFilesMissingError(missing);
        this.lastError = error.message;
        throw error;
      }
    } else {
      env.allowLocalModels = false;
      env.allowRemoteModels = true;
      env.remoteHost = this.config.modelHubUrl.endsWith('/') ? this.config.modelHubUrl : `${this.config.modelHubUrl}/`;
      env.cacheDir = resolve(this.config.modelCacheDir);
    }
    const dtype = this.chooseDtype();
    this.dtype = dtype;
    const started = Date.now();
    const progress_callback = this.progressLogger();
    try {
      const tokenizer = await AutoTokenizer.from_pretrained(modelId, { progress_callback });
      const model = await AutoModel.from_pretrained(modelId, { dtype, device: 'cpu', progress_callback });
      const [cls, sep] = tokenizer.encode('', { add_special_tokens: true });
      this.clsId = cls ?? this.clsId;
      this.sepId = sep ?? this.sepId;
      this.tokenizer = tokenizer;
      this.model = model;
      const [probe] = await this.embed(['probe']);
      if (probe.length !== this.dimensions) {
        throw new IncompatibleModelError(`the model returns ${probe.length}-d vectors; HireMatch stores ${this.dimensions}-d`);
      }
      this.lastError = null;
      this.logger.log(`Loaded ${modelId} (${dtype}) from ${this.source} in ${Date.now() - started} ms`);
    } catch (error) {
      // A session from a failed attempt would otherwise stay in memory across retries.
      await this.model?.dispose().catch(() => undefined);
      this.tokenizer = null;
      this.model = null;
      this.lastError = errorDetail(error);
      throw error;
    }
  }

  /** A transformers.js progress callback that logs a long download every few seconds (quiet for local loads). */
  private progressLogger(): (info: unknown) => void {
    let lastLog = Date.now();
    return (info) => {
      const { status, file, loaded, total } = info as { status?: string; file?: string; loaded?: number; total?: number };
      if (status !== 'progress' || Date.now() - lastLog < PROGRESS_LOG_INTERVAL_MS) return;
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

  async embed(texts: string[]): Promise<Float32Array[]> {
    const { tokenizer, model } = this;
    if (!tokenizer || !model) throw new ModelNotReadyError(`Embedding model ${this.config.modelId} is not loaded`);
    const maxPieces = this.config.embeddingWindowTokens - 2;
    const windows: Array<{ owner: number; ids: number[] }> = [];
    texts.forEach((text, owner) => {
      const ids = tokenizer.encode(text, { add_special_tokens: false });
      for (const window of splitIntoWindows(ids, maxPieces, this.config.embeddingWindowOverlap)) {
        windows.push({ owner, ids: [this.clsId, ...window, this.sepId] });
      }
    });
    // Similar lengths share a batch so little compute goes to padding.
    const order = windows.map((_, i) => i).sort((a, b) => windows[a].ids.length - windows[b].ids.length);
    const pooled = new Array<Float32Array>(windows.length);
    // Each ONNX run is capped by padded tokens as well as by count: 32 full 256-piece windows in
    // one run cost more per text and ONNX Runtime keeps that arena (BENCHMARKS.md: 806 vs 352 MB).
    for (let i = 0; i < order.length;) {
      let end = i + 1;
      while (
        end < order.length &&
        end - i < this.config.embeddingMaxBatch &&
        (end - i + 1) * windows[order[end]].ids.length <= this.config.embeddingMaxBatchTokens
      ) {
        end++;
      }
      const batch = order.slice(i, end);
      const vectors = await this.runBatch(
        model,
        batch.map((w) => windows[w].ids),
      );
      batch.forEach((w, j) => (pooled[w] = vectors[j]));
      i = end;
    }
    const byOwner: Float32Array[][] = texts.map(() => []);
    windows.forEach((window, i) => byOwner[window.owner].push(pooled[i]));
    return byOwner.map(averageUnitVectors);
  }

  private async runBatch(model: PreTrainedModel, sequences: number[][]): Promise<Float32Array[]> {
    const padded = padBatch(sequences);
    const dims = [padded.batch, padded.length];
    const output = (await model({
      input_ids: new Tensor('int64', padded.inputIds, dims),
      attention_mask: new Tensor('int64', padded.attentionMask, dims),
      token_type_ids: new Tensor('int64', padded.tokenTypeIds, dims),
    })) as { last_hidden_state: Tensor };
    const hidden = output.last_hidden_state;
    return meanPoolNormalized(
      hidden.data as Float32Array,
      hidden.dims[2],
      padded,
      sequences.map((s) => s.length),
    );
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
