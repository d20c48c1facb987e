import type { INestApplication } from '@nestjs/common';
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { ApiClient, apiClient, startTestApp } from '../helpers/test-app.js';
import { TcpProxy } from '../helpers/tcp-proxy.js';
import { createScratchDatabase, ScratchDatabase } from '../helpers/scratch-stores.js';

const DATABASE_URL = process.env.DATABASE_URL;
const REDIS_URL = process.env.REDIS_URL;

const JOB = {
  title: 'Platform Engineer',
  description: 'Run our Kubernetes platform and the PostgreSQL fleet behind the HR APIs.',
  requirements: 'Required: Kubernetes, PostgreSQL, Terraform. Nice to have: Go.',
};
const resumeText = (n: number): Buffer =>
  Buffer.from(
    [
      'Sam Lee ' + n,
      'SKILLS',
      'Kubernetes, PostgreSQL, Terraform, Go',
      'EXPERIENCE',
      `Platform Engineer, Initech ${n}, 2019 - Present`,
    ].join('\n'),
  );

/** Polls `probe` until it returns true (a dependency coming back takes a moment); fails after `tries`. */
async function eventually(what: string, probe: () => Promise<boolean>, tries = 60): Promise<void> {
  for (let i = 0; i < tries; i++) {
    if (await probe()) return;
    await sleep(250);
  }
  assert.fail(`${what} did not happen`);
}

function assertUnavailable(res: { status: number; body: { code?: string }; headers: Record<string, string> }, code: string): void {
  assert.equal(res.status, 503, JSON.stringify(res.body));
  assert.equal(res.body.code, code);
  assert.match(res.headers['retry-after'] ?? '', /^\d+$/);
}

/**
 * Real PostgreSQL and Redis behind TCP proxies the test breaks: Redis killed, the database cut and
 * stalled. Runs when DATABASE_URL and REDIS_URL are set (the CI sets them).
 */
