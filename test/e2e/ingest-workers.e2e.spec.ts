import type { INestApplication } from '@nestjs/common';
import assert from 'node:assert/strict';
import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { IngestJobBody, resumeFiles, waitForIngest } from '../helpers/ingest.js';
import { createScratchDatabase, deleteRedisKeys, ScratchDatabase } from '../helpers/scratch-stores.js';
import { ApiClient, apiClient, startTestApp } from '../helpers/test-app.js';

const DATABASE_URL = process.env.DATABASE_URL;
const REDIS_URL = process.env.REDIS_URL;
const WORKER = resolve(import.meta.dirname, '..', '..', 'src', 'worker.js');
const skip = !DATABASE_URL || !REDIS_URL ? 'needs DATABASE_URL and REDIS_URL (worker processes share PostgreSQL and Redis)' : false;

interface WorkerProcess {
  child: ChildProcess;
  exited: Promise<number | null>;
  output: () => string;
}

/**
 * Worker processes (`node dist/src/worker.js`, no HTTP server) on one queue: a SIGKILLed worker's
 * files are finished by another, each exactly once; SIGTERM drains and exits 0.
 */
describe('bulk ingest across worker processes', { skip }, () => {
  const run = randomBytes(4).toString('hex');
  const prefix = `hirematch-test-workers-${run}`;
  let database: ScratchDatabase | undefined;
  let databaseUrl: string;
  let cwd: string;
  let api: INestApplication;
  let http: ApiClient;
  const workers: WorkerProcess[] = [];

  const startWorker = async (): Promise<WorkerProcess> => {
    const child = spawn(process.execPath, [WORKER], {
      cwd,
      env: {
        ...process.env,
        DATABASE_URL: databaseUrl,
        REDIS_URL,
        QUEUE_PREFIX: prefix,
        WORKER_CONCURRENCY: '2',
        // A dead worker's jobs are taken up again within ~2 s.
        QUEUE_STALLED_INTERVAL_MS: '1000',
        BACKFILL_INTERVAL_MS: '0',
        RETENTION_INTERVAL_MS: '0',
        LOG_LEVEL: 'log',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const exited = new Promise<number | null>((resolveExit) => child.once('exit', (code) => resolveExit(code)));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    await new Promise<void>((ready, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes('worker ready')) ready();
      });
      void exited.then((code) => reject(new Error(`worker exited with ${code} before it was ready:\n${output}`)));
    });
    const worker = { child, exited, output: () => output };
    workers.push(worker);
    return worker;
  };

  const upload = async (count: number, from: number): Promise<string> => {
    const files = await resumeFiles(count, run, from);
    const request = http.post('/api/v1/resumes/bulk');
    for (const file of files) request.attach('files', file.bytes, file.name);
    return (await request.expect(202)).body.id as string;
  };

  const progress = async (id: string): Promise<IngestJobBody> =>
    (await http.get(`/api/v1/ingest-jobs/${id}`).expect(200)).body as IngestJobBody;

  const waitFor = async (id: string, check: (job: IngestJobBody) => boolean): Promise<IngestJobBody> => {
    const deadline = Date.now() + 120_000;
    for (;;) {
      const job = await progress(id);
      if (check(job)) return job;
      if (Date.now() > deadline) assert.fail(`not reached: ${JSON.stringify({ ...job, files: undefined })}`);
      await sleep(50);
    }
  };

  /** Resumes of this organisation in the database, and the distinct resume ids the job's files point at. */
  const storedResumes = async (job: IngestJobBody): Promise<{ resumes: number; fileResumeIds: Set<string> }> => {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      const names = job.files.map((file) => file.fileName);
      const { rows } = await client.query<{ count: string }>('SELECT count(*) FROM resumes WHERE file_name = ANY($1)', [names]);
      return {
        resumes: Number(rows[0].count),
        fileResumeIds: new Set(job.files.map((file) => file.resumeId).filter((id): id is string => !!id)),
      };
    } finally {
      await client.end();
    }
  };

  before(async () => {
    database = await createScratchDatabase(DATABASE_URL!, 'hirematch_workers');
    databaseUrl = database.url;
    cwd = mkdtempSync(join(tmpdir(), 'hirematch-workers-'));
    // The API only enqueues (WORKER_CONCURRENCY 0): every file is processed by a worker process.
    api = await startTestApp({ databaseUrl, redisUrl: REDIS_URL!, queuePrefix: prefix, workerConcurrency: 0, backfillIntervalMs: 0 });
    http = apiClient(api);
  });

  after(async () => {
    for (const worker of workers) if (worker.child.exitCode === null) worker.child.kill('SIGKILL');
    await Promise.all(workers.map((worker) => worker.exited));
    await api?.close();
    await database?.drop();
    rmSync(cwd, { recursive: true, force: true });
    await deleteRedisKeys(REDIS_URL!, `${prefix}:*`);
  });

  it('finishes every file exactly once when one of two workers is SIGKILLed mid-batch', async () => {
    const [victim, survivor] = await Promise.all([startWorker(), startWorker()]);
    const id = await upload(40, 0);
    await waitFor(id, (job) => job.done >= 8 && job.processing > 0);
    victim.child.kill('SIGKILL');
    assert.equal(await victim.exited, null, 'killed, not exited');
    const ended = await waitForIngest(http, id);
    assert.equal(ended.done, 40, JSON.stringify(ended.files.filter((f) => f.status !== 'done')));
    assert.equal(ended.failed, 0);
    const { resumes, fileResumeIds } = await storedResumes(ended);
    assert.equal(fileResumeIds.size, 40, 'every file its own resume');
    assert.equal(resumes, 40, 'no resume stored twice');
    assert.equal(survivor.child.exitCode, null, 'the survivor still runs');
  });

  it('drains on SIGTERM: the running files finish, no new one is taken, exit 0; another worker finishes the rest', async () => {
    const running = workers.find((worker) => worker.child.exitCode === null && worker.child.signalCode === null)!;
    const id = await upload(30, 100);
    await waitFor(id, (job) => job.done >= 2 && job.processing > 0);
    running.child.kill('SIGTERM');
    assert.equal(await running.exited, 0, running.output().slice(-2000));
    const afterDrain = await progress(id);
    assert.equal(afterDrain.processing, 0, 'the files it had were finished, not abandoned');
    assert.ok(afterDrain.queued > 0, 'it took no new files after SIGTERM');
    await startWorker();
    const ended = await waitForIngest(http, id);
    assert.equal(ended.done, 30);
    const { resumes, fileResumeIds } = await storedResumes(ended);
    assert.equal(fileResumeIds.size, 30);
    assert.equal(resumes, 30);
  });
});
