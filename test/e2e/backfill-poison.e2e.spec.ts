import type { INestApplication } from '@nestjs/common';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { MAX_EMBEDDING_ATTEMPTS } from '../../src/backfill/embedding-backfill.service.js';
import { EmbeddingModel } from '../../src/embeddings/embedding-model.js';
import { EmbeddingService } from '../../src/embeddings/embedding.service.js';
import { testBackends } from '../helpers/backends.js';
import { FaultyEmbeddingModel, withFaultyModel } from '../helpers/faulty-embedding-model.js';
import { ApiClient, apiClient, startTestApp } from '../helpers/test-app.js';

// Unique per run: a shared Redis may hold vectors of a previous run's texts.
const run = randomUUID();
const POISON = `POISON-${run}`;
const resume = (label: string) => Buffer.from(`SUMMARY\nWarehouse lead ${label} ${run}\nSKILLS\nWMS, forklift, inventory control`);

for (const backend of testBackends()) {
  describe(`a text the model cannot embed, in the backfill, on ${backend.name}`, () => {
    let app: INestApplication;
    let http: ApiClient;
    let model: FaultyEmbeddingModel;
    let embeddings: EmbeddingService;
    const ids: Record<'first' | 'second' | 'poison' | 'outage', string> = { first: '', second: '', poison: '', outage: '' };
    const status = async (id: string) => (await http.get(`/api/v1/resumes/${id}`).expect(200)).body;
    const backfill = async (query = '') => (await http.post(`/api/v1/embeddings/backfill${query}`).expect(200)).body;

    before(async () => {
      // A high threshold keeps the breaker closed while the pending rows are made, so the test can
      // see that the backfill itself does not count the poison text's retries against it.
      const overrides = { ...(await backend.setup()), breakerFailureThreshold: 50, backfillIntervalMs: 0 };
      app = await startTestApp(overrides, withFaultyModel);
      http = apiClient(app);
      model = app.get<EmbeddingModel, FaultyEmbeddingModel>(EmbeddingModel);
      embeddings = app.get(EmbeddingService);

      model.failing = true;
      for (const key of ['first', 'second'] as const) {
        ids[key] = (await http.post('/api/v1/resumes').attach('file', resume(key), `${key}.txt`).expect(201)).body.id;
      }
      model.failing = false;
      model.poison = POISON;
      ids.poison = (await http.post('/api/v1/resumes').attach('file', resume(POISON), 'poison.txt').expect(201)).body.id;
      for (const id of [ids.first, ids.second, ids.poison]) assert.equal((await status(id)).embeddingStatus, 'pending');
    });

    after(async () => {
      await app?.close();
      await backend.teardown();
    });

    it('embeds every other row, and marks the one whose text keeps failing as failed, with the error', async () => {
      const failuresBefore = embeddings.stats().breaker.failures;
      // Run 1: the batch holding the poison text fails once; its rows become suspects.
      const first = await backfill();
      assert.match(first.stoppedBecause, /injected failure on this text/);
      assert.equal(first.resumes.remaining, 3);
      // Run 2: suspects one at a time: the two good rows are embedded.
      const second = await backfill();
      assert.equal(second.resumes.embedded, 2);
      for (const id of [ids.first, ids.second]) assert.equal((await status(id)).embeddingStatus, 'ready');
      // Further runs until the poison row has failed MAX_EMBEDDING_ATTEMPTS times in all.
      let last = second;
      for (let attempt = 3; attempt <= MAX_EMBEDDING_ATTEMPTS; attempt++) last = await backfill();
      assert.deepEqual(last.resumes, { embedded: 0, remaining: 0, failed: 1 });
      const poisoned = await status(ids.poison);
      assert.equal(poisoned.embeddingStatus, 'failed');
      assert.match(poisoned.embeddingError, /injected failure on this text/);

      assert.equal(embeddings.stats().breaker.failures - failuresBefore, 1, 'only the first, batched, try went through the breaker');
      assert.equal(embeddings.stats().breaker.state, 'closed');
      const again = await backfill();
      assert.deepEqual(again.resumes, { embedded: 0, remaining: 0, failed: 1 }, 'a failed row is left alone');
      assert.equal(again.stoppedBecause, undefined);
    });

    it('counts no attempts while the model itself is down', async () => {
      model.failing = true;
      ids.outage = (await http.post('/api/v1/resumes').attach('file', resume('outage'), 'outage.txt').expect(201)).body.id;
      for (let i = 0; i < MAX_EMBEDDING_ATTEMPTS + 2; i++) {
        const report = await backfill();
        assert.ok(report.stoppedBecause, 'the run stops');
      }
      const row = await status(ids.outage);
      assert.equal(row.embeddingStatus, 'pending', 'the probe failed too: the model, not the text, is at fault');
      model.failing = false;
      const report = await backfill();
      assert.equal(report.resumes.embedded, 1);
      assert.equal((await status(ids.outage)).embeddingStatus, 'ready');
      assert.equal((await status(ids.outage)).embeddingError, null);
    });

    it('retries failed rows on request', async () => {
      model.poison = null;
      const report = await backfill('?retryFailed=true');
      assert.deepEqual(report.resumes, { embedded: 1, remaining: 0, failed: 0 });
      const row = await status(ids.poison);
      assert.equal(row.embeddingStatus, 'ready');
      assert.equal(row.embeddingError, null);
      const bad = await http.post('/api/v1/embeddings/backfill?retryFailed=maybe').expect(400);
      assert.equal(bad.body.code, 'VALIDATION_FAILED');
    });
  });
}
