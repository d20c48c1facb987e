/** The model behind EmbeddingService. The real one is TransformersEmbeddingModel; tests may inject others. */
export interface ModelStatus {
  modelId: string;
  source: string;
  dtype: string | null;
  state: 'loading' | 'ready' | 'failed';
  error: string | null;
}

export abstract class EmbeddingModel {
  abstract readonly dimensions: number;
  abstract status(): ModelStatus;
  /** One unit-length vector per text (texts already preprocessed). Throws when the model is not ready. */
  abstract embed(texts: string[]): Promise<Float32Array[]>;
}

export class ModelNotReadyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ModelNotReadyError';
  }
}
