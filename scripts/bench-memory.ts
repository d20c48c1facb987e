/**
 * `npm run bench:memory`: what the API process's resident memory is made of (issue 17: "measure what
 * the 463 MB is made of"). Starts the real server (`node dist/src/main.js`, HTTP, PostgreSQL from
 * DATABASE_URL, memory cache) once per configuration, each in a fresh process and database, and
 * reads, once ready and again after uploads:
 * - /proc/<pid>/smaps_rollup: RSS split into anonymous memory (heaps, ONNX Runtime's arena and
 *   weights) and file-backed pages (the node binary, onnxruntime's shared library, mapped files);
 * - the main thread's V8 heap and external memory from /metrics (prom-client's default metrics).
 * The differences between configurations attribute the memory: no model vs model, the extraction
 * workers, INFERENCE_THREADS. Linux only (/proc). The model is the stand-in when ../shared/models has it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readFileSync, mkdtempSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { resolveBenchModel, resumeText } from './bench-embeddings.js';

const ROOT = resolve(import.meta.dirname, '..', '..');
const UPLOADS = 30;

interface Configuration {
  name: string;
  env: Record<string, string>;
}

const NO_MODEL = { MODEL_PATH: '', MODEL_ID: 'nobody/no-model', MODEL_HUB_URL: 'http://127.0.0.1:9/', MODEL_LOAD_TIMEOUT_MS: '500' };
const CONFIGURATIONS: Configuration[] = [
  // The hub at a closed port and no MODEL_PATH: the service starts degraded, no model in memory.
  { name: 'no model (degraded)', env: NO_MODEL },
  { name: 'no model, EXTRACTION_WORKERS=1', env: { ...NO_MODEL, EXTRACTION_WORKERS: '1' } },
  // glibc gives each thread that allocates its own malloc arena (up to 8 per core); freed memory stays in them.
  { name: 'no model, MALLOC_ARENA_MAX=2', env: { ...NO_MODEL, MALLOC_ARENA_MAX: '2' } },
  { name: 'model, defaults', env: {} },
  { name: 'model, EXTRACTION_WORKERS=1', env: { EXTRACTION_WORKERS: '1' } },
  { name: 'model, INFERENCE_THREADS=1', env: { INFERENCE_THREADS: '1' } },
  { name: 'model, MALLOC_ARENA_MAX=2', env: { MALLOC_ARENA_MAX: '2' } },
];

interface Sample {
  rssMb: number;
  anonMb: number;
  fileMb: number;
  heapUsedMb: number;
  heapTotalMb: number;
}

const mb = (kb: number) => kb / 1024;

function readRollup(pid: number): Pick<Sample, 'rssMb' | 'anonMb' | 'fileMb'> {
  const text = readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8');
  const field = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(text)?.[1] ?? NaN);
  return { rssMb: mb(field('Rss')), anonMb: mb(field('Anonymous')), fileMb: mb(field('Rss') - field('Anonymous')) };
}

async function metric(base: string, name: string): Promise<number> {
  const text = await (await fetch(`${base}/metrics`)).text();
  const values = [...text.matchAll(new RegExp(`^${name}(?:\\{[^}]*\\})? ([0-9.e+]+)$`, 'gm'))].map((m) => Number(m[1]));
  return values.reduce((sum, value) => sum + value, 0) / (1024 * 1024);
}

async function sample(pid: number, base: string): Promise<Sample> {
  return {
    ...readRollup(pid),
    heapUsedMb: await metric(base, 'nodejs_heap_size_used_bytes'),
    heapTotalMb: await metric(base, 'nodejs_heap_size_total_bytes'),
  };
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  await new Promise((done) => server.close(done));
  return port;
}

async function waitFor(check: () => Promise<boolean>, what: string, timeoutMs = 120_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (await check().catch(() => false)) return;
    await sleep(250);
  }
  throw new Error(`timed out waiting for ${what}`);
}

async function measure(
  configuration: Configuration,
  adminUrl: string,
): Promise<{ ready: Sample; afterUploads: Sample; modelReady: boolean }> {
  const database = `hirematch_bench_memory_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${database}`);
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  const keyFile = join(mkdtempSync(join(tmpdir(), 'hirematch-memory-')), 'admin-api-key');
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  let child: ChildProcess | null = null;
  try {
    child = spawn(process.execPath, ['dist/src/main.js'], {
      cwd: ROOT,
      env: {
        ...process.env,
        PORT: String(port),
        DATABASE_URL: url.toString(),
        REDIS_URL: '',
        ADMIN_API_KEY_FILE: keyFile,
        LOG_LEVEL: 'warn',
        RATE_LIMIT_PER_MINUTE: '1000000',
        BACKFILL_INTERVAL_MS: '0',
        ...configuration.env,
      },
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    const pid = child.pid!;
    await waitFor(async () => (await fetch(`${base}/health/live`)).ok, 'the port');
    const modelReady = (await fetch(`${base}/health/ready`)).ok;
    await sleep(2_000); // let start-up garbage settle
    const ready = await sample(pid, base);
    const key = readFileSync(keyFile, 'utf8').trim();
    for (let i = 0; i < UPLOADS; i++) {
      const form = new FormData();
      form.append('file', new Blob([`${resumeText(i)}\nReference ${database}-${i}`], { type: 'text/plain' }), 'resume.txt');
      const res = await fetch(`${base}/api/v1/resumes`, { method: 'POST', headers: { authorization: `Bearer ${key}` }, body: form });
      if (res.status !== 201) throw new Error(`upload answered ${res.status}: ${await res.text()}`);
    }
    const afterUploads = await sample(pid, base);
    return { ready, afterUploads, modelReady };
  } finally {
    if (child && child.exitCode === null) {
      const exited = new Promise((done) => child!.once('exit', done));
      child.kill('SIGKILL');
      await exited;
    }
    await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await admin.end();
  }
}

/** RSS of a Node process that loads nothing: the floor under every figure. */
async function idleNode(): Promise<number> {
  const child = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)'], { stdio: 'ignore' });
  await sleep(1_000);
  const { rssMb } = readRollup(child.pid!);
  const exited = new Promise((done) => child.once('exit', done));
  child.kill('SIGKILL');
  await exited;
  return rssMb;
}

async function main(): Promise<void> {
  const adminUrl = process.env.DATABASE_URL?.trim();
  if (!adminUrl) throw new Error('bench:memory measures the deployment shape: set DATABASE_URL (PostgreSQL in its own process)');
  resolveBenchModel();
  const fmt = (s: Sample) =>
    `${s.rssMb.toFixed(0)} | ${s.anonMb.toFixed(0)} | ${s.fileMb.toFixed(0)} | ${s.heapUsedMb.toFixed(0)} / ${s.heapTotalMb.toFixed(0)}`;
  console.log(`bench:memory, model ${process.env.MODEL_ID ?? 'default'}, ${UPLOADS} TXT uploads between the two samples; MB`);
  console.log(
    '| configuration | ready: RSS | anon | file | main V8 heap used / total | after uploads: RSS | anon | file | heap used / total |',
  );
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  console.log(`| node itself (an idle \`node -e\`, for scale) | ${(await idleNode()).toFixed(0)} | | | | | | | |`);
  for (const configuration of CONFIGURATIONS) {
    const result = await measure(configuration, adminUrl);
    const note = configuration.env.MODEL_ID || result.modelReady ? '' : ' (model NOT ready)';
    console.log(`| ${configuration.name}${note} | ${fmt(result.ready)} | ${fmt(result.afterUploads)} |`);
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
