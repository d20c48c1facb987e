import { AutoModel, AutoTokenizer, env, PreTrainedModel, PreTrainedTokenizer, Tensor } from '@huggingface/transformers';
import { resolve } from 'node:path';
import { meanPoolNormalized, padBatch, planRuns } from './bert-batch.js';
import { averageUnitVectors, splitIntoWindows } from './token-windows.js';
import { InferenceAbortedError, WorkBudgetExceededError } from './inference-errors.js';
import { createModelFetch } from './model-download.js';
import type { FailedDownload } from './model-load-error.js';

export type DataType = 'fp32' | 'fp16' | 'q8' | 'int8' | 'uint8' | 'q4' | 'bnb4' | 'q4f16';

/** Everything the encoder needs, plain data so it can cross into the inference worker. */
export interface EncoderOptions {
  modelId: string;
  /** Directory holding `<modelId>/...`; null: the hub at `modelHubUrl`, cached in `modelCacheDir`. */
  modelPath: string | null;
  modelHubUrl: string;
  modelCacheDir: string;
  /** A model file request that makes no progress for this long fails as a timeout (MODEL_FETCH_TIMEOUT_MS). */
  fetchTimeoutMs: number;
  dtype: DataType;
  windowTokens: number;
  windowOverlap: number;
  maxBatch: number;
  maxBatchTokens: number;
  /** A text cut into more windows than this is refused before any inference (WorkBudgetExceededError). */
  maxWindowsPerText: number;
  /** ONNX Runtime intra-op threads; 0: its default (one per core). */
  threads: number;
}

/** What the loader hears while a load runs (in the worker, these become messages to the main thread). */
export interface EncoderLoadHooks {
  /** Each model file request that threw or answered >= 400 (see model-download.ts). */
  onDownloadFailure?: (download: FailedDownload) => void;
  /** transformers.js download progress of one file. */
  onProgress?: (progress: { file?: string; loaded?: number; total?: number }) => void;
}

/**
 * all-MiniLM-L6-v2 (or a model with its interface) through transformers.js: tokenises itself instead
 * of using the pipeline so that long texts are embedded as windows of <= 256 word pieces (see
 * token-windows.ts), mean-pooled over the attention mask and L2-normalised like sentence-transformers.
 * Runs inside the inference worker (inference.worker.ts): tokenising and ONNX runs are synchronous
 * CPU work that must not hold the API's event loop.
 */
export class MiniLmEncoder {
  private constructor(
    private readonly options: EncoderOptions,
    private readonly tokenizer: PreTrainedTokenizer,
    private readonly model: PreTrainedModel,
    private readonly clsId: number,
    private readonly sepId: number,
  ) {}

  static async load(options: EncoderOptions, hooks: EncoderLoadHooks = {}): Promise<MiniLmEncoder> {
    const { modelId, modelPath } = options;
    // transformers.js settings are per thread (module state); the inference worker is the only place that sets them.
    env.fetch = createModelFetch({
      timeoutMs: options.fetchTimeoutMs,
      onFailure: (download) => hooks.onDownloadFailure?.(download),
    });
    if (modelPath) {
      env.localModelPath = resolve(modelPath);
      env.allowLocalModels = true;
      env.allowRemoteModels = false;
    } else {
      env.allowLocalModels = false;
      env.allowRemoteModels = true;
      env.remoteHost = options.modelHubUrl.endsWith('/') ? options.modelHubUrl : `${options.modelHubUrl}/`;
      env.cacheDir = resolve(options.modelCacheDir);
    }
    const progress_callback = (info: unknown) => {
      const { status, file, loaded, total } = info as { status?: string; file?: string; loaded?: number; total?: number };
      if (status === 'progress') hooks.onProgress?.({ file, loaded, total });
    };
    const tokenizer = await AutoTokenizer.from_pretrained(modelId, { progress_callback });
    // Fewer threads than cores leave a core to the event loop and PostgreSQL while ingest runs.
    const session_options = options.threads > 0 ? { intraOpNumThreads: options.threads } : {};
    const model = await AutoModel.from_pretrained(modelId, { dtype: options.dtype, device: 'cpu', progress_callback, session_options });
    const [cls, sep] = tokenizer.encode('', { add_special_tokens: true });
    return new MiniLmEncoder(options, tokenizer, model, cls ?? 101, sep ?? 102);
  }

  /**
   * One unit vector per text. `isCancelled` is asked between ONNX runs: a job whose callers all gave
   * up stops there instead of burning the CPU for windows nobody waits for.
   */
  async embed(texts: string[], isCancelled: () => boolean = () => false): Promise<Float32Array[]> {
    const { tokenizer, options } = this;
    const maxPieces = options.windowTokens - 2;
    const windows: Array<{ owner: number; ids: number[] }> = [];
    texts.forEach((text, owner) => {
      const ids = tokenizer.encode(text, { add_special_tokens: false });
      const split = splitIntoWindows(ids, maxPieces, options.windowOverlap);
      if (split.length > options.maxWindowsPerText) {
        throw new WorkBudgetExceededError(
          `A text of ${text.length} characters makes ${split.length} windows of ${options.windowTokens} word pieces; at most ${options.maxWindowsPerText} are embedded per text`,
        );
      }
      for (const window of split) windows.push({ owner, ids: [this.clsId, ...window, this.sepId] });
    });
    const pooled = new Array<Float32Array>(windows.length);
    // Each ONNX run is capped by padded tokens as well as by count: 32 full 256-piece windows in
    // one run cost more per text and ONNX Runtime keeps that arena (BENCHMARKS.md: 806 vs 352 MB).
    const runs = planRuns(
      windows.map((window) => window.ids.length),
      options.maxBatch,
      options.maxBatchTokens,
    );
    for (const [r, run] of runs.entries()) {
      // Lets a cancel message reach the worker between runs (each ONNX run holds this thread).
      if (r > 0) await new Promise((resolve) => setImmediate(resolve));
      if (isCancelled()) throw new InferenceAbortedError('Embedding cancelled: every caller gave up');
      const vectors = await this.runBatch(run.map((w) => windows[w].ids));
      run.forEach((w, j) => (pooled[w] = vectors[j]));
    }
    const byOwner: Float32Array[][] = texts.map(() => []);
    windows.forEach((window, i) => byOwner[window.owner].push(pooled[i]));
    return byOwner.map(averageUnitVectors);
  }

  async dispose(): Promise<void> {
    await this.model.dispose();
  }

  private async runBatch(sequences: number[][]): Promise<Float32Array[]> {
    const padded = padBatch(sequences);
    const dims = [padded.batch, padded.length];
    const output = (await this.model({
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