describe(
  'faults: PostgreSQL and Redis through a TCP proxy',
  { skip: !DATABASE_URL || !REDIS_URL ? 'needs DATABASE_URL and REDIS_URL' : false },
  () => {
    let app: INestApplication;
    let http: ApiClient;
    let admin: pg.Client;
    let database: ScratchDatabase | undefined;
    let pgProxy: TcpProxy;
    let redisProxy: TcpProxy;
    const acknowledged: string[] = [];

    const rowCounts = async (): Promise<{ resumes: number; jobs: number }> => {
      const { rows } = await admin.query<{ resumes: number; jobs: number }>(
        'SELECT (SELECT count(*)::int FROM resumes) AS resumes, (SELECT count(*)::int FROM jobs) AS jobs',
      );
      return rows[0];
    };

    before(async () => {
      database = await createScratchDatabase(DATABASE_URL!, 'hirematch_faults');
      const directUrl = new URL(database.url);
      pgProxy = new TcpProxy({ host: directUrl.hostname, port: Number(directUrl.port || 5432) });
      await pgProxy.start();
      const redisUrl = new URL(REDIS_URL!);
      redisProxy = new TcpProxy({ host: redisUrl.hostname, port: Number(redisUrl.port || 6379) });
      await redisProxy.start();
      app = await startTestApp({
        databaseUrl: pgProxy.url(directUrl.toString()),
        redisUrl: redisProxy.url(REDIS_URL!),
        databaseConnectTimeoutMs: 1_000,
        databaseStatementTimeoutMs: 1_500,
        databaseTransactionTimeoutMs: 2_000,
        healthProbeTimeoutMs: 1_000,
        backfillIntervalMs: 0,
      });
      http = apiClient(app);
      admin = new pg.Client({ connectionString: directUrl.toString() });
      await admin.connect();
    });

    after(async () => {
      pgProxy?.restore();
      redisProxy?.restore();
      await app?.close();
      await admin?.end();
      await pgProxy?.close();
      await redisProxy?.close();
      await database?.drop();
    });

    it('works through the proxies', async () => {
      const ready = await http.get('/health/ready').expect(200);
      assert.equal(ready.body.details.cache.degraded, false);
      const res = await http.post('/api/v1/resumes').attach('file', resumeText(0), 'sam-0.txt').expect(201);
      acknowledged.push(res.body.id);
    });

    it('Redis killed: uploads and search still work, the cache reports degraded, and it recovers', async () => {
      redisProxy.cut();
      for (let i = 1; i <= 3; i++) {
        const res = await http.post('/api/v1/resumes').attach('file', resumeText(i), `sam-${i}.txt`).expect(201);
        assert.equal(res.body.embeddingStatus, 'ready');
        acknowledged.push(res.body.id);
      }
      await http.post('/api/v1/matching/similarity-search').send({ query: 'Kubernetes platform engineer', target: 'resumes' }).expect(200);
      const ready = await http.get('/health/ready').expect(200);
      assert.equal(ready.body.details.cache.status, 'up');
      assert.equal(ready.body.details.cache.degraded, true);
      assert.ok(!JSON.stringify(ready.body).includes('127.0.0.1'), 'no raw driver error in the health body');
      redisProxy.restore();
      await eventually('the cache answering again', async () => (await http.get('/health/ready')).body.details?.cache?.degraded === false);
    });

    it('database cut: 503 DATABASE_UNAVAILABLE with Retry-After, no row written, recovery without restart', async () => {
      const before = await rowCounts();
      pgProxy.cut();
      assertUnavailable(await http.get('/api/v1/resumes'), 'DATABASE_UNAVAILABLE');
      assertUnavailable(await http.post('/api/v1/jobs').send(JOB), 'DATABASE_UNAVAILABLE');
      assertUnavailable(await http.post('/api/v1/resumes').attach('file', resumeText(90), 'cut.txt'), 'DATABASE_UNAVAILABLE');
      assertUnavailable(
        await http.post('/api/v1/matching/similarity-search').send({ query: 'platform engineer', target: 'jobs', mode: 'hybrid' }),
        'DATABASE_UNAVAILABLE',
      );
      const ready = await http.get('/health/ready');
      assert.equal(ready.status, 503);
      assert.equal(ready.body.details.database.status, 'down');
      assert.ok(!JSON.stringify(ready.body).includes('ECONNRESET') && !JSON.stringify(ready.body).includes('127.0.0.1'));
      pgProxy.restore();
      await eventually('the API answering again', async () => (await http.get('/api/v1/resumes')).status === 200);
      await http.get('/health/ready').expect(200);
      assert.deepEqual(await rowCounts(), before, 'no row written by a failed request');
      const res = await http.post('/api/v1/resumes').attach('file', resumeText(4), 'sam-4.txt').expect(201);
      acknowledged.push(res.body.id);
    });

    it('database stalled: requests and readiness answer 503 within their timeouts instead of hanging, then recover', async () => {
      const before = await rowCounts();
      pgProxy.stall();
      const [list, job, upload, ready] = await Promise.all([
        http.get('/api/v1/resumes'),
        http.post('/api/v1/jobs').send(JOB),
        http.post('/api/v1/resumes').attach('file', resumeText(91), 'stall.txt'),
        http.get('/health/ready'),
      ]);
      assertUnavailable(list, 'DATABASE_UNAVAILABLE');
      assertUnavailable(job, 'DATABASE_UNAVAILABLE');
      assertUnavailable(upload, 'DATABASE_UNAVAILABLE');
      assert.equal(ready.status, 503);
      assert.equal(ready.body.details.database.status, 'down');
      assert.match(ready.body.details.database.reason, /^(no answer within \d+ ms|unreachable or failing)$/);
      await http.get('/health/live').expect(200);
      pgProxy.restore();
      await eventually('the API answering again', async () => (await http.get('/api/v1/resumes')).status === 200);
      await eventually('readiness up again', async () => (await http.get('/health/ready')).status === 200);
      // A stalled write may have reached the server; only an acknowledged one may be stored.
      assert.deepEqual(await rowCounts(), before, 'no row written by a failed request');
    });

    it('a slow database link still answers (slowly), and every acknowledged upload is stored', async () => {
      pgProxy.slow(50);
      const res = await http.post('/api/v1/resumes').attach('file', resumeText(5), 'sam-5.txt').expect(201);
      acknowledged.push(res.body.id);
      await http.get('/api/v1/resumes').expect(200);
      pgProxy.restore();
      const { rows } = await admin.query<{ id: string }>('SELECT id::text AS id FROM resumes');
      const stored = new Set(rows.map((row) => row.id));
      for (const id of acknowledged) assert.ok(stored.has(id), `acknowledged upload ${id} stored`);
    });
  },
);
