/**
 * `npm run bench:ingest`: bulk ingest throughput end to end, against the model-bound ceiling.
 * A fresh PostgreSQL database (DATABASE_URL) and Redis (REDIS_URL, a prefix of its own), the built
 * API as one process that only enqueues (WORKER_CONCURRENCY=0) and ONE worker process
 * (`node dist/src/worker.js`, default concurrency); >= 200 generated resumes (PDF, DOCX, TXT) sent
 * in one HTTP bulk upload, new texts (cold cache). Resumes/s is measured from the request to the
 * ingest job's completion. The ceiling is measured in the same run, before the processes start:
 * bare ONNX Runtime windows/s on the same model (as bench:embeddings measures it) divided by the
 * mean windows per resume of this corpus (the text the pipeline embeds: resumeMatchingText).
 */
import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { loadConfig } from '../src/config/app-config.js';
import { resumeMatchingText } from '../src/resumes/matching-text.js';
import { renderDocx, renderPdf } from '../test/helpers/resume-documents.js';
import { createScratchDatabase, deleteRedisKeys } from '../test/helpers/scratch-stores.js';
import { BareOnnxEmbedder, resolveBenchModel, resumeText } from './bench-embeddings.js';

const TARGET_RATIO = 0.8;
const DIST = resolve(import.meta.dirname, '..', 'src');
const count = Number(process.argv[process.argv.indexOf('--resumes') + 1]) || 240;

interface Child {
  child: ChildProcess;
  output: () => string;
}

function startProcess(
  script: string,
  env: Record<string, string>,
  cwd: string,
  ready: RegExp,
): Promise<Child & { match: RegExpExecArray }> {
  const child = spawn(process.execPath, [join(DIST, script)], { cwd, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return new Promise((resolveStart, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = ready.exec(output);
      if (match) resolveStart({ child, output: () => output, match });
    });
    child.once('exit', (code) => reject(new Error(`${script} exited with ${code}:\n${output.slice(-3000)}`)));
  });
}

async function stopProcess(process: Child | undefined): Promise<void> {
  if (!process || process.child.exitCode !== null) return;
  const exited = new Promise((resolveExit) => process.child.once('exit', resolveExit));
  process.child.kill('SIGTERM');
  await Promise.race([exited, sleep(30_000)]);
  if (process.child.exitCode === null) process.child.kill('SIGKILL');
}

