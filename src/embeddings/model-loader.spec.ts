import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ModelLoader, ModelLoaderOptions, retryDelayMs } from './model-loader.js';

const refused = () =>
  Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error('connect'), { code: 'ECONNREFUSED' }) });

function options(logs: string[], overrides: Partial<ModelLoaderOptions> = {}): ModelLoaderOptions {
  return {
    retryMinMs: 10,
    retryMaxMs: 40,
    source: { modelId: 'Xenova/all-MiniLM-L6-v2', modelPath: null, modelHubUrl: 'http://127.0.0.1:1/' },
    logger: {
      log: (m) => logs.push(`log ${m}`),
      warn: (m) => logs.push(`warn ${m}`),
      error: (m) => logs.push(`error ${m}`),
      debug: (m) => logs.push(`debug ${m}`),
    },
    ...overrides,
  };
}

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 500 && !condition(); i++) await new Promise((r) => setTimeout(r, 5));
  assert.ok(condition(), 'condition reached');
}

describe('retryDelayMs', () => {
  it('doubles from the minimum and stops at the maximum', () => {
    assert.deepEqual(
      [1, 2, 3, 4, 5, 6, 7].map((n) => retryDelayMs(n, 1000, 30_000)),
      [1000, 2000, 4000, 8000, 16_000, 30_000, 30_000],
    );
    assert.equal(retryDelayMs(500, 1000, 60_000), 60_000, 'no overflow after many failures');
  });
});

describe('ModelLoader', () => {
  it('retries with backoff until the load works, logging ONE error for a repeated cause', async () => {
    const logs: string[] = [];
    let calls = 0;
    const loader = new ModelLoader(async () => {
      calls++;
      if (calls < 4) throw refused();
    }, options(logs));
    await loader.start();
    const failed = loader.status();
    assert.equal(failed.state, 'retrying');
    assert.equal(failed.reason, 'hub unreachable (connection refused)');
    assert.ok(failed.nextRetryInMs !== null && failed.nextRetryInMs <= 10);

    await until(() => loader.status().state === 'ready');
    assert.equal(calls, 4);
    assert.deepEqual(loader.status(), { state: 'ready', reason: null, nextRetryInMs: null, attempts: 4 });
    assert.equal(logs.filter((l) => l.startsWith('error')).length, 1, logs.join('\n'));
    assert.equal(logs.filter((l) => l.startsWith('debug')).length, 2);
    assert.ok(logs.some((l) => /loaded after 4 attempts/.test(l)));
  });

  it('says a retry is due now (0 ms) while it runs, not nothing', async () => {
    let release: () => void = () => undefined;
    let calls = 0;
    const loader = new ModelLoader(async () => {
      if (++calls === 1) throw refused();
      await new Promise<void>((resolve) => (release = resolve));
    }, options([]));
    await loader.start();
    await until(() => calls === 2);
    assert.deepEqual(loader.status(), { state: 'retrying', reason: 'hub unreachable (connection refused)', nextRetryInMs: 0, attempts: 2 });
    release();
    await until(() => loader.status().state === 'ready');
    assert.equal(loader.status().nextRetryInMs, null);
  });

  it('logs again when the cause changes', async () => {
    const logs: string[] = [];
    let calls = 0;
    const loader = new ModelLoader(async (context) => {
      calls++;
      if (calls === 1) throw refused();
      if (calls === 2) {
        context.onDownloadFailure({ url: 'http://mirror/m/resolve/main/config.json', status: 404 });
        throw new TypeError("Cannot read properties of undefined (reading 'model_type')");
      }
    }, options(logs));
    await loader.start();
    await until(() => loader.status().state === 'ready');
    const errors = logs.filter((l) => l.startsWith('error'));
    assert.equal(errors.length, 2);
    assert.match(errors[1], /HTTP 404/);
    assert.match(errors[1], /http:\/\/mirror\/m\/resolve\/main\/config\.json/);
  });

  it('does not retry when retries are off, nor an incompatible model', async () => {
    const off = new ModelLoader(
      async () => {
        throw refused();
      },
      options([], { retryMaxMs: 0 }),
    );
    await off.start();
    assert.equal(off.status().state, 'failed');
    assert.equal(off.status().nextRetryInMs, null);

    const incompatible = new ModelLoader(async () => {
      throw Object.assign(new Error('768-d'), { name: 'IncompatibleModelError' });
    }, options([]));
    await incompatible.start();
    assert.equal(incompatible.status().state, 'failed');
    assert.equal(incompatible.status().reason, 'model incompatible with HireMatch');
  });

  it('stops retrying once stopped', async () => {
    let calls = 0;
    const loader = new ModelLoader(async () => {
      calls++;
      throw refused();
    }, options([]));
    await loader.start();
    loader.stop();
    await new Promise((r) => setTimeout(r, 60));
    assert.equal(calls, 1);
    assert.equal(loader.status().nextRetryInMs, null);
  });
});
