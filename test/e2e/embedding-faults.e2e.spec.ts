import type { INestApplication } from '@nestjs/common';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import { EmbeddingModel } from '../../src/embeddings/embedding-model.js';
import { EmbeddingService } from '../../src/embeddings/embedding.service.js';
import { testBackends } from '../helpers/backends.js';
import { FaultyEmbeddingModel, withFaultyModel } from '../helpers/faulty-embedding-model.js';
import { ApiClient, apiClient, startTestApp } from '../helpers/test-app.js';
import { unitCosine } from '../helpers/unit-vectors.js';

// Long enough for the "open" assertions (several requests) to run inside the open window on a loaded machine.
const RESET_MS = 1500;
// Unique per run: a shared Redis may still hold the vectors of a previous run's texts.
const run = randomUUID();
const resume = (n: number) =>
  Buffer.from(`Candidate ${n} ${run}\ncandidate${n}@example.com\nSKILLS\nRust, Kafka, Terraform\nEXPERIENCE\nPlatform engineer ${n}`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
/** The reset timer may fire late on a loaded machine: wait for the state, with a deadline. */
async function untilHalfOpen(embeddings: EmbeddingService): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (embeddings.stats().breaker.state !== 'half-open' && Date.now() < deadline) await sleep(20);
}

for (const backend of testBackends()) {
  describe(`model failures and the circuit breaker on ${backend.name}`, () => {
    let app: INestApplication;
    let http: ApiClient;
    let model: FaultyEmbeddingModel;
    let embeddings: EmbeddingService;
    const pendingIds: string[] = [];
    let readyId: string;

    before(async () => {
      const overrides = { ...(await backend.setup()), breakerResetTimeoutMs: RESET_MS, backfillIntervalMs: 0 };
      app = await startTestApp(overrides, withFaultyModel);
      http = apiClient(app);
      model = app.get<EmbeddingModel, FaultyEmbeddingModel>(EmbeddingModel);
      embeddings = app.get(EmbeddingService);
    });

    after(async () => {
      await app?.close();
      await backend.teardown();
    });

    it('stores a resume as ready while the model works', async () => {
      const res = await http.post('/api/v1/resumes').attach('file', resume(0), 'r0.txt').expect(201);
      assert.equal(res.body.embeddingStatus, 'ready');
      readyId = res.body.id;
    });

    it('opens after 3 failures; writes are stored pending with NO vector, and the API stays up', async () => {
      model.failing = true;
      for (let n = 1; n <= 3; n++) {
        const res = await http.post('/api/v1/resumes').attach('file', resume(n), `r${n}.txt`).expect(201);
        assert.equal(res.body.embeddingStatus, 'pending');
        pendingIds.push(res.body.id);
      }
      assert.equal(embeddings.stats().breaker.state, 'open');

      const callsWhenOpened = model.calls;
      const res = await http.post('/api/v1/resumes').attach('file', resume(4), 'r4.txt').expect(201);
      assert.equal(res.body.embeddingStatus, 'pending');
      pendingIds.push(res.body.id);
      assert.equal(model.calls, callsWhenOpened, 'open breaker: the model is not called');

      const stored = await http.get(`/api/v1/resumes/${res.body.id}?include=embedding`).expect(200);
      assert.equal(stored.body.embedding, null);

      const ready = await http.get('/health/ready').expect(200);
      assert.equal(ready.body.details.breaker.state, 'open');
      assert.equal(ready.body.details.breaker.degraded, true);
      assert.equal(ready.body.details.model.lastInference.ok, false);
      await http.get('/health/live').expect(200);

      const search = await http.post('/api/v1/matching/similarity-search').send({ query: 'Rust Kafka', target: 'resumes' }).expect(503);
      assert.equal(search.body.code, 'EMBEDDING_UNAVAILABLE');
      assert.equal(search.body.details.reason, 'breaker_open');
    });

    it('half-opens after the reset timeout and closes on a successful call', async () => {
      model.failing = false;
      await untilHalfOpen(embeddings);
      assert.equal(embeddings.stats().breaker.state, 'half-open');
      // This search query is the trial call that closes the breaker.
      const search = await http
        .post('/api/v1/matching/similarity-search')
        .send({ query: `Rust Kafka Terraform ${run}`, target: 'resumes' })
        .expect(200);
      assert.equal(embeddings.stats().breaker.state, 'closed');
      assert.deepEqual(
        search.body.results.map((r: { id: string }) => r.id),
        [readyId],
        'pending rows are not searched',
      );
      assert.equal(search.body.skippedPending, 4, 'and the response says so');
    });

    it('counts as skipped only the rows without a vector that were left out of the ranking', async () => {
      const search = (body: object) =>
        http
          .post('/api/v1/matching/similarity-search')
          .send({ target: 'resumes', ...body })
          .expect(200);
      const filteredOut = await search({ query: `Rust Kafka ${run}`, filters: { location: 'Nowhere City' } });
      assert.equal(filteredOut.body.skippedPending, 0, 'rows the filters exclude were not skipped for lack of a vector');
      const byWords = await search({ query: `Rust Kafka Terraform ${run}`, mode: 'hybrid' });
      const ids = byWords.body.results.map((r: { id: string }) => r.id);
      for (const id of pendingIds) assert.ok(ids.includes(id), 'hybrid ranks pending rows its keyword half found');
      assert.equal(byWords.body.skippedPending, 0);
      assert.equal(byWords.body.scoreKind, 'cosine');
      const noWords = await search({ query: 'zyxwvut qqqjjj', mode: 'hybrid' });
      assert.equal(noWords.body.skippedPending, 4, 'found by neither half: skipped');
      const keyword = await search({ query: `Rust Kafka ${run}`, mode: 'keyword' });
      assert.equal(keyword.body.skippedPending, 0);
      assert.equal(keyword.body.scoreKind, 'text_rank');

      const job = await http
        .post('/api/v1/jobs')
        .send({ title: 'Platform engineer', description: 'Run our Kafka platform with Rust and Terraform.', requirements: 'Rust, Kafka' })
        .expect(201);
      assert.equal(job.body.embeddingStatus, 'ready');
      const ranked = await http.get(`/api/v1/jobs/${job.body.id}/candidates`).expect(200);
      assert.deepEqual(
        ranked.body.items.map((r: { id: string }) => r.id),
        [readyId],
      );
      assert.equal(ranked.body.skippedPending, 4);
      const javaOnly = await http.get(`/api/v1/jobs/${job.body.id}/candidates?skills=Java`).expect(200);
      assert.equal(javaOnly.body.skippedPending, 0, 'no pending resume has Java');
      await http.delete(`/api/v1/jobs/${job.body.id}`).expect(204);
    });

    it('backfills pending rows on demand', async () => {
      const res = await http.post('/api/v1/embeddings/backfill').expect(200);
      assert.equal(res.body.resumes.embedded, 4);
      assert.equal(res.body.resumes.remaining, 0);
      for (const id of pendingIds) {
        const stored = await http.get(`/api/v1/resumes/${id}?include=embedding`).expect(200);
        assert.equal(stored.body.embeddingStatus, 'ready');
        assert.equal(stored.body.embedding.length, 384);
      }
      const search = await http
        .post('/api/v1/matching/similarity-search')
        .send({ query: `Rust Kafka Terraform ${run}`, target: 'resumes' })
        .expect(200);
      assert.equal(search.body.results.length, 5);
      assert.equal(search.body.skippedPending, 0);
    });

    it('backfill embeds what upload embeds: the resume without its contact lines', async () => {
      const twin = resume(1).toString().replace('candidate1@example.com', 'someone.else@example.org | +1 (312) 555-0199');
      const uploaded = await http.post('/api/v1/resumes').attach('file', Buffer.from(twin), 'twin.txt').expect(201);
      assert.equal(uploaded.body.embeddingStatus, 'ready');
      const [backfilled, direct] = await Promise.all(
        [pendingIds[0], uploaded.body.id].map((id) => http.get(`/api/v1/resumes/${id}?include=embedding`).expect(200)),
      );
      const cosine = unitCosine(backfilled.body.embedding, direct.body.embedding);
      assert.ok(cosine > 0.9999, `cosine ${cosine}`);
    });
  });
}