async function main(): Promise<void> {
  const databaseUrl = process.env.DATABASE_URL;
  const redisUrl = process.env.REDIS_URL;
  if (!databaseUrl || !redisUrl)
    throw new Error('bench:ingest needs DATABASE_URL (PostgreSQL with pgvector) and REDIS_URL: workers share both');
  const { standIn } = resolveBenchModel();
  const config = loadConfig();
  const run = randomBytes(4).toString('hex');
  const seedBase = 1_000_000 + (parseInt(run, 16) % 1_000_000) * 1000;
  const loadAtStart = loadavg()[0];

  // The corpus: new texts (seeded by the run), a third each PDF, DOCX, TXT.
  const texts = Array.from({ length: count }, (_, i) => resumeText(seedBase + i));
  const files = await Promise.all(
    texts.map(async (text, i) => {
      const lines = text.split('\n');
      if (i % 3 === 0) return { name: `resume-${i}.pdf`, bytes: await renderPdf(lines) };
      if (i % 3 === 1) return { name: `resume-${i}.docx`, bytes: await renderDocx(lines) };
      return { name: `resume-${i}.txt`, bytes: Buffer.from(text) };
    }),
  );
  const corpusMb = files.reduce((sum, file) => sum + file.bytes.length, 0) / 1024 / 1024;

  // The ceiling, measured first (nothing else of ours is running): bare ONNX Runtime on the same model.
  const onnxFile = join(resolve(config.modelPath ?? config.modelCacheDir), config.modelId, 'onnx', 'model.onnx');
  const bare = await BareOnnxEmbedder.create(onnxFile, config);
  const embedded = texts.map((text) => resumeMatchingText(text, { name: text.split('\n')[0] }));
  const windowsPerResume = bare.textStats(embedded).windows;
  await bare.embed(embedded.slice(0, 4)); // warm-up
  const sample = embedded.slice(0, Math.min(60, embedded.length));
  const bareStarted = performance.now();
  await bare.embed(sample);
  const bareSeconds = (performance.now() - bareStarted) / 1000;
  const bareWindowsPerSecond = (bare.textStats(sample).windows * sample.length) / bareSeconds;
  await bare.release();
  const ceiling = bareWindowsPerSecond / windowsPerResume;

  // A fresh database, a queue prefix of its own, the API (enqueues only) and one worker.
  const database = await createScratchDatabase(databaseUrl, 'hirematch_bench_ingest');
  const prefix = `hirematch-bench-${run}`;
  const cwd = mkdtempSync(join(tmpdir(), 'hirematch-bench-ingest-'));
  const env = {
    DATABASE_URL: database.url,
    REDIS_URL: redisUrl,
    QUEUE_PREFIX: prefix,
    BACKFILL_INTERVAL_MS: '0',
    RETENTION_INTERVAL_MS: '0',
    RATE_LIMIT_PER_MINUTE: '100000',
    LOG_LEVEL: 'warn',
  };
  let api: Child | undefined;
  let worker: Child | undefined;
  try {
    const started = await startProcess(
      'main.js',
      { ...env, PORT: '0', WORKER_CONCURRENCY: '0', LOG_LEVEL: 'log' },
      cwd,
      /listening on (http:\/\/localhost:\d+)/,
    );
    api = started;
    const baseUrl = started.match[1];
    worker = await startProcess('worker.js', { ...env, LOG_LEVEL: 'log' }, cwd, /worker ready/);
    const key = readFileSync(join(cwd, 'data', 'admin-api-key'), 'utf8').trim();
    const headers = { authorization: `Bearer ${key}` };

    const form = new FormData();
    for (const file of files) form.append('files', new Blob([new Uint8Array(file.bytes)]), file.name);
    const ingestStarted = performance.now();
    const response = await fetch(`${baseUrl}/api/v1/resumes/bulk`, { method: 'POST', headers, body: form });
    if (response.status !== 202) throw new Error(`bulk upload answered ${response.status}: ${await response.text()}`);
    const acceptedMs = performance.now() - ingestStarted;
    const { id } = (await response.json()) as { id: string };
    let job: { status: string; done: number; failed: number; duplicate: number; pending: number; total: number };
    for (;;) {
      job = (await (await fetch(`${baseUrl}/api/v1/ingest-jobs/${id}`, { headers })).json()) as typeof job;
      if (job.status === 'completed') break;
      await sleep(100);
    }
    const seconds = (performance.now() - ingestStarted) / 1000;
    const throughput = count / seconds;
    const ratio = throughput / ceiling;

    const cpu = cpus()[0]?.model ?? 'unknown CPU';
    console.log(`bench:ingest  ${new Date().toISOString()}  node ${process.version}  ${availableParallelism()} CPUs (${cpu})`);
    console.log(
      `  load average: ${loadAtStart.toFixed(2)} at start, ${loadavg()[0].toFixed(2)} at the end (a shared machine: figures are pessimistic when loaded)`,
    );
    console.log(`  model: ${config.modelId}${standIn ? ' (stand-in)' : ''} from ${config.modelPath ?? 'the hub cache'}`);
    console.log(
      `  corpus: ${count} resumes (PDF/DOCX/TXT by thirds), ${corpusMb.toFixed(1)} MB, ${windowsPerResume.toFixed(2)} windows per resume (embedded text)`,
    );
    console.log(
      `  setup: PostgreSQL (fresh database) + Redis (prefix ${prefix}); API enqueues only; 1 worker process, WORKER_CONCURRENCY=${process.env.WORKER_CONCURRENCY ?? '2 (default)'}`,
    );
    console.log(`  bulk upload answered 202 in ${acceptedMs.toFixed(0)} ms`);
    console.log(
      `  ingest: ${job.done} done, ${job.duplicate} duplicate, ${job.failed} failed, ${job.pending} pending in ${seconds.toFixed(1)} s`,
    );
    console.log(`  throughput: ${throughput.toFixed(2)} resumes/s`);
    console.log(
      `  ceiling: bare ONNX Runtime ${bareWindowsPerSecond.toFixed(1)} windows/s / ${windowsPerResume.toFixed(2)} = ${ceiling.toFixed(2)} resumes/s`,
    );
    console.log(`  ratio: ${ratio.toFixed(2)}x of the ceiling (goal >= ${TARGET_RATIO}x): ${ratio >= TARGET_RATIO ? 'PASS' : 'MISS'}`);
    if (job.done !== count) console.log(`  WARNING: ${count - job.done} resume(s) not done`);
  } finally {
    await stopProcess(worker);
    await stopProcess(api);
    await database.drop().catch(() => undefined);
    rmSync(cwd, { recursive: true, force: true });
    // This run's keys only (the Redis database is shared: never flushed).
    await deleteRedisKeys(redisUrl, `${prefix}:*`);
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(`bench:ingest failed: ${(error as Error).stack ?? String(error)}`);
    process.exit(1);
  },
);
