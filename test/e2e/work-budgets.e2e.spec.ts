import type { INestApplication } from '@nestjs/common';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { threadId } from 'node:worker_threads';
import { DEFAULT_ORGANIZATION_ID as ORG } from '../../src/common/organization.js';
import { loadConfig } from '../../src/config/app-config.js';
import { EmbeddingModel } from '../../src/embeddings/embedding-model.js';
import { EmbeddingService } from '../../src/embeddings/embedding.service.js';
import { InferenceThread } from '../../src/embeddings/inference-thread.js';
import { classifyModelLoadError, FailedDownload } from '../../src/embeddings/model-load-error.js';
import { TransformersEmbeddingModel } from '../../src/embeddings/transformers-embedding.model.js';
import { testBackends } from '../helpers/backends.js';
import { FaultyEmbeddingModel, withFaultyModel } from '../helpers/faulty-embedding-model.js';
import { ApiClient, apiClient, startTestApp } from '../helpers/test-app.js';
import { unitCosine } from '../helpers/unit-vectors.js';

// Unique per run: a shared Redis may still hold the vectors of a previous run's texts.
const run = randomUUID();
const words = (n: number, seed: string) => `${seed} ${Array.from({ length: n }, (_, i) => `skill${i % 97} engineering`).join(' ')}`;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

for (const backend of testBackends()) {
  describe(`work budgets, admission control and the inference worker on ${backend.name}`, () => {
    let app: INestApplication;
    let http: ApiClient;
    let embeddings: EmbeddingService;
    let model: FaultyEmbeddingModel;
    let real: TransformersEmbeddingModel;

    before(async () => {
      app = await startTestApp(
        {
          ...(await backend.setup()),
          backfillIntervalMs: 0,
          embeddingMaxTextChars: 3_000,
          embeddingMaxRequestChars: 5_000,
          embeddingMaxTextWindows: 3,
          embeddingQueueMaxWindows: 4,
        },
        withFaultyModel,
      );
      http = apiClient(app);
      embeddings = app.get(EmbeddingService);
      model = app.get<EmbeddingModel, FaultyEmbeddingModel>(EmbeddingModel);
      real = app.get(TransformersEmbeddingModel);
    });

    after(async () => {
      await app?.close();
      await backend.teardown();
    });

    it('embeds through the inference worker thread, not on the main thread', async () => {
      const res = await http
        .post('/api/v1/embeddings/batch')
        .send({ texts: [`payroll specialist ${run}`] })
        .expect(200);
      assert.equal(res.body.embeddings[0].length, 384);
      assert.equal(threadId, 0);
      assert.ok(real.inference.threadId !== null && real.inference.threadId > 0, 'the model lives in a worker thread');
      const direct = await real.embed([`payroll specialist ${run}`]);
      assert.ok(unitCosine(direct[0], res.body.embeddings[0]) > 0.9999);
    });

    it('refuses a text over the character budget with 413 WORK_BUDGET_EXCEEDED before it reaches the model', async () => {
      const calls = model.calls;
      const res = await http
        .post('/api/v1/embeddings/batch')
        .send({ texts: ['x'.repeat(3_001)] })
        .expect(413);
      assert.equal(res.body.code, 'WORK_BUDGET_EXCEEDED');
      const total = await http
        .post('/api/v1/embeddings/batch')
        .send({ texts: ['a'.repeat(2_000), 'b'.repeat(2_000), 'c'.repeat(1_500)] })
        .expect(413);
      assert.equal(total.body.code, 'WORK_BUDGET_EXCEEDED');
      assert.equal(model.calls, calls, 'the model was not called');
    });

    it('refuses an upload whose text is over the budget, and stores nothing', async () => {
      const before = (await http.get('/api/v1/resumes?limit=100').expect(200)).body.total;
      const text = `Ana Ruiz ${run}\nana@example.com\nSUMMARY\n${words(700, 'payroll')}`;
      const res = await http.post('/api/v1/resumes').attach('file', Buffer.from(text), 'long.txt').expect(413);
      assert.equal(res.body.code, 'WORK_BUDGET_EXCEEDED');
      assert.equal((await http.get('/api/v1/resumes?limit=100').expect(200)).body.total, before);
    });

    it('refuses a text that makes more windows than the budget once tokenised, without failing the texts batched with it', async () => {
      // Under the character budget, but ~1,000 word pieces: more than 3 windows of 256.
      const tooManyPieces = Array.from({ length: 1_000 }, (_, i) => `q${i % 10}`)
        .join(' ')
        .slice(0, 2_900);
      const breakerFailures = embeddings.stats().breaker.failures;
      const [long, short] = await Promise.allSettled([
        embeddings.embed(ORG, `${tooManyPieces} ${run}`),
        embeddings.embed(ORG, `forklift operator ${run}`),
      ]);
      assert.ok(long.status === 'rejected');
      assert.equal((long.reason as { code?: string }).code, 'WORK_BUDGET_EXCEEDED');
      assert.equal(short.status, 'fulfilled');
      assert.equal(embeddings.stats().breaker.failures, breakerFailures, 'a caller over budget does not count against the model');
      assert.equal(embeddings.stats().breaker.state, 'closed');
    });

    it('answers 503 OVERLOADED with Retry-After at once while the queue is over its budget, and serves again after', async () => {
      let release!: () => void;
      model.hold = new Promise<void>((resolve) => (release = resolve));
      const queued = embeddings.embedBatch(ORG, [words(100, `held${run}`), words(100, `held2${run}`)], {
        signal: new AbortController().signal,
      });
      while (embeddings.stats().queue.windows === 0) await sleep(5);
      try {
        const res = await http
          .post('/api/v1/embeddings/batch')
          .send({ texts: [`registered nurse ${run}`] })
          .expect(503);
        assert.equal(res.body.code, 'OVERLOADED');
        assert.match(res.headers['retry-after'], /^[1-9]\d*$/);
        const search = await http
          .post('/api/v1/matching/similarity-search')
          .send({ query: `icu nurse ${run}`, target: 'resumes', mode: 'vector' })
          .expect(503);
        assert.equal(search.body.code, 'OVERLOADED');
        assert.ok(embeddings.stats().queue.overloadRejections >= 2);
      } finally {
        model.hold = null;
        release();
      }
      assert.equal((await queued).length, 2);
      assert.equal(embeddings.stats().queue.windows, 0, 'the queue drains');
      await http
        .post('/api/v1/embeddings/batch')
        .send({ texts: [`registered nurse ${run}`] })
        .expect(200);
    });

    it('drops the windows of a caller that gives up: they never reach the model', async () => {
      let release!: () => void;
      model.hold = new Promise<void>((resolve) => (release = resolve));
      const first = embeddings.embed(ORG, `first caller ${run}`, { signal: new AbortController().signal });
      while (embeddings.stats().queue.waitingCalls > 0 || embeddings.stats().queue.windows === 0) await sleep(5);
      const gone = new AbortController();
      const abandoned = embeddings.embed(ORG, `abandoned caller ${run}`, { signal: gone.signal });
      while (embeddings.stats().queue.waitingCalls === 0) await sleep(5);
      const calls = model.calls;
      gone.abort(new Error('client went away'));
      await assert.rejects(abandoned, /client went away/);
      assert.equal(embeddings.stats().queue.waitingCalls, 0);
      model.hold = null;
      release();
      await first;
      await sleep(20);
      assert.equal(model.calls, calls, 'no model call for the abandoned text');
      assert.equal(embeddings.stats().queue.windows, 0);
    });
  });
}

