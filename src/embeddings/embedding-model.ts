/** The model behind EmbeddingService. The real one is TransformersEmbeddingModel; tests may inject others. */
export interface ModelStatus {
  modelId: string;
  /** Where the model comes from, safe to show: the hub URL (without credentials) or `MODEL_PATH` (never the path itself). */
  source: string;
  dtype: string | null;
  /** `retrying`: a load failed and another attempt is scheduled (see model-loader.ts); `failed`: no more attempts. */
  state: 'loading' | 'retrying' | 'ready' | 'failed';
  /** The raw error of the last failed load: for logs only, never shown in a response (it may hold paths). */
  error: string | null;
  /** Why it is not ready, classified and safe to show ("hub unreachable (DNS)"); null when ready or not known yet. */
  reason?: string | null;
  /** While retrying: time until the next load attempt. */
  nextRetryInMs?: number | null;
}

export abstract class EmbeddingModel {
  abstract readonly dimensions: number;
  abstract status(): ModelStatus;
  /**
   * One unit-length vector per text (texts already preprocessed). Throws when the model is not ready.
   * `signal`: the callers gave up; the model may stop early (and then rejects).
   */
  abstract embed(texts: string[], signal?: AbortSignal): Promise<Float32Array[]>;
}

export class ModelNotReadyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ModelNotReadyError';
  }
}
