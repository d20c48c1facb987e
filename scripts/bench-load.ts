/**
 * `npm run bench:load`: ingest under load, over HTTP, on the real application. Measures, first idle
 * and then while `--uploaders` concurrent clients upload resumes for `--seconds`, then with `--searchers` (32) clients searching:
 *   - event-loop delay (perf_hooks.monitorEventLoopDelay) p50 / p99 / max;
 *   - latency of a vector search (cached query vector) and of a cached embed, one request at a time;
 * plus uploads/s and upload latency, and the same resume texts through a bare onnxruntime-node
 * session (the ceiling for ingest). Targets (issue 17): event-loop p99 < 100 ms under ingest,
 * search and cached embed within 2x of idle.
 *
 * Database: DATABASE_URL when set (PostgreSQL in its own process, the deployment shape), else
 * in-memory PGlite, which runs IN this process and stalls the event loop itself. Cache: REDIS_URL
 * when set, else memory.
 */
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { AddressInfo } from 'node:net';
import { availableParallelism, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { AppModule } from '../src/app.module.js';
import { configureApp } from '../src/app.setup.js';
import { APP_CONFIG, type AppConfig } from '../src/config/app-config.js';
import { ApiKeysService } from '../src/auth/api-keys.service.js';
import { SCOPES } from '../src/auth/scopes.js';
import { DEFAULT_ORGANIZATION_ID } from '../src/common/organization.js';
import { EmbeddingService } from '../src/embeddings/embedding.service.js';
import { BareOnnxEmbedder, resolveBenchModel, resumeText, shortText } from './bench-embeddings.js';

interface Percentiles {
  n: number;
  p50: number;
  p95: number;
  p99: number;
}

interface Phase {
  seconds: number;
  eventLoopMs: { p50: number; p99: number; max: number };
  search: Percentiles;
  cachedEmbed: Percentiles;
  /** Probe requests that did not answer 2xx, by route and status. */
  probeFailures: Record<string, number>;
  uploads?: { done: number; perSec: number; latency: Percentiles; statuses: Record<string, number> };
}

export interface LoadBenchResult {
  machine: { cpus: number; node: string; date: string; loadAtStart: number; loadAtEnd: number };
  backend: { database: string; cache: string; model: string };
  idle: Phase;
  ingest: Phase;
  /** `searchers` concurrent clients searching (vector, cached query vectors), no uploads. */
  searchLoad: { clients: number; perSec: number; latency: Percentiles; failures: number; eventLoopP99Ms: number };
  bareResumesPerSec: number;
  rssMb: { afterBoot: number; afterIngest: number };
  checks: Array<{ name: string; value: string; target: string; pass: boolean }>;
}

function percentiles(samples: number[]): Percentiles {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? NaN;
  return { n: sorted.length, p50: at(0.5), p95: at(0.95), p99: at(0.99) };
}

const rssMb = () => process.memoryUsage().rss / (1024 * 1024);
const fmt = (p: Percentiles) => `p50 ${p.p50.toFixed(1)} ms, p95 ${p.p95.toFixed(1)} ms, p99 ${p.p99.toFixed(1)} ms (n=${p.n})`;

export async function runLoadBench(
  options: { seconds?: number; uploaders?: number; searchers?: number; log?: (line: string) => void } = {},
): Promise<LoadBenchResult> {
  const seconds = options.seconds ?? 20;
  const uploaders = options.uploaders ?? 16;
  const searchers = options.searchers ?? 32;
  const log = options.log ?? ((line: string) => console.log(line));
  const loadAtStart = loadavg()[0];
  resolveBenchModel();
  const app = await NestFactory.create<NestExpressApplication>(
    AppModule.forRoot({
      databaseUrl: process.env.DATABASE_URL?.trim() || null,
      pgliteDataDir: 'memory://',
      redisUrl: process.env.REDIS_URL?.trim() || null,
      backfillIntervalMs: 0,
      rateLimitPerMinute: 1_000_000, // the bench measures the service, not its rate limit
    }),
    { logger: false },
  );
  configureApp(app);
  await app.listen(0, '127.0.0.1');
  const base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;
  const config = app.get<AppConfig>(APP_CONFIG);
  const status = app.get(EmbeddingService).stats().model;
  if (status.state !== 'ready') throw new Error(`the embedding model did not load: ${status.reason ?? status.state} (see the log above)`);
  const run = Date.now().toString(36);
  let seed = 0;
  const { key } = await app.get(ApiKeysService).create(DEFAULT_ORGANIZATION_ID, { name: 'bench-load', scopes: [...SCOPES] });
  const authorization = `Bearer ${key}`;

  const post = (path: string, body: unknown): Promise<Response> =>
    fetch(`${base}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization },
      body: JSON.stringify(body),
    }).catch(
      () => new Response(null, { status: 599 }), // connection error: counted as a probe failure
    );
  const upload = async (text: string): Promise<number> => {
    const form = new FormData();
    form.append('file', new Blob([text], { type: 'text/plain' }), 'resume.txt');
    try {
      const res = await fetch(`${base}/api/v1/resumes`, { method: 'POST', headers: { authorization }, body: form });
      await res.arrayBuffer();
      return res.status;
    } catch {
      return 0; // connection error (reset, refused): counted under status 0
    }
  };
  // Unique per run: a shared Redis may hold the vectors of an earlier run.
  const resume = () => `${resumeText(seed++)}\nReference ${run}-${seed}`;

  try {
    log(`load bench: ${availableParallelism()} cpus, ${uploaders} uploaders, ${seconds} s per phase, model ${config.modelId}`);
    log(`database ${config.databaseUrl ? 'PostgreSQL' : 'PGlite (in this process)'}, cache ${config.redisUrl ? 'Redis' : 'memory'}`);
    for (let i = 0; i < 40; i++) await upload(resume());
    const queries = Array.from({ length: 8 }, (_, i) => `${shortText(9_000 + i)} ${run}`);
    const cachedText = `${shortText(9_999)} ${run}`;
    for (const query of queries) await post('/api/v1/matching/similarity-search', { query, target: 'resumes', mode: 'vector', limit: 10 });
    await post('/api/v1/embeddings/batch', { texts: [cachedText] });
    const afterBoot = rssMb();

    const measure = async (withIngest: boolean): Promise<Phase> => {
      const histogram = monitorEventLoopDelay({ resolution: 10 });
      const search: number[] = [];
      const cachedEmbed: number[] = [];
      const uploadTimes: number[] = [];
      const statuses: Record<string, number> = {};
      const probeFailures: Record<string, number> = {};
      const until = performance.now() + seconds * 1000;
      histogram.enable();
      const started = performance.now();
      const probes = (async () => {
        for (let i = 0; performance.now() < until; i++) {
          let t = performance.now();
          const res = await post('/api/v1/matching/similarity-search', {
            query: queries[i % queries.length],
            target: 'resumes',
            mode: 'vector',
            limit: 10,
          });
          await res.arrayBuffer();
          if (res.ok) search.push(performance.now() - t);
          else probeFailures[`search ${res.status}`] = (probeFailures[`search ${res.status}`] ?? 0) + 1;
          t = performance.now();
          const embed = await post('/api/v1/embeddings/batch', { texts: [cachedText] });
          await embed.arrayBuffer();
          if (embed.ok) cachedEmbed.push(performance.now() - t);
          else probeFailures[`embed ${embed.status}`] = (probeFailures[`embed ${embed.status}`] ?? 0) + 1;
        }
      })();
      const ingest = withIngest
        ? Array.from({ length: uploaders }, async () => {
            while (performance.now() < until) {
              const t = performance.now();
              const code = await upload(resume());
              statuses[code] = (statuses[code] ?? 0) + 1;
              if (code === 201) uploadTimes.push(performance.now() - t);
            }
          })
        : [];
      await Promise.all([probes, ...ingest]);
      const elapsed = (performance.now() - started) / 1000;
      histogram.disable();
      const ms = (ns: number) => ns / 1e6;
      const phase: Phase = {
        seconds: elapsed,
        eventLoopMs: { p50: ms(histogram.percentile(50)), p99: ms(histogram.percentile(99)), max: ms(histogram.max) },
        search: percentiles(search),
        cachedEmbed: percentiles(cachedEmbed),
        probeFailures,
      };
      if (withIngest) {
        phase.uploads = { done: uploadTimes.length, perSec: uploadTimes.length / elapsed, latency: percentiles(uploadTimes), statuses };
      }
      return phase;
    };

    const report = (name: string, phase: Phase) => {
      log(
        `${name}: event loop delay p50 ${phase.eventLoopMs.p50.toFixed(1)} ms, p99 ${phase.eventLoopMs.p99.toFixed(1)} ms, max ${phase.eventLoopMs.max.toFixed(0)} ms`,
      );
      log(`  vector search (cached query): ${fmt(phase.search)}`);
      log(`  cached embed (POST /embeddings/batch): ${fmt(phase.cachedEmbed)}`);
      if (Object.keys(phase.probeFailures).length) log(`  probe failures: ${JSON.stringify(phase.probeFailures)}`);
      if (phase.uploads) {
        log(
          `  uploads: ${phase.uploads.perSec.toFixed(2)}/s, ${fmt(phase.uploads.latency)}; statuses ${JSON.stringify(phase.uploads.statuses)}`,
        );
      }
    };
    const idle = await measure(false);
    report('idle', idle);
    const ingest = await measure(true);
    report(`ingest (${uploaders} concurrent uploads)`, ingest);
    const afterIngest = rssMb();

    // Search throughput: `searchers` clients back to back, nothing else running.
    const searchLoad = await (async () => {
      const histogram = monitorEventLoopDelay({ resolution: 10 });
      const latencies: number[] = [];
      let failures = 0;
      const until = performance.now() + seconds * 1000;
      histogram.enable();
      const started = performance.now();
      await Promise.all(
        Array.from({ length: searchers }, async (_, client) => {
          for (let i = client; performance.now() < until; i++) {
            const t = performance.now();
            const res = await post('/api/v1/matching/similarity-search', {
              query: queries[i % queries.length],
              target: 'resumes',
              mode: 'vector',
              limit: 10,
            });
            await res.arrayBuffer();
            if (res.ok) latencies.push(performance.now() - t);
            else failures++;
          }
        }),
      );
      histogram.disable();
      const elapsed = (performance.now() - started) / 1000;
      return {
        clients: searchers,
        perSec: latencies.length / elapsed,
        latency: percentiles(latencies),
        failures,
        eventLoopP99Ms: histogram.percentile(99) / 1e6,
      };
    })();
    log(
      `search load (${searchers} concurrent clients, vector, cached query vectors): ${searchLoad.perSec.toFixed(0)} searches/s, ${fmt(searchLoad.latency)}, ` +
        `${searchLoad.failures} failed; event loop delay p99 ${searchLoad.eventLoopP99Ms.toFixed(1)} ms`,
    );

    // The ceiling: the same kind of resume texts through a bare session, 16 at a time, app idle.
    const onnxName = status.dtype === 'q8' ? 'model_quantized.onnx' : 'model.onnx';
    const bare = await BareOnnxEmbedder.create(
      join(resolve(config.modelPath ?? config.modelCacheDir), config.modelId, 'onnx', onnxName),
      config,
    );
    await bare.embed(Array.from({ length: 4 }, resume));
    const texts = Array.from({ length: 48 }, resume);
    const bareStarted = performance.now();
    for (let i = 0; i < texts.length; i += 16) await bare.embed(texts.slice(i, i + 16));
    const bareResumesPerSec = texts.length / ((performance.now() - bareStarted) / 1000);
    await bare.release();
    log(`bare onnxruntime-node session, same resume texts, batches of 16: ${bareResumesPerSec.toFixed(2)} resumes/s`);
    log(`ingest / bare: ${(ingest.uploads!.perSec / bareResumesPerSec).toFixed(2)} (uploads also extract, parse and store)`);
    log(`RSS after boot ${afterBoot.toFixed(0)} MB, after ingest ${afterIngest.toFixed(0)} MB (the worker thread is in this process)`);

    const ratio = (a: number, b: number) => a / b;
    const checks = [
      {
        name: 'event-loop delay p99 under ingest',
        value: `${ingest.eventLoopMs.p99.toFixed(1)} ms`,
        target: '< 100 ms',
        pass: ingest.eventLoopMs.p99 < 100,
      },
      {
        name: 'vector search p50 under ingest / idle',
        value: `${ratio(ingest.search.p50, idle.search.p50).toFixed(2)}x (${ingest.search.p50.toFixed(1)} vs ${idle.search.p50.toFixed(1)} ms)`,
        target: '<= 2x',
        pass: ratio(ingest.search.p50, idle.search.p50) <= 2,
      },
      {
        name: 'cached embed p50 under ingest / idle',
        value: `${ratio(ingest.cachedEmbed.p50, idle.cachedEmbed.p50).toFixed(2)}x (${ingest.cachedEmbed.p50.toFixed(1)} vs ${idle.cachedEmbed.p50.toFixed(1)} ms)`,
        target: '<= 2x',
        pass: ratio(ingest.cachedEmbed.p50, idle.cachedEmbed.p50) <= 2,
      },
    ];
    for (const check of checks) log(`${check.pass ? 'PASS' : 'MISS'}  ${check.name}: ${check.value} (target ${check.target})`);
    const loadAtEnd = loadavg()[0];
    log(`(load average ${loadAtStart.toFixed(2)} at start, ${loadAtEnd.toFixed(2)} at end)`);
    return {
      machine: { cpus: availableParallelism(), node: process.version, date: new Date().toISOString(), loadAtStart, loadAtEnd },
      backend: {
        database: config.databaseUrl ? 'postgresql' : 'pglite',
        cache: config.redisUrl ? 'redis' : 'memory',
        model: config.modelId,
      },
      idle,
      ingest,
      searchLoad,
      bareResumesPerSec,
      rssMb: { afterBoot, afterIngest },
      checks,
    };
  } finally {
    await app.close();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const arg = (name: string) => {
    const at = process.argv.indexOf(name);
    return at > 0 ? Number(process.argv[at + 1]) : undefined;
  };
  runLoadBench({ seconds: arg('--seconds'), uploaders: arg('--uploaders'), searchers: arg('--searchers') }).then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(`bench failed: ${(error as Error).stack ?? String(error)}`);
      process.exit(1);
    },
  );
}
