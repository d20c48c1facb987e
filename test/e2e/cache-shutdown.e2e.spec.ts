import type { INestApplication } from '@nestjs/common';
import assert from 'node:assert/strict';
import type { Socket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import { EmbeddingCache } from '../../src/embeddings/embedding-cache.js';
import { testBackends } from '../helpers/backends.js';
import { apiClient, startTestApp } from '../helpers/test-app.js';

/** Sockets of this process connected to Redis's port (node's handle list: what keeps a process alive). */
function redisSockets(port: number): number {
  const handles = (process as unknown as { _getActiveHandles(): unknown[] })._getActiveHandles();
  return handles.filter((handle) => (handle as Socket).remotePort === port).length;
}

// @keyv/redis connects again on any call after it was disconnected: a cache call from work still
// running while the application shut down left a socket open that kept the process alive (seen as a
// test process that never exited). After close, the embedding cache no longer calls its store.
const redis = testBackends().find((backend) => backend.name.includes('Redis'));
describe('the embedding cache after shutdown', { skip: !redis && 'needs REDIS_URL' }, () => {
  let app: INestApplication;
  const port = Number(new URL(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379').port || 6379);

  before(async () => {
    app = await startTestApp(await redis!.setup());
  });

  after(async () => {
    await redis?.teardown();
  });

  it('opens no Redis connection again once the application has closed', async () => {
    // The cache connects on its first use.
    await apiClient(app)
      .post('/api/v1/embeddings/batch')
      .send({ texts: ['cache me'] })
      .expect(200);
    const cache = app.get(EmbeddingCache);
    await app.close();
    await sleep(100);
    const open = redisSockets(port);
    const key = cache.key('00000000-0000-4000-8000-000000000001', 'cache me');
    assert.equal(await cache.get(key), null, 'a miss, the store not asked');
    await cache.set(key, Float32Array.from([1, 2, 3]));
    await assert.rejects(cache.ping(), /shutting down/);
    await sleep(300);
    assert.equal(redisSockets(port), open, 'no socket to Redis opened after close');
  });
});
