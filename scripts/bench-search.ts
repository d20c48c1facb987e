/**
 * `npm run bench:search [-- --rows N]`: search at scale. Fills a fresh database with N synthetic
 * resumes (random 384-d unit vectors, a skill that 5% of rows have, generated text for full-text
 * search), then measures through the real repositories and search service:
 * ingest rate (rows/s with the HNSW and GIN indexes maintained), vector search latency p50/p95
 * (limit 20), recall@20 of the HNSW scan against an exact scan, the same with a 5% filter, keyword
 * and hybrid latency. Uses DATABASE_URL when set (each run creates and drops its own database),
 * else in-memory PGlite.
 */
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { randomBytes } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { AppModule } from '../src/app.module.js';
import { DEFAULT_ORGANIZATION_ID } from '../src/common/organization.js';
import { Prisma, PrismaClient } from '../src/generated/prisma/client.js';
import { SimilaritySearchService } from '../src/matching/search/similarity-search.service.js';
import { ResumesRepository } from '../src/resumes/resumes.repository.js';

export interface BenchCheck {
  name: string;
  value: string;
  target: string;
  pass: boolean;
}

const WORDS = [
  'python',
  'sql',
  'nursing',
  'ledger',
  'forklift',
  'kubernetes',
  'teaching',
  'sales',
  'payroll',
  'react',
  'triage',
  'audit',
  'logistics',
  'marketing',
  'welding',
  'fortran',
];

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
};

function randomUnitVector(): Float32Array {
  const v = Float32Array.from({ length: 384 }, () => Math.random() - 0.5);
  const norm = Math.hypot(...v);
  return v.map((x) => x / norm);
}

async function timed<T>(work: () => Promise<T>): Promise<[number, T]> {
  const started = performance.now();
  const result = await work();
  return [performance.now() - started, result];
}