describe('the inference worker', () => {
  it('carries a load error across the thread with its name, message and cause chain', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise((resolve) => closed.close(resolve));
    const config = loadConfig({});
    const thread = new InferenceThread();
    const downloads: FailedDownload[] = [];
    try {
      const error = await thread
        .load(
          {
            modelId: 'nobody/no-such-model',
            modelPath: null,
            modelHubUrl: `http://127.0.0.1:${port}/`,
            modelCacheDir: `/tmp/hirematch-no-cache-${run}`,
            fetchTimeoutMs: config.modelFetchTimeoutMs,
            dtype: 'fp32',
            windowTokens: config.embeddingWindowTokens,
            windowOverlap: config.embeddingWindowOverlap,
            maxBatch: config.embeddingMaxBatch,
            maxBatchTokens: config.embeddingMaxBatchTokens,
            maxWindowsPerText: config.embeddingMaxTextWindows,
            threads: config.inferenceThreads,
          },
          { onDownloadFailure: (download) => downloads.push(download) },
        )
        .then(
          () => null,
          (failure: Error) => failure,
        );
      assert.ok(error, 'the load fails');
      assert.equal(error.name, 'TypeError');
      assert.equal(error.message, 'fetch failed');
      const cause = error.cause as Error & { code?: string };
      assert.ok(cause instanceof Error);
      assert.equal(cause.code, 'ECONNREFUSED');
      // The worker's fetch reported the failed request, and it reaches the classifier on this side.
      assert.ok(downloads.length > 0, 'the failed download is reported across the thread');
      assert.ok(downloads[0].url.startsWith(`http://127.0.0.1:${port}/nobody/no-such-model/`), downloads[0].url);
      const failure = classifyModelLoadError(error, downloads[0]);
      assert.equal(failure.cause, 'refused');
      assert.equal(failure.url, downloads[0].url);
      await assert.rejects(thread.embed(['anything']), { name: 'ModelNotReadyError' });
    } finally {
      await thread.close();
    }
  });
});
