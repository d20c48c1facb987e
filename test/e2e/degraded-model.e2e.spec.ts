import type { INestApplication } from '@nestjs/common';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { testBackends } from '../helpers/backends.js';
import { ApiClient, apiClient, startTestApp } from '../helpers/test-app.js';

const RESUME = 'Jane Smith\njane@example.com\nSKILLS\nPython, SQL, Tableau\nEXPERIENCE\nData Analyst, Foo Ltd\n2019 - Present';

// The model directory is empty: the model cannot load, and the API must stay up in degraded mode.
for (const backend of testBackends()) {
  describe(`degraded mode (model cannot load) on ${backend.name}`, () => {
    let app: INestApplication;
    let http: ApiClient;
    let emptyModelDir: string;

    before(async () => {
      emptyModelDir = mkdtempSync(join(tmpdir(), 'hirematch-no-model-'));
      app = await startTestApp({ ...(await backend.setup()), modelPath: emptyModelDir, modelId: 'missing/model' });
      http = apiClient(app);
    });

    after(async () => {
      await app?.close();
      await backend.teardown();
    });

    it('stays live, and readiness reports the model down', async () => {
      await http.get('/health/live').expect(200);
      const ready = await http.get('/health/ready').expect(503);
      assert.equal(ready.body.details.model.status, 'down');
      // The folder may be filled later: the load is retried with backoff, and readiness says why it waits.
      assert.equal(ready.body.details.model.state, 'retrying');
      assert.equal(ready.body.details.model.reason, 'model files missing under MODEL_PATH');
      assert.equal(typeof ready.body.details.model.nextRetryInMs, 'number');
      assert.equal(ready.body.details.database.status, 'up');
      const shown = JSON.stringify(ready.body) + JSON.stringify((await http.get('/api/v1/embeddings/status').expect(200)).body);
      assert.ok(!shown.includes(emptyModelDir) && !shown.includes(tmpdir()), `no file-system path is shown: ${shown}`);
    });

    it('stores uploads and jobs as pending with no vector', async () => {
      const res = await http.post('/api/v1/resumes').attach('file', Buffer.from(RESUME), 'jane.txt').expect(201);
      assert.equal(res.body.embeddingStatus, 'pending');
      assert.equal(res.body.embeddingModel, null);
      const stored = await http.get(`/api/v1/resumes/${res.body.id}?include=embedding`).expect(200);
      assert.equal(stored.body.embedding, null, 'no placeholder vector');

      const job = await http
        .post('/api/v1/jobs')
        .send({ title: 'Data Analyst', description: 'Analyse sales data with SQL.', requirements: 'Python, SQL' })
        .expect(201);
      assert.equal(job.body.embeddingStatus, 'pending');

      const match = await http.post('/api/v1/matching/calculate').send({ jobId: job.body.id, resumeId: res.body.id }).expect(200);
      assert.equal(match.body.semanticSimilarity, null);
      assert.equal(match.body.weights.semantic, 0);
      assert.ok(match.body.warnings.length >= 1);
    });

    it('answers semantic search with a typed 503', async () => {
      const res = await http.post('/api/v1/matching/similarity-search').send({ query: 'python', target: 'resumes' }).expect(503);
      assert.equal(res.body.code, 'EMBEDDING_UNAVAILABLE');
      assert.match(res.body.message, /keyword mode still works/);
      assert.equal(res.body.details.reason, 'model_not_loaded');
    });

    it('answers batch embedding with the same typed 503 (a domain error mapped by the one filter)', async () => {
      const res = await http
        .post('/api/v1/embeddings/batch')
        .send({ texts: ['python'] })
        .expect(503);
      assert.deepEqual(Object.keys(res.body).sort(), ['code', 'details', 'message', 'requestId', 'statusCode']);
      assert.equal(res.body.statusCode, 503);
      assert.equal(res.body.code, 'EMBEDDING_UNAVAILABLE');
      assert.equal(res.body.details.reason, 'model_not_loaded');
    });
  });
}
