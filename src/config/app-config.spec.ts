import assert from 'node:assert/strict';
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
});
