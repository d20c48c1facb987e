import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { describe, it } from 'node:test';
import { loadConfig } from '../../src/config/app-config.js';
import { TransformersEmbeddingModel } from '../../src/embeddings/transformers-embedding.model.js';
import { unitCosine } from '../helpers/unit-vectors.js';

/** The real model class through its real loading path (inference worker, ONNX session), with INFERENCE_THREADS set. */
async function embedWith(threads: string, texts: string[]): Promise<{ vectors: Float32Array[]; osThreads: number }> {
  const model = new TransformersEmbeddingModel(loadConfig({ ...process.env, INFERENCE_THREADS: threads }));
  try {
    await model.onModuleInit();
    assert.equal(model.status().state, 'ready', `the model loads with INFERENCE_THREADS=${threads}`);
    const vectors = await model.embed(texts);
    return { vectors, osThreads: readdirSync('/proc/self/task').length };
  } finally {
    model.onModuleDestroy();
    await model.onApplicationShutdown();
  }
}

describe('INFERENCE_THREADS', () => {
  it('runs the ONNX session on one thread with the same vectors as the default session', async () => {
    const texts = ['Senior backend engineer, Go and PostgreSQL, eight years', 'Registered nurse, intensive care, Berlin'];
    const [single, defaults] = [await embedWith('1', texts), await embedWith('0', texts)];
    texts.forEach((_, i) => assert.ok(unitCosine(single.vectors[i], defaults.vectors[i]) > 0.9999, `text ${i + 1}: same vector`));
    // ONNX Runtime's default intra-op pool has a thread per core besides the caller's: one thread
    // fewer is visible in the OS where the cores are several (Linux lists a process's threads).
    if (existsSync('/proc/self/task') && availableParallelism() > 1) {
      assert.ok(single.osThreads < defaults.osThreads, `threads with 1: ${single.osThreads}, with the default: ${defaults.osThreads}`);
    }
  });

  it('refuses a negative thread count at start-up', () => {
    assert.throws(() => loadConfig({ ...process.env, INFERENCE_THREADS: '-1' }), /INFERENCE_THREADS/);
  });
});
