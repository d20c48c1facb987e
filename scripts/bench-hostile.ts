/**
 * `npm run bench:hostile`: how fast hostile JSON bodies are refused, and what the event loop feels
 * meanwhile. Boots the real app (embedded PGlite, memory cache) and sends, N times each:
 * - 100k unknown keys (~1.9 MB) to a bulk route (parsed, then 400 BODY_TOO_COMPLEX);
 * - the same body to an ordinary route (413 PAYLOAD_TOO_LARGE before parsing);
 * - 2,000 unknown keys (within JSON_MAX_KEYS) to a DTO route (400 VALIDATION_FAILED before class-transformer);
 * - 5,000-deep nesting (400 BODY_TOO_COMPLEX).
 * The client runs in the same process, so latency and event-loop delay include sending the body.
 * Then, in-process: the byte scan that refuses the body, JSON.parse of it, and what the old
 * pipeline did with a many-key body: class-transformer's plainToInstance over the raw object (the
 * O(n^2) key de-duplication that froze the process).
 */
import 'reflect-metadata';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { NestFactory } from '@nestjs/core';
import { plainToInstance } from 'class-transformer';
import type { AddressInfo } from 'node:net';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import { AppModule } from '../src/app.module.js';
import { configureApp } from '../src/app.setup.js';
import { scanJsonStructure } from '../src/common/request-shape.js';
import { CreateJobRequest } from '../src/jobs/jobs.dto.js';

interface BenchCheck {
  name: string;
  value: string;
  target: string;
  pass: boolean;
}

const percentile = (values: number[], p: number): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
};

const manyKeys = (count: number): string => `{${Array.from({ length: count }, (_, i) => `"key_${i}_${'x'.repeat(4)}":${i}`).join(',')}}`;

export async function runHostileBench(options: { runs?: number; log?: (line: string) => void } = {}): Promise<{ checks: BenchCheck[] }> {
  const log = options.log ?? console.log;
  const runs = options.runs ?? 20;
  const app = await NestFactory.create<NestExpressApplication>(
    AppModule.forRoot({ databaseUrl: null, pgliteDataDir: 'memory://', redisUrl: null, backfillIntervalMs: 0 }),
    { logger: false },
  );
  configureApp(app);
  await app.listen(0, '127.0.0.1');
  const base = `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}`;

  const cases = [
    { name: '100k keys (1.9 MB) -> bulk route', route: '/api/v1/embeddings/batch', body: manyKeys(100_000), status: 400 },
    { name: '100k keys (1.9 MB) -> ordinary route', route: '/api/v1/jobs', body: manyKeys(100_000), status: 413 },
    { name: '2k unknown keys -> DTO route', route: '/api/v1/jobs', body: manyKeys(2_000), status: 400 },
    { name: '5k-deep nesting -> ordinary route', route: '/api/v1/jobs', body: '['.repeat(5_000) + ']'.repeat(5_000), status: 400 },
  ];
  const checks: BenchCheck[] = [];
  log(`| request | bytes | status | p50 ms | max ms | event-loop delay max ms |`);
  log(`| --- | ---: | ---: | ---: | ---: | ---: |`);
  for (const c of cases) {
    const times: number[] = [];
    const delay = monitorEventLoopDelay({ resolution: 10 });
    delay.enable();
    for (let i = 0; i < runs; i++) {
      const started = performance.now();
      const res = await fetch(base + c.route, { method: 'POST', headers: { 'content-type': 'application/json' }, body: c.body });
      await res.arrayBuffer();
      times.push(performance.now() - started);
      if (res.status !== c.status) throw new Error(`${c.name}: expected ${c.status}, got ${res.status}`);
    }
    delay.disable();
    const p50 = percentile(times, 50);
    const max = Math.max(...times);
    log(`| ${c.name} | ${c.body.length} | ${c.status} | ${p50.toFixed(1)} | ${max.toFixed(1)} | ${(delay.max / 1e6).toFixed(1)} |`);
    checks.push({ name: `${c.name}: refused, p50`, value: `${p50.toFixed(1)} ms`, target: '<= 100 ms', pass: p50 <= 100 });
  }
  await app.close();

  // What the refusal costs the event loop itself: the byte scan that runs before JSON.parse.
  const big = Buffer.from(cases[0].body);
  const scans: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    scanJsonStructure(big, { maxDepth: 10, maxKeys: 2_000 });
    scans.push(performance.now() - started);
  }
  log(
    `\nscanJsonStructure over the 100k-key body (stops at key 2,001): p50 ${percentile(scans, 50).toFixed(2)} ms, max ${Math.max(...scans).toFixed(2)} ms`,
  );
  const parses: number[] = [];
  for (let i = 0; i < 5; i++) {
    const started = performance.now();
    JSON.parse(cases[0].body);
    parses.push(performance.now() - started);
  }
  log(`JSON.parse of the same body (what refusing after parsing would cost at least): p50 ${percentile(parses, 50).toFixed(0)} ms`);

  // The old path, for comparison: class-transformer over the raw object before whitelisting.
  log('\nclass-transformer plainToInstance over a raw many-key object (what ValidationPipe did first):');
  log('| keys | ms |');
  log('| ---: | ---: |');
  for (const keys of [5_000, 10_000, 20_000]) {
    const body = JSON.parse(manyKeys(keys)) as Record<string, unknown>;
    const started = performance.now();
    plainToInstance(CreateJobRequest, body);
    log(`| ${keys} | ${(performance.now() - started).toFixed(0)} |`);
  }
  return { checks };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  runHostileBench().then(
    ({ checks }) => {
      for (const c of checks) console.log(`${c.pass ? 'PASS' : 'MISS'}  ${c.name}: ${c.value} (target ${c.target})`);
      process.exit(0);
    },
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