export async function runSearchBench(options: { rows?: number; log?: (line: string) => void } = {}): Promise<{ checks: BenchCheck[] }> {
  const log = options.log ?? console.log;
  const rows = options.rows ?? 20_000;
  const adminUrl = process.env.DATABASE_URL?.trim() || null;
  let databaseUrl: string | null = null;
  const database = `hirematch_bench_${randomBytes(4).toString('hex')}`;
  if (adminUrl) {
    const admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${database}`);
    await admin.end();
    const url = new URL(adminUrl);
    url.pathname = `/${database}`;
    databaseUrl = url.toString();
  }
  const app = await NestFactory.createApplicationContext(
    AppModule.forRoot({
      databaseUrl,
      pgliteDataDir: 'memory://',
      redisUrl: null,
      backfillIntervalMs: 0,
      // A throwaway database's first-start admin key must not replace the one in ./data.
      adminApiKeyFile: join(tmpdir(), 'hirematch-bench-admin-api-key'),
    }),
    { logger: false },
  );
  try {
    const prisma = app.get(PrismaClient);
    const resumes = app.get(ResumesRepository);
    const search = app.get(SimilaritySearchService);
    log(`== HireMatch search bench: ${rows} synthetic resumes on ${databaseUrl ? 'PostgreSQL' : 'in-memory PGlite'} ==`);

    // Embeddings of real resumes cluster by profession; uniform random vectors (no structure at all)
    // are the worst case for any ANN index. Rows here are unit vectors around 64 random "profession"
    // centroids, generated in JS and inserted 1,000 per statement with the indexes maintained.
    const centroids = Array.from({ length: 64 }, randomUnitVector);
    const around = (centroid: Float32Array) => {
      const v = centroid.map((x) => x + (Math.random() - 0.5) * 0.12);
      const norm = Math.hypot(...v);
      return v.map((x) => x / norm);
    };
    const literal = (v: Float32Array) => `[${Array.from(v).join(',')}]`;
    const [ingestMs] = await timed(async () => {
      for (let start = 1; start <= rows; start += 1_000) {
        const numbers = Array.from({ length: Math.min(1_000, rows - start + 1) }, (_, i) => start + i);
        const vectors = numbers.map((n) => literal(around(centroids[n % centroids.length])));
        await prisma.$executeRaw`
          INSERT INTO resumes (organization_id, content, content_sha256, parsed, skills, embedding, embedding_status, embedding_model)
          SELECT ${DEFAULT_ORGANIZATION_ID}::uuid,
            'candidate ' || s.n || ' ' || (${WORDS}::text[])[1 + s.n % 16] || ' ' || (${WORDS}::text[])[1 + (s.n / 16) % 16],
            md5(s.n::text), '{}'::jsonb,
            CASE WHEN s.n % 20 = 0 THEN ARRAY['Fortran'] ELSE ARRAY['Excel'] END,
            s.v::vector, 'ready', 'synthetic'
          FROM unnest(${numbers}::int[], ${vectors}::text[]) AS s(n, v)`;
      }
    });
    await prisma.$executeRaw`ANALYZE resumes`;
    log(`ingest (SQL, indexes maintained): ${(rows / (ingestMs / 1000)).toFixed(0)} rows/s (${(ingestMs / 1000).toFixed(1)} s)`);

    const queries = Array.from({ length: 30 }, (_, i) => around(centroids[(i * 7) % centroids.length]));
    const exact = async (vector: Float32Array, fortranOnly: boolean) =>
      prisma.$transaction(async (tx) => {
        await tx.$queryRaw`SELECT set_config('enable_indexscan', 'off', true)`;
        return tx.$queryRaw<Array<{ id: string }>>`
          SELECT id::text AS id FROM resumes
          WHERE embedding IS NOT NULL ${fortranOnly ? prismaFilter() : empty()}
          ORDER BY embedding <=> ${'[' + Array.from(vector).join(',') + ']'}::vector LIMIT 20`;
      });
    const measure = async (label: string, filters: { skills?: string[] }) => {
      const latencies: number[] = [];
      let recall = 0;
      for (const query of queries) {
        const [ms, hits] = await timed(() => resumes.searchByVector(DEFAULT_ORGANIZATION_ID, query, 20, filters));
        latencies.push(ms);
        const truth = new Set((await exact(query, !!filters.skills)).map((row) => row.id));
        recall += hits.filter((hit) => truth.has(hit.id)).length / Math.max(1, truth.size);
      }
      const result = { p50: percentile(latencies, 50), p95: percentile(latencies, 95), recall: recall / queries.length };
      log(`${label}: p50 ${result.p50.toFixed(1)} ms, p95 ${result.p95.toFixed(1)} ms, recall@20 vs exact ${result.recall.toFixed(3)}`);
      return result;
    };
    const plain = await measure('vector search, limit 20', {});
    const filtered = await measure('vector search, limit 20, filter matching 5% of rows', { skills: ['Fortran'] });

    const keyword: number[] = [];
    const hybrid: number[] = [];
    for (let i = 0; i < 15; i++) {
      const query = `${WORDS[i % 16]} ${WORDS[(i * 7) % 16]} engineer ${i}`;
      keyword.push(
        (await timed(() => search.search(DEFAULT_ORGANIZATION_ID, { query, target: 'resumes', mode: 'keyword', limit: 20 })))[0],
      );
      hybrid.push((await timed(() => search.search(DEFAULT_ORGANIZATION_ID, { query, target: 'resumes', mode: 'hybrid', limit: 20 })))[0]);
    }
    log(
      `keyword search (full text, OR of words), limit 20: p50 ${percentile(keyword, 50).toFixed(1)} ms, p95 ${percentile(keyword, 95).toFixed(1)} ms`,
    );
    log(
      `hybrid search (query embedding + vector + keyword + RRF), limit 20: p50 ${percentile(hybrid, 50).toFixed(1)} ms, p95 ${percentile(hybrid, 95).toFixed(1)} ms`,
    );

    const checks: BenchCheck[] = [
      { name: 'vector search p95 (limit 20)', value: `${plain.p95.toFixed(1)} ms`, target: '<= 100 ms', pass: plain.p95 <= 100 },
      { name: 'HNSW recall@20 vs exact', value: plain.recall.toFixed(3), target: '>= 0.9', pass: plain.recall >= 0.9 },
      { name: 'filtered (5%) recall@20 vs exact', value: filtered.recall.toFixed(3), target: '>= 0.9', pass: filtered.recall >= 0.9 },
    ];
    for (const check of checks) log(`${check.pass ? 'PASS' : 'MISS'}  ${check.name}: ${check.value} (target ${check.target})`);
    return { checks };
  } finally {
    await app.close();
    if (adminUrl) {
      const admin = new pg.Client({ connectionString: adminUrl });
      await admin.connect();
      await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
      await admin.end();
    }
  }
}

/** The exact scan's filter: the same condition the repository adds for `skills: ['Fortran']`. */
function prismaFilter(): Prisma.Sql {
  return Prisma.sql`AND skills @> ${['Fortran']}::text[]`;
}

function empty(): Prisma.Sql {
  return Prisma.empty;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const rowsFlag = process.argv.indexOf('--rows');
  runSearchBench({ rows: rowsFlag > 0 ? Number(process.argv[rowsFlag + 1]) : undefined }).then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
