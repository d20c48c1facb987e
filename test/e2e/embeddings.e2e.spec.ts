import type { INestApplication } from '@nestjs/common';
import { env, pipeline } from '@huggingface/transformers';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { APP_CONFIG, AppConfig } from '../../src/config/app-config.js';
import { DEFAULT_ORGANIZATION_ID } from '../../src/common/organization.js';
import { EmbeddingService } from '../../src/embeddings/embedding.service.js';
import { testBackends } from '../helpers/backends.js';
import { apiClient, startTestApp } from '../helpers/test-app.js';
import { unitCosine as cosine } from '../helpers/unit-vectors.js';

const unique = (label: string) => `${label} ${randomUUID()}`;

// Word pieces: ~1 per common word; 600 words is well past one 256-piece window.
const longResume = (ending: string) =>
  Array.from({ length: 60 }, (_, i) => `Project ${i}: built data pipelines and reporting for the finance team.`).join(' ') + ` ${ending}`;

describe('the model through the real transformers.js loading path', () => {
  let app: INestApplication;
  let embeddings: EmbeddingService;
  let config: AppConfig;

  before(async () => {
    app = await startTestApp({ databaseUrl: null, pgliteDataDir: 'memory://', redisUrl: null });
    embeddings = app.get(EmbeddingService);
    config = app.get(APP_CONFIG);
  });

  after(() => app?.close());

  it('embeds a short text exactly as the feature-extraction pipeline does (mean pooling, normalised)', async () => {
    const text = 'Senior TypeScript engineer with PostgreSQL experience';
    const ours = await embeddings.embed(DEFAULT_ORGANIZATION_ID, text);
    if (config.modelPath) env.localModelPath = resolve(config.modelPath);
    const extractor = await pipeline('feature-extraction', config.modelId, { dtype: 'fp32' });
    const reference = await extractor(text, { pooling: 'mean', normalize: true });
    assert.equal(ours.length, 384);
    assert.ok(cosine(ours, reference.data as Float32Array) > 0.9999);
    await extractor.dispose();
  });

  it('lets the end of a long resume change its embedding (windows, not truncation)', async () => {
    const a = await embeddings.embed(DEFAULT_ORGANIZATION_ID, longResume('Certified Kubernetes administrator, fluent in Japanese.'));
    const b = await embeddings.embed(DEFAULT_ORGANIZATION_ID, longResume('Professional pastry chef, fluent in Portuguese.'));
    assert.ok(cosine(a, b) < 0.99999, `cosine ${cosine(a, b)}: the endings must matter`);
    const norm = Math.sqrt(cosine(a, a));
    assert.ok(Math.abs(norm - 1) < 1e-5);
  });

  it('serves the batch endpoint: one unit vector per text, at most 64 texts', async () => {
    const http = apiClient(app);
    const res = await http
      .post('/api/v1/embeddings/batch')
      .send({ texts: ['payroll specialist', 'forklift operator'] })
      .expect(200);
    assert.equal(res.body.embeddings.length, 2);
    assert.equal(res.body.dimensions, 384);
    assert.equal(res.body.model, config.modelId);
    assert.ok(Math.abs(cosine(res.body.embeddings[0], res.body.embeddings[0]) - 1) < 1e-4);
    const same = await embeddings.embed(DEFAULT_ORGANIZATION_ID, 'payroll specialist');
    assert.ok(cosine(same, res.body.embeddings[0]) > 0.9999, 'the batch path embeds like embed()');
    const tooMany = await http
      .post('/api/v1/embeddings/batch')
      .send({ texts: Array.from({ length: 65 }, (_, i) => `t${i}`) })
      .expect(400);
    assert.equal(tooMany.body.code, 'VALIDATION_FAILED');
    await http.post('/api/v1/embeddings/batch').send({ texts: [] }).expect(400);
  });

  it('micro-batches concurrent calls into fewer model calls, each caller getting its own vector', async () => {
    const texts = Array.from({ length: 16 }, (_, i) => unique(`candidate ${i} skilled in accounting`));
    const before = embeddings.stats().modelCalls;
    const vectors = await Promise.all(texts.map((text) => embeddings.embed(DEFAULT_ORGANIZATION_ID, text)));
    const calls = embeddings.stats().modelCalls - before;
    assert.ok(calls < texts.length / 2, `${calls} model calls for ${texts.length} concurrent texts`);
    const alone = await embeddings.embedBatch(DEFAULT_ORGANIZATION_ID, [texts[3]]);
    assert.deepEqual(Buffer.from(vectors[3].buffer), Buffer.from(alone[0].buffer), 'results routed to the right caller');
  });
});

for (const backend of testBackends()) {
  describe(`embedding cache on ${backend.name}`, () => {
    let app: INestApplication;
    let embeddings: EmbeddingService;

    before(async () => {
      app = await startTestApp(await backend.setup());
      embeddings = app.get(EmbeddingService);
    });

    after(async () => {
      await app?.close();
      await backend.teardown();
    });

    it('misses, then hits with a byte-identical vector and no model call', async () => {
      const text = unique('registered nurse, intensive care');
      const stats0 = embeddings.stats();
      const first = await embeddings.embed(DEFAULT_ORGANIZATION_ID, text);
      const stats1 = embeddings.stats();
      assert.equal(stats1.cache.misses, stats0.cache.misses + 1);
      const second = await embeddings.embed(DEFAULT_ORGANIZATION_ID, `  ${text.replace(/ /g, '\n')} `);
      const stats2 = embeddings.stats();
      assert.equal(stats2.cache.hits, stats1.cache.hits + 1, 'whitespace-only differences share a cache entry');
      assert.equal(stats2.modelCalls, stats1.modelCalls, 'a hit does not call the model');
      assert.deepEqual(Buffer.from(second.buffer), Buffer.from(first.buffer));
      assert.equal(stats2.cache.errors, 0);
      assert.equal(stats2.cache.backend, backend.name.includes('Redis') ? 'redis' : 'memory');
    });
  });
}

describe('embedding cache when Redis is unreachable', () => {
  let app: INestApplication;

  before(async () => {
    // Nothing listens on this port: every cache call fails, and must fail open.
    app = await startTestApp({ databaseUrl: null, pgliteDataDir: 'memory://', redisUrl: 'redis://127.0.0.1:6399' });
  });

  after(() => app?.close());

  it('still embeds, uploads and searches; counts the errors; readiness says degraded', async () => {
    const http = apiClient(app);
    const embeddings = app.get(EmbeddingService);
    const vector = await embeddings.embed(DEFAULT_ORGANIZATION_ID, unique('forklift operator, warehouse logistics'));
    assert.equal(vector.length, 384);
    const upload = await http
      .post('/api/v1/resumes')
      .attach('file', Buffer.from('Sam Lee\nsam@example.com\nSKILLS\nLogistics, Forklift, Inventory management'), 'sam.txt')
      .expect(201);
    assert.equal(upload.body.embeddingStatus, 'ready');
    await http.post('/api/v1/matching/similarity-search').send({ query: 'forklift logistics', target: 'resumes' }).expect(200);
    const stats = embeddings.stats();
    assert.equal(stats.cache.backend, 'redis');
    assert.ok(stats.cache.errors >= 1, `errors counted: ${stats.cache.errors}`);
    assert.ok(stats.cache.errors + stats.cache.bypassed >= 4, 'every cache call failed or was bypassed');
    const ready = await http.get('/health/ready').expect(200);
    assert.equal(ready.body.details.cache.degraded, true);
  });
});
