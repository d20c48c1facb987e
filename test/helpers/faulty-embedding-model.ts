import type { TestingModuleBuilder } from '@nestjs/testing';
import { EmbeddingModel, ModelStatus } from '../../src/embeddings/embedding-model.js';
import { TransformersEmbeddingModel } from '../../src/embeddings/transformers-embedding.model.js';

/**
 * Fault injection: the REAL model (loaded through transformers.js) behind a switch that makes
 * calls fail on demand. Nothing of the library under test is mocked.
 */
export class FaultyEmbeddingModel extends EmbeddingModel {
  failing = false;
  /** When set, any call with a text containing this marker fails (a text the model cannot take). */
  poison: string | null = null;
  calls = 0;
  /** When set, calls wait for it before reaching the model (work that stays queued as long as a test needs). */
  hold: Promise<void> | null = null;

  constructor(private readonly real: EmbeddingModel) {
    super();
  }

  get dimensions(): number {
    return this.real.dimensions;
  }

  status(): ModelStatus {
    return this.real.status();
  }

  async embed(texts: string[], signal?: AbortSignal): Promise<Float32Array[]> {
    this.calls++;
    if (this.hold) await this.hold;
    if (this.failing) throw new Error('injected model failure');
    const poison = this.poison;
    if (poison && texts.some((text) => text.includes(poison))) throw new Error('injected failure on this text');
    return this.real.embed(texts, signal);
  }
}

export function withFaultyModel(builder: TestingModuleBuilder): TestingModuleBuilder {
  return builder.overrideProvider(EmbeddingModel).useFactory({
    factory: (real: TransformersEmbeddingModel) => new FaultyEmbeddingModel(real),
    inject: [TransformersEmbeddingModel],
  });
}
