import type { INestApplication } from '@nestjs/common';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { loadConfig } from '../../src/config/app-config.js';
import { ModelHubMirror } from '../helpers/model-hub-mirror.js';
import { ApiClient, apiClient, startTestApp } from '../helpers/test-app.js';

const config = loadConfig();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// The hub download path (MODEL_PATH unset) against a local mirror of the test model that holds its
// answers: the service must start within MODEL_LOAD_TIMEOUT_MS, serve degraded, then switch over.
describe('downloading the model from a slow hub', { skip: !config.modelPath && 'needs a local MODEL_PATH to mirror' }, () => {
  const mirror = new ModelHubMirror(resolve(config.modelPath ?? '.'));
  let app: INestApplication;
  let http: ApiClient;

  before(async () => {
    const hub = await mirror.start();
    // The mirror holds every request until release(): start-up returning at all shows it did not wait
    // for the download. The per-request timeout is set out of reach, so only MODEL_LOAD_TIMEOUT_MS ends the wait.
    app = await startTestApp({
      databaseUrl: null,
      pgliteDataDir: 'memory://',
      redisUrl: null,
      modelPath: null,
      modelHubUrl: hub,
      modelCacheDir: mkdtempSync(join(tmpdir(), 'hirematch-model-cache-')),
      modelLoadTimeoutMs: 300,
      modelFetchTimeoutMs: 3_600_000,
    });
    http = apiClient(app);
  });

  after(async () => {
    await app?.close();
    await mirror.stop();
  });

  it('starts degraded, then uses the model once the download completes', async () => {
    await http.get('/health/live').expect(200);
    const ready = await http.get('/health/ready').expect(503);
    assert.equal(ready.body.details.model.state, 'loading');
    const upload = await http
      .post('/api/v1/resumes')
      .attach('file', Buffer.from('Ana Ruiz\nana@example.com\nSKILLS\nPayroll, Excel'), 'ana.txt')
      .expect(201);
    assert.equal(upload.body.embeddingStatus, 'pending');

    mirror.release();
    let status = 503;
    for (let i = 0; i < 200 && status !== 200; i++) {
      await sleep(50);
      status = (await http.get('/health/ready')).status;
    }
    const model = (await http.get('/health/ready')).body.details.model;
    assert.equal(status, 200, `ready once the model has loaded: ${JSON.stringify(model)}`);
    assert.ok(
      mirror.requests.some((line) => line.includes(`/${config.modelId}/resolve/`)),
      'fetched through the hub path',
    );
    const backfill = await http.post('/api/v1/embeddings/backfill').expect(200);
    assert.equal(backfill.body.resumes.embedded, 1);
  });
});