describe('automatic backfill when the breaker closes', () => {
  let app: INestApplication;
  let http: ApiClient;
  let model: FaultyEmbeddingModel;

  before(async () => {
    app = await startTestApp(
      {
        databaseUrl: null,
        pgliteDataDir: 'memory://',
        redisUrl: null,
        breakerResetTimeoutMs: RESET_MS,
        breakerFailureThreshold: 1,
        backfillIntervalMs: 60_000,
      },
      withFaultyModel,
    );
    http = apiClient(app);
    model = app.get<EmbeddingModel, FaultyEmbeddingModel>(EmbeddingModel);
  });

  after(() => app?.close());

  it('embeds the rows stored while the model was down, without being asked', async () => {
    model.failing = true;
    const job = await http
      .post('/api/v1/jobs')
      .send({ title: 'Platform Engineer', description: `Run our Kafka and Terraform platform. ${run}`, requirements: 'Rust, Kafka' })
      .expect(201);
    assert.equal(job.body.embeddingStatus, 'pending');
    model.failing = false;
    await untilHalfOpen(app.get(EmbeddingService));
    // Any successful call closes the breaker; the backfill follows on its own.
    await http
      .post('/api/v1/embeddings/batch')
      .send({ texts: ['wake up'] })
      .expect(200);
    let status = 'pending';
    for (let i = 0; i < 200 && status !== 'ready'; i++) {
      await sleep(50);
      status = (await http.get(`/api/v1/jobs/${job.body.id}`)).body.embeddingStatus;
    }
    assert.equal(status, 'ready');
  });
});
