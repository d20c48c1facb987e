import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { AutoModel, AutoTokenizer, env, PreTrainedModel, PreTrainedTokenizer, Tensor } from '@huggingface/transformers';
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { APP_CONFIG, AppConfig } from '../config/app-config.js';
import { EmbeddingModel, ModelNotReadyError, ModelStatus } from './embedding-model.js';
import { meanPoolNormalized, padBatch } from './bert-batch.js';
import { averageUnitVectors, splitIntoWindows } from './token-windows.js';

type DataType = 'fp32' | 'fp16' | 'q8' | 'int8' | 'uint8' | 'q4' | 'bnb4' | 'q4f16';

/**
 * THE model: all-MiniLM-L6-v2 (or a model with its interface) run in-process by transformers.js,
 * loaded once when the module starts. Tokenises itself instead of using the pipeline so that long
 * texts are embedded as windows of <= 256 word pieces (see token-windows.ts), mean-pooled over the
 * attention mask and L2-normalised like sentence-transformers does.
 */
@Injectable()
export class TransformersEmbeddingModel extends EmbeddingModel implements OnModuleInit {
  readonly dimensions = 384;
  private readonly logger = new Logger('EmbeddingModel');
  private tokenizer: PreTrainedTokenizer | null = null;
  private model: PreTrainedModel | null = null;
  private clsId = 101;
  private sepId = 102;
  private readonly state: ModelStatus;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    super();
    this.state = {
      modelId: config.modelId,
      source: config.modelPath ? resolve(config.modelPath) : config.modelHubUrl,
      dtype: null,
      state: 'loading',
      error: null,
    };
  }

  /**
   * Start-up waits for the model at most MODEL_LOAD_TIMEOUT_MS: a hub download on a slow or
   * black-holed network must not keep the API (and its liveness probe) down. Past that the service
   * starts degraded and the load goes on; records stored meanwhile are pending and backfilled.
   */
  async onModuleInit(): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timedOut = await Promise.race([
      this.load().then(() => false),
      new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), this.config.modelLoadTimeoutMs))),
    ]);
    clearTimeout(timer);
    if (timedOut) {
      this.logger.warn(
        `Embedding model ${this.config.modelId} is still loading after ${this.config.modelLoadTimeoutMs} ms: starting degraded; ` +
          'it is used as soon as it is ready.',
      );
    }
  }

  status(): ModelStatus {
    return { ...this.state };
  }

  private async load(): Promise<void> {
    const { modelId, modelPath } = this.config;
    if (modelPath) {
      env.localModelPath = resolve(modelPath);
      env.allowLocalModels = true;
      env.allowRemoteModels = false;
    } else {
      env.allowLocalModels = false;
      env.allowRemoteModels = true;
      env.remoteHost = this.config.modelHubUrl.endsWith('/') ? this.config.modelHubUrl : `${this.config.modelHubUrl}/`;
      env.cacheDir = resolve(this.config.modelCacheDir);
    }
    const dtype = this.chooseDtype();
    this.state.dtype = dtype;
    const started = Date.now();
    try {
      this.tokenizer = await AutoTokenizer.from_pretrained(modelId);
      this.model = await AutoModel.from_pretrained(modelId, { dtype, device: 'cpu' });
      const [cls, sep] = this.tokenizer.encode('', { add_special_tokens: true });
      this.clsId = cls ?? this.clsId;
      this.sepId = sep ?? this.sepId;
      const [probe] = await this.embed(['probe']);
      if (probe.length !== this.dimensions) {
        throw new Error(`the model returns ${probe.length}-d vectors; HireMatch stores ${this.dimensions}-d`);
      }
      this.state.state = 'ready';
      this.logger.log(`Loaded ${modelId} (${dtype}) from ${this.state.source} in ${Date.now() - started} ms`);
    } catch (error) {
      this.tokenizer = null;
      this.model = null;
      this.state.state = 'failed';
      this.state.error = (error as Error).message;
      // One clear line: the service stays up in degraded mode (records are stored as pending).
      this.logger.error(
        `Embedding model could not be loaded (MODEL_ID=${modelId}, MODEL_PATH=${modelPath ?? '<unset: huggingface hub>'}): ` +
          `${this.state.error}. The API runs degraded: new records are stored with embeddingStatus "pending".`,
      );
    }
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
