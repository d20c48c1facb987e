import assert from 'node:assert/strict';
import { availableParallelism } from 'node:os';
import { describe, it } from 'node:test';
import { ConfigValidationError, loadConfig } from './app-config.js';

describe('loadConfig', () => {
  it('has working defaults with an empty environment', () => {
    const config = loadConfig({});
    assert.equal(config.port, 3000);
    assert.equal(config.databaseUrl, null);
    assert.equal(config.modelId, 'Xenova/all-MiniLM-L6-v2');
    assert.equal(config.embeddingCacheTtlSeconds, 86_400);
    assert.equal(config.embeddingWindowTokens, 256);
  });

  it('names every bad variable in one error', () => {
    assert.throws(
      () => loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', REDIS_URL: 'not a url' }),
      (error: unknown) =>
        error instanceof ConfigValidationError &&
        error.problems.length === 3 &&
        /PORT/.test(error.message) &&
        /DATABASE_URL/.test(error.message) &&
        /REDIS_URL/.test(error.message),
    );
  });

  it('retries a failed model load with a capped backoff, and refuses a cap below the first delay', () => {
    const config = loadConfig({});
    assert.equal(config.modelLoadRetryMinMs, 1_000);
    assert.equal(config.modelLoadRetryMaxMs, 60_000);
    assert.equal(loadConfig({ MODEL_LOAD_RETRY_MAX_MS: '0' }).modelLoadRetryMaxMs, 0);
    assert.throws(
      () => loadConfig({ MODEL_LOAD_RETRY_MIN_MS: '5000', MODEL_LOAD_RETRY_MAX_MS: '1000' }),
      (error: unknown) => error instanceof ConfigValidationError && /MODEL_LOAD_RETRY_MAX_MS/.test(error.message),
    );
  });

  it("leaves one core to requests by default (INFERENCE_THREADS), 0 for ONNX Runtime's own default", () => {
    assert.equal(loadConfig({}).inferenceThreads, Math.max(1, availableParallelism() - 1));
    assert.equal(loadConfig({ INFERENCE_THREADS: '0' }).inferenceThreads, 0);
    assert.equal(loadConfig({ INFERENCE_THREADS: '3' }).inferenceThreads, 3);
  });

  it('remembers authenticated API keys for 5 s by default, 0 turns that off, and refuses a negative or huge TTL', () => {
    assert.equal(loadConfig({}).apiKeyCacheTtlMs, 5_000);
    assert.equal(loadConfig({ API_KEY_CACHE_TTL_MS: '0' }).apiKeyCacheTtlMs, 0);
    for (const bad of ['-1', '300001', 'soon']) {
      assert.throws(
        () => loadConfig({ API_KEY_CACHE_TTL_MS: bad }),
        (error: unknown) => error instanceof ConfigValidationError && /API_KEY_CACHE_TTL_MS/.test(error.message),
      );
    }
  });

  it('reads the CORS allow-list, metrics token and rate limit', () => {
    const defaults = loadConfig({});
    assert.deepEqual(defaults.corsOrigins, []);
    assert.equal(defaults.metricsToken, null);
    assert.equal(defaults.rateLimitPerMinute, 600);
    const config = loadConfig({
      CORS_ORIGINS: 'https://ats.example.com, http://localhost:5173',
      METRICS_TOKEN: 'a-long-enough-metrics-token',
      RATE_LIMIT_PER_MINUTE: '30',
    });
    assert.deepEqual(config.corsOrigins, ['https://ats.example.com', 'http://localhost:5173']);
    assert.equal(config.metricsToken, 'a-long-enough-metrics-token');
    assert.equal(config.rateLimitPerMinute, 30);
  });

  it('rejects CORS entries that are not bare origins, a short metrics token and a zero rate limit', () => {
    assert.throws(
      () =>
        loadConfig({
          CORS_ORIGINS: 'https://ok.example.com,https://x.example.com/path,*',
          METRICS_TOKEN: 'short',
          RATE_LIMIT_PER_MINUTE: '0',
        }),
      (error: unknown) =>
        error instanceof ConfigValidationError &&
        error.problems.length === 4 &&
        /x\.example\.com\/path/.test(error.message) &&
        /"\*"/.test(error.message) &&
        /METRICS_TOKEN/.test(error.message) &&
        /RATE_LIMIT_PER_MINUTE/.test(error.message),
    );
  });

  it('reads the webhook settings: allow-list of host names, addresses and CIDRs, timeout, attempts and backoff', () => {
    const defaults = loadConfig({});
    assert.deepEqual(defaults.webhookAllowedHosts, []);
    assert.equal(defaults.webhookTimeoutMs, 10_000);
    assert.equal(defaults.webhookMaxAttempts, 8);
    assert.equal(defaults.webhookRetryBaseMs, 30_000);
    const config = loadConfig({ WEBHOOK_ALLOWED_HOSTS: 'Hooks.Internal, 10.0.0.0/8,::1,127.0.0.1', WEBHOOK_MAX_ATTEMPTS: '3' });
    assert.deepEqual(config.webhookAllowedHosts, ['hooks.internal', '10.0.0.0/8', '::1', '127.0.0.1']);
    assert.equal(config.webhookMaxAttempts, 3);
    assert.throws(
      () => loadConfig({ WEBHOOK_ALLOWED_HOSTS: 'ok.example.com,10.0.0.0/33,http://x/', WEBHOOK_MAX_ATTEMPTS: '0' }),
      (error: unknown) =>
        error instanceof ConfigValidationError &&
        error.problems.length === 3 &&
        /10\.0\.0\.0\/33/.test(error.message) &&
        /http:\/\/x\//.test(error.message) &&
        /WEBHOOK_MAX_ATTEMPTS/.test(error.message),
    );
  });

  it('reads the queue and bulk ingest settings: work by default, 0 for an API that only enqueues', () => {
    const defaults = loadConfig({});
    assert.equal(defaults.workerConcurrency, 2);
    assert.equal(defaults.queuePrefix, 'hirematch');
    assert.equal(defaults.ingestMaxFiles, 500);
    const set = loadConfig({ WORKER_CONCURRENCY: '0', QUEUE_PREFIX: 'acme', QUEUE_STALLED_INTERVAL_MS: '1000', INGEST_ATTEMPTS: '5' });
    assert.deepEqual([set.workerConcurrency, set.queuePrefix, set.queueStalledIntervalMs, set.ingestAttempts], [0, 'acme', 1000, 5]);
    assert.throws(
      () => loadConfig({ WORKER_CONCURRENCY: '-1', INGEST_MAX_FILES: '0' }),
      (error: unknown) => error instanceof ConfigValidationError && error.problems.length === 2,
    );
  });

  it('keeps bulk upload bytes in the database by default, or in an absolute INGEST_BYTES_DIR', () => {
    assert.equal(loadConfig({}).ingestBytesDir, null);
    assert.equal(loadConfig({ INGEST_BYTES_DIR: '  ' }).ingestBytesDir, null);
    assert.equal(loadConfig({ INGEST_BYTES_DIR: '/srv/hirematch/ingest' }).ingestBytesDir, '/srv/hirematch/ingest');
    assert.throws(
      () => loadConfig({ INGEST_BYTES_DIR: 'data/ingest' }),
      (error: unknown) =>
        error instanceof ConfigValidationError &&
        error.problems.length === 1 &&
        /INGEST_BYTES_DIR must be an absolute path/.test(error.message),
    );
  });

  it('reads the BM25 postings budget of a query and the rescored candidates, and rejects 0 for either', () => {
    const defaults = loadConfig({});
    assert.equal(defaults.bm25PostingsPerQuery, 20_000);
    assert.equal(defaults.bm25RescoredCandidates, 300);
    const set = loadConfig({ BM25_POSTINGS_PER_QUERY: '8000', BM25_RESCORED_CANDIDATES: '50' });
    assert.equal(set.bm25PostingsPerQuery, 8000);
    assert.equal(set.bm25RescoredCandidates, 50);
    assert.throws(
      () => loadConfig({ BM25_POSTINGS_PER_QUERY: '0', BM25_RESCORED_CANDIDATES: '0' }),
      (error: unknown) =>
        error instanceof ConfigValidationError &&
        error.problems.length === 2 &&
        /BM25_POSTINGS_PER_QUERY/.test(error.message) &&
        /BM25_RESCORED_CANDIDATES/.test(error.message),
    );
  });
});
