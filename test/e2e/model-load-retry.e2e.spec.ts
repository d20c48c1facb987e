import type { INestApplication } from '@nestjs/common';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { loadConfig } from '../../src/config/app-config.js';
import { ModelHubMirror } from '../helpers/model-hub-mirror.js';
import { ApiClient, apiClient, startTestApp } from '../helpers/test-app.js';

const config = loadConfig();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A port nothing listens on (yet): connections to it are refused until the mirror starts there. */
async function closedPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

// The hub download path (MODEL_PATH unset) against a mirror that refuses connections at start-up:
// the service must start degraded, say why in its readiness body, keep retrying with backoff, and
// turn ready without a restart once the mirror is reachable.
describe('the model hub is unreachable, then comes back', { skip: !config.modelPath && 'needs a local MODEL_PATH to mirror' }, () => {
  const mirror = new ModelHubMirror(resolve(config.modelPath ?? '.'));
  const modelCacheDir = mkdtempSync(join(tmpdir(), 'hirematch-model-cache-'));
  let port: number;
  let app: INestApplication;
  let http: ApiClient;

  before(async () => {
    port = await closedPort();
    app = await startTestApp({
      databaseUrl: null,
      pgliteDataDir: 'memory://',
      redisUrl: null,
      modelPath: null,
      modelHubUrl: `http://127.0.0.1:${port}/`,
      modelCacheDir,
      modelLoadRetryMinMs: 100,
      modelLoadRetryMaxMs: 400,
      backfillIntervalMs: 0,
    });
    http = apiClient(app);
  });

  after(async () => {
    await app?.close();
    await mirror.stop();
    rmSync(modelCacheDir, { recursive: true, force: true });
  });

  it('serves degraded while it says why it is not ready', async () => {
    await http.get('/health/live').expect(200);
    const ready = await http.get('/health/ready').expect(503);
    const model = ready.body.details.model;
    assert.equal(model.status, 'down');
    assert.equal(model.state, 'retrying');
    assert.equal(model.reason, 'hub unreachable (connection refused)');
    assert.equal(typeof model.nextRetryInMs, 'number');
    assert.ok(model.nextRetryInMs <= 400, 'the backoff is capped by MODEL_LOAD_RETRY_MAX_MS');
    const status = (await http.get('/api/v1/embeddings/status').expect(200)).body;
    const shown = JSON.stringify(ready.body) + JSON.stringify(status);
    assert.ok(!shown.includes(modelCacheDir) && !/fetch failed|ECONNREFUSED/.test(shown), `no path, no raw error: ${shown}`);

    const upload = await http
      .post('/api/v1/resumes')
      .attach('file', Buffer.from('Ana Ruiz\nana@example.com\nSKILLS\nPayroll, Excel'), 'ana.txt')
      .expect(201);
    assert.equal(upload.body.embeddingStatus, 'pending');
    const search = await http.post('/api/v1/matching/similarity-search').send({ query: 'payroll', target: 'resumes' }).expect(503);
    assert.equal(search.body.code, 'EMBEDDING_UNAVAILABLE');
  });

  it('turns ready without a restart once the hub is reachable', async () => {
    mirror.release();
    await mirror.start(port);
    const model = await waitForReady(http);
    assert.equal(model.state, 'ready');
    assert.equal(model.reason, undefined);
    assert.ok(mirror.requests.some((line) => line.includes(`/${config.modelId}/resolve/`)));

    const backfill = await http.post('/api/v1/embeddings/backfill').expect(200);
    assert.equal(backfill.body.resumes.embedded, 1);
    await http.post('/api/v1/matching/similarity-search').send({ query: 'payroll', target: 'resumes' }).expect(200);
  });
});

async function waitForReady(http: ApiClient): Promise<Record<string, unknown>> {
  let status = 503;
  for (let i = 0; i < 400 && status !== 200; i++) {
    await sleep(50);
    status = (await http.get('/health/ready')).status;
  }
  const model = (await http.get('/health/ready')).body.details.model;
  assert.equal(status, 200, `ready: ${JSON.stringify(model)}`);
  return model;
}

// A network that swallows packets: the hub accepts connections and never answers. Start-up must not
// wait for it (MODEL_LOAD_TIMEOUT_MS is set far beyond the test's own timeout here): each download
// request gives up after MODEL_FETCH_TIMEOUT_MS, the cause shows as "timeout", and the retries pick
// the model up once the hub answers.
describe('the model hub swallows requests', { skip: !config.modelPath && 'needs a local MODEL_PATH to mirror' }, () => {
  const mirror = new ModelHubMirror(resolve(config.modelPath ?? '.'));
  const modelCacheDir = mkdtempSync(join(tmpdir(), 'hirematch-model-cache-'));
  let app: INestApplication;
  let http: ApiClient;

  before(async () => {
    const hub = await mirror.start(); // holds every request until release()
    app = await startTestApp({
      databaseUrl: null,
      pgliteDataDir: 'memory://',
      redisUrl: null,
      modelPath: null,
      modelHubUrl: hub,
      modelCacheDir,
      modelLoadTimeoutMs: 3_600_000,
      modelFetchTimeoutMs: 1_000,
      modelLoadRetryMinMs: 200,
      modelLoadRetryMaxMs: 400,
      backfillIntervalMs: 0,
    });
    http = apiClient(app);
  });

  after(async () => {
    await app?.close();
    await mirror.stop();
    rmSync(modelCacheDir, { recursive: true, force: true });
  });

  it('starts degraded with the cause "timeout", then turns ready once the hub answers', async () => {
    const model = (await http.get('/health/ready').expect(503)).body.details.model;
    assert.equal(model.state, 'retrying');
    assert.equal(model.reason, 'hub unreachable (timeout)');
    mirror.release();
    assert.equal((await waitForReady(http)).state, 'ready');
  });
});
