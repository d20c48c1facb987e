/**
 * `npm run eval:matching`: ranking quality on the hand-labelled set (test/fixtures/matching/).
 *
 * Boots the real application context (embedded in-memory PGlite, memory cache, no HTTP), ingests
 * every job and resume of the labelled set through JobsService / ResumesService (resumes as TXT
 * uploads; the reviewer `label` is never given to the matcher), then ranks all resumes for every job
 * four ways:
 *
 *   keyword   SimilaritySearchService, mode keyword (full text), query = title + description + requirements
 *   vector    SimilaritySearchService, mode vector, same query
 *   hybrid    SimilaritySearchService, mode hybrid, same query: the default fusion, then each fusion method
 *   full      RankingService.candidatesForJob (stored vectors + skills + other factors, default weights)
 *
 * and prints mean nDCG@10 and MRR (first resume graded >= 2), overall and per job. Resumes a method
 * does not return count as not retrieved. Exits 1 when the full score does not beat BOTH keyword-only
 * and vector-only on mean nDCG@10, 2 when the set is invalid or a record could not be embedded.
 *
 *   npm run eval:matching [-- --runs N] [-- --diagnose] [-- --json FILE] [-- --public-resumes DIR]
 *
 *   --runs N     repeat with a fresh database N times and average. Row ids are random UUIDs and the
 *                services break score ties by id, so tied resumes (common in keyword mode) land in a
 *                different order on every run: expect about +-0.002 of noise on one run.
 *   --diagnose   (first run) also ranks by each part of the full score alone (weights 1/0/0 ...) and a
 *                few weight mixes, and prints the skills extracted from every job and the rank of
 *                every resume graded >= 1 under each method
 *   --json FILE  writes every ranking and metric to FILE
 *
 * Then, once, ranking on public resumes labelled by occupation (scripts/eval/public-ranking.ts), in a
 * fresh database and organisation: P@5 and nDCG@10 of keyword, vector, hybrid and candidates ranking
 * beside the eval's own BM25. Skipped with one line when the data folder is absent.
 *   --public-resumes DIR        default ../shared/data/resumes, else /work/hm-data/resumes
 *   --public-per-category N     resumes per category (default 12)
 *   --public-categories N       categories (default 10)
 *   --public-text-queries N     resumes per category whose text is also a search query (default 3)
 *   --public-seed N             sample seed (default 14)
 *   --public-only               skip the labelled set
 *
 * Model: MODEL_ID / MODEL_PATH as the app reads them; when MODEL_PATH is unset and
 * ../shared/models/hirematch/minilm-standin exists, that stand-in is used (it has MiniLM's
 * architecture but is NOT the trained model: vector numbers then say nothing about real quality).
 */
import 'reflect-metadata';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { LabelledJob, LabelledSet } from './eval/labelled-set.js';
import type { MatchWeights } from '../src/matching/scoring/match-scorer.js';

const ROOT = resolve(import.meta.dirname, '..', '..');
const SHARED_MODELS = resolve(ROOT, '..', 'shared', 'models');
const STANDIN_ID = 'hirematch/minilm-standin';
const SET_PATH = join(ROOT, 'test', 'fixtures', 'matching', 'labelled-set.json');

const K = 10;
const GOOD = 2;
const SEARCH_LIMIT = 47;
const RANKING_LIMIT = 100;

const args = process.argv.slice(2);
const argValue = (name: string) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const diagnose = args.includes('--diagnose');
const jsonOut = argValue('--json');
const runs = Math.max(1, Number.parseInt(argValue('--runs') ?? '1', 10) || 1);
const intArg = (name: string, fallback: number) => Math.max(1, Number.parseInt(argValue(name) ?? '', 10) || fallback);
const publicOnly = args.includes('--public-only');
const publicDir =
  argValue('--public-resumes') ??
  [resolve(ROOT, '..', 'shared', 'data', 'resumes'), '/work/hm-data/resumes'].find((dir) => existsSync(dir)) ??
  resolve(ROOT, '..', 'shared', 'data', 'resumes');

// The config reads the environment at boot: choose the model before the app is imported.
if (!process.env.MODEL_PATH && existsSync(join(SHARED_MODELS, STANDIN_ID))) {
  process.env.MODEL_PATH = SHARED_MODELS;
  process.env.MODEL_ID = STANDIN_ID;
}
const standIn = (process.env.MODEL_ID ?? '').endsWith('minilm-standin');

const { NestFactory } = await import('@nestjs/core');
const { AppModule } = await import('../src/app.module.js');
const { APP_CONFIG } = await import('../src/config/app-config.js');
const { DEFAULT_ORGANIZATION_ID: ORG } = await import('../src/common/organization.js');
const { JobsService } = await import('../src/jobs/jobs.service.js');
const { ResumesService } = await import('../src/resumes/resumes.service.js');
const { SimilaritySearchService } = await import('../src/matching/search/similarity-search.service.js');
const { RankingService } = await import('../src/matching/ranking/ranking.service.js');
const { validateLabelledSet } = await import('./eval/labelled-set.js');
const { ndcgAtK, precisionAtK, reciprocalRank } = await import('./eval/ranking-metrics.js');
const { OkapiBm25 } = await import('./eval/okapi-bm25.js');
const { evaluatePublicRanking, publicMethodNames, publicTargets, PUBLIC_QUERY_SETS } = await import('./eval/public-ranking.js');
const { FUSION_METHODS } = await import('../src/matching/matching.dto.js');
type PublicMethod = import('./eval/public-ranking.js').PublicMethod;
type AppConfig = import('../src/config/app-config.js').AppConfig;
type FusionMethod = import('../src/matching/matching.dto.js').FusionMethod;

/** `hybrid` asks for no fusion method (the service's default); `hybrid:<method>` names one. */
type Method = 'bm25' | 'keyword' | 'vector' | 'hybrid' | `hybrid:${FusionMethod}` | 'full';
const METHODS: Method[] = ['bm25', 'keyword', 'vector', 'hybrid', ...FUSION_METHODS.map((m) => `hybrid:${m}` as const), 'full'];
const METHOD_NAMES: Record<Method, string> = {
  bm25: 'baseline: plain Okapi BM25 computed by the eval (same text and query)',
  keyword: 'keyword-only (search, mode keyword: BM25 in PostgreSQL)',
  vector: 'vector-only (search, mode vector)',
  hybrid: 'hybrid (search, mode hybrid, the default fusion)',
  ...(Object.fromEntries(FUSION_METHODS.map((m) => [`hybrid:${m}`, `hybrid, fusion ${m}`])) as Record<`hybrid:${FusionMethod}`, string>),
  full: 'full match score (default weights)',
};

interface MethodResult {
  name: string;
  meanNdcg: number;
  mrr: number;
  /** Mean precision@5 (graded >= GOOD). */
  p5: number;
  perJob: Record<string, { ndcg: number; rr: number; p5: number; ranked: string[] }>;
}

interface RunResult {
  model: string;
  seconds: number;
  results: Record<Method, MethodResult>;
  extra: MethodResult[];
}

class EvalError extends Error {}

const f = (x: number) => x.toFixed(3);
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

function loadSet(): LabelledSet {
  const data: unknown = JSON.parse(readFileSync(SET_PATH, 'utf8'));
  const problems = validateLabelledSet(data);
  if (problems.length) throw new EvalError(`labelled set is invalid:\n  - ${problems.join('\n  - ')}`);
  return data as LabelledSet;
}

async function runOnce(set: LabelledSet, withDiagnostics: boolean, announce: boolean): Promise<RunResult> {
  const started = Date.now();
  const app = await NestFactory.createApplicationContext(
    AppModule.forRoot({
      databaseUrl: null,
      pgliteDataDir: 'memory://',
      redisUrl: null,
      // A throwaway database's first-start admin key must not replace the one in ./data.
      adminApiKeyFile: join(tmpdir(), 'hirematch-eval-admin-api-key'),
    }),
    { logger: false },
  );
  try {
    const config = app.get<AppConfig>(APP_CONFIG);
    const model = `${config.modelId} from ${config.modelPath ?? 'the Hugging Face hub'}${config.modelDtype ? ` (${config.modelDtype})` : ''}`;
    if (announce) {
      console.log(`model: ${model}`);
      if (standIn) {
        console.log(
          'WARNING: this is the stand-in model (MiniLM architecture, lexical-ish embeddings), not the trained\n' +
            "         all-MiniLM-L6-v2: the vector, hybrid and full numbers are NOT the real model's.",
        );
      }
    }
    const jobs = app.get(JobsService);
    const resumes = app.get(ResumesService);
    const search = app.get(SimilaritySearchService);
    const ranking = app.get(RankingService);

    // ---- ingest through the real services (only the resume text; never the reviewer label)
    const setIdOfResume = new Map<string, string>();
    const jobDbId = new Map<string, string>();
    const jobViews = new Map<string, Awaited<ReturnType<typeof jobs.create>>>();
    let pending = 0;
    for (const resume of set.resumes) {
      const view = await resumes.upload(ORG, { buffer: Buffer.from(resume.text, 'utf8'), originalname: `${resume.id}.txt` });
      setIdOfResume.set(view.id, resume.id);
      if (view.embeddingStatus !== 'ready') pending++;
    }
    for (const job of set.jobs) {
      const view = await jobs.create(ORG, {
        title: job.title,
        description: job.description,
        requirements: job.requirements.join('\n'),
        location: job.location,
        minYearsExperience: job.minYearsExperience,
        remote: job.remote,
      });
      jobDbId.set(job.id, view.id);
      jobViews.set(job.id, view);
      if (view.embeddingStatus !== 'ready') pending++;
    }
    if (announce)
      console.log(`ingested ${set.jobs.length} jobs and ${set.resumes.length} resumes in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    if (pending)
      throw new EvalError(`${pending} records were stored without a vector (model unavailable?): the vector numbers would be meaningless`);

    const toSetIds = (dbIds: string[]) => dbIds.map((id) => setIdOfResume.get(id) ?? `unknown:${id}`);
    const queryOf = (job: LabelledJob) => `${job.title}\n${job.description}\n${job.requirements.join('\n')}`;
    const rankSearch = async (job: LabelledJob, mode: 'keyword' | 'vector' | 'hybrid', fusion?: FusionMethod) => {
      const res = await search.search(ORG, { query: queryOf(job), target: 'resumes', mode, fusion, limit: SEARCH_LIMIT });
      return toSetIds(res.results.map((hit) => hit.id));
    };
    const rankFull = async (job: LabelledJob, weights?: MatchWeights) => {
      const page = await ranking.candidatesForJob(ORG, jobDbId.get(job.id)!, { limit: RANKING_LIMIT, offset: 0, weights });
      return toSetIds(page.items.map((item) => item.id));
    };
    const evaluate = async (name: string, rank: (job: LabelledJob) => Promise<string[]>): Promise<MethodResult> => {
      const result: MethodResult = { name, meanNdcg: 0, mrr: 0, p5: 0, perJob: {} };
      for (const job of set.jobs) {
        const ranked = await rank(job);
        const rel = set.relevance[job.id];
        result.perJob[job.id] = {
          ndcg: ndcgAtK(ranked, rel, K),
          rr: reciprocalRank(ranked, rel, GOOD),
          p5: precisionAtK(ranked, rel, 5, GOOD),
          ranked,
        };
      }
      const rows = Object.values(result.perJob);
      result.meanNdcg = mean(rows.map((r) => r.ndcg));
      result.mrr = mean(rows.map((r) => r.rr));
      result.p5 = mean(rows.map((r) => r.p5));
      return result;
    };

    const baseline = new OkapiBm25(set.resumes.map((resume) => ({ id: resume.id, text: resume.text })));
    const results = {} as Record<Method, MethodResult>;
    for (const m of METHODS) {
      const rank: (job: LabelledJob) => Promise<string[]> =
        m === 'bm25'
          ? (job) => Promise.resolve(baseline.rank(queryOf(job), SEARCH_LIMIT))
          : m === 'full'
            ? (job) => rankFull(job)
            : m.startsWith('hybrid:')
              ? (job) => rankSearch(job, 'hybrid', m.slice('hybrid:'.length) as FusionMethod)
              : (job) => rankSearch(job, m as 'keyword' | 'vector' | 'hybrid');
      results[m] = await evaluate(METHOD_NAMES[m], rank);
    }

    const extra: MethodResult[] = [];
    if (withDiagnostics) {
      console.log('\nskills extracted from the jobs [required] | [preferred]; education; remote; min years:');
      for (const job of set.jobs) {
        const v = jobViews.get(job.id)!;
        console.log(
          `  ${job.id}: [${v.parsed.requiredSkills.join(', ')}] | [${v.parsed.preferredSkills.join(', ')}]; ` +
            `edu ${v.parsed.educationLevel ?? '-'}; remote ${v.parsed.remote}; min ${v.minYearsExperience ?? '-'}y`,
        );
      }
      const variants: Array<[string, MatchWeights]> = [
        ['full, semantic part only (1/0/0)', { semantic: 1, skills: 0, other: 0 }],
        ['full, skills part only (0/1/0)', { semantic: 0, skills: 1, other: 0 }],
        ['full, other part only (0/0/1)', { semantic: 0, skills: 0, other: 1 }],
        ['full, 0.7/0.3/0', { semantic: 0.7, skills: 0.3, other: 0 }],
        ['full, 0.6/0.2/0.2', { semantic: 0.6, skills: 0.2, other: 0.2 }],
        ['full, 0.8/0.1/0.1', { semantic: 0.8, skills: 0.1, other: 0.1 }],
        ['full, 0.4/0.3/0.3', { semantic: 0.4, skills: 0.3, other: 0.3 }],
      ];
      for (const [name, weights] of variants) extra.push(await evaluate(name, (job) => rankFull(job, weights)));
      console.log('\nablation (diagnostic only, one run; the pass/fail uses the default weights):');
      console.log(`| variant | nDCG@${K} | MRR |`);
      console.log('|---|---|---|');
      for (const r of extra) console.log(`| ${r.name} | ${f(r.meanNdcg)} | ${f(r.mrr)} |`);

      console.log(`\nrank (1-based, '-' = not returned) of every resume graded >= 1: keyword vector hybrid full | semantic skills other`);
      const columns: MethodResult[] = [
        ...(['keyword', 'vector', 'hybrid', 'full'] as const).map((m) => results[m]),
        extra[0],
        extra[1],
        extra[2],
      ];
      for (const job of set.jobs) {
        const rel = set.relevance[job.id];
        console.log(`  ${job.id}`);
        const graded = Object.entries(rel)
          .filter(([, g]) => g > 0)
          .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
        for (const [id, grade] of graded) {
          const ranks = columns.map((r) => {
            const i = r.perJob[job.id].ranked.indexOf(id);
            return (i < 0 ? '-' : String(i + 1)).padStart(3);
          });
          console.log(`    ${id} (${grade}) ${ranks.slice(0, 4).join(' ')} | ${ranks.slice(4).join(' ')}`);
        }
        const top = results.full.perJob[job.id].ranked.slice(0, K).map((id) => `${id}:${rel[id] ?? 0}`);
        console.log(`    full top ${K} (id:grade): ${top.join(' ')}`);
      }
    }
    return { model, seconds: (Date.now() - started) / 1000, results, extra };
  } finally {
    await app.close();
  }
}

/** The public-data part: one run in its own fresh database; prints its tables and targets. */
async function publicReport(): Promise<void> {
  const app = await NestFactory.createApplicationContext(
    AppModule.forRoot({
      databaseUrl: null,
      pgliteDataDir: 'memory://',
      redisUrl: null,
      adminApiKeyFile: join(tmpdir(), 'hirematch-eval-admin-api-key'),
      // A PDF that times out on a busy machine would change the sample from one run to the next.
      extractionTimeoutMs: 120_000,
    }),
    { logger: false },
  );
  try {
    const options = {
      dir: publicDir,
      perCategory: intArg('--public-per-category', 12),
      categories: intArg('--public-categories', 10),
      seed: intArg('--public-seed', 14),
      textQueriesPerCategory: intArg('--public-text-queries', 3),
    };
    console.log(
      `\npublic resumes labelled by occupation (${options.dir}): ${options.perCategory} per category, ${options.categories} categories, seed ${options.seed}, text queries ${options.textQueriesPerCategory} per category`,
    );
    const report = await evaluatePublicRanking(app, options, (line) => console.log(line));
    if (!report) {
      console.log(`public resumes not found in ${options.dir}: skipped (test/fixtures/matching/README.md says how to fetch them)`);
      return;
    }
    console.log(
      `categories: ${report.categories.join(', ')}${report.skipped ? `; ${report.skipped} files skipped` : ''}; ${report.seconds.total.toFixed(0)} s`,
    );
    if (standIn) console.log("(stand-in model: the vector, hybrid and candidates figures are a lexical stand-in's, not MiniLM's)");
    const sets = Object.keys(PUBLIC_QUERY_SETS) as Array<keyof typeof PUBLIC_QUERY_SETS>;
    console.log(`\nrelevant = same category (binary gain); the query resume is left out of its own list`);
    console.log(`| method | ${sets.map((q) => `${q}: P@5 | ${q}: nDCG@${K}`).join(' | ')} |`);
    console.log(`|---|${sets.map(() => '---|---').join('|')}|`);
    for (const [method, name] of Object.entries(publicMethodNames()) as Array<[PublicMethod, string]>) {
      const cells = sets.map((q) => {
        const s = report.scores[q][method];
        return s ? `${f(s.p5)} | ${f(s.ndcg10)}` : '- | -';
      });
      console.log(`| ${name} | ${cells.join(' | ')} |`);
    }
    console.log(sets.map((q) => `  ${q}: ${PUBLIC_QUERY_SETS[q]} (${report.scores[q].bm25?.queries ?? 0} queries)`).join('\n'));
    console.log('\npublic targets (issue 14; reported, not part of the exit code):');
    for (const q of sets) for (const t of publicTargets(report.scores[q])) console.log(`  ${t.met ? 'MET ' : 'MISS'} ${q}: ${t.name}`);
    if (jsonOut)
      writeFileSync(`${jsonOut}.public.json`, JSON.stringify({ date: new Date().toISOString(), standIn, options, report }, null, 2));
  } finally {
    await app.close();
  }
}

async function main(): Promise<number> {
  if (publicOnly) {
    await publicReport();
    return 0;
  }
  const set = loadSet();
  const all: RunResult[] = [];
  for (let i = 0; i < runs; i++) {
    all.push(await runOnce(set, diagnose && i === 0, i === 0));
    if (runs > 1) console.log(`run ${i + 1}/${runs}: ${METHODS.map((m) => `${m} ${f(all[i].results[m].meanNdcg)}`).join(', ')}`);
  }

  const avg = (m: Method, pick: (r: MethodResult) => number) => mean(all.map((run) => pick(run.results[m])));
  const range = (m: Method) => {
    const xs = all.map((run) => run.results[m].meanNdcg);
    return runs > 1 ? ` | ${f(Math.min(...xs))}-${f(Math.max(...xs))}` : '';
  };
  const ndcg = Object.fromEntries(METHODS.map((m) => [m, avg(m, (r) => r.meanNdcg)])) as Record<Method, number>;

  console.log(
    `\n${runs > 1 ? `mean of ${runs} runs; ` : ''}${set.jobs.length} jobs x ${set.resumes.length} resumes; ` +
      `nDCG@${K} (gain 2^rel-1, mean over jobs), MRR = 1/rank of the first resume graded >= ${GOOD}`,
  );
  console.log(`| method | nDCG@${K} | P@5 | MRR |${runs > 1 ? ` nDCG@${K} range |` : ''}`);
  console.log(`|---|---|---|---|${runs > 1 ? '---|' : ''}`);
  for (const m of METHODS)
    console.log(`| ${METHOD_NAMES[m]} | ${f(ndcg[m])} | ${f(avg(m, (r) => r.p5))} | ${f(avg(m, (r) => r.mrr))}${range(m)} |`);
  const p5 = (m: Method) => avg(m, (r) => r.p5);
  const targets: Array<[string, boolean]> = [
    [
      `keyword >= eval BM25 (nDCG@${K} ${f(ndcg.keyword)} vs ${f(ndcg.bm25)}; P@5 ${f(p5('keyword'))} vs ${f(p5('bm25'))})`,
      ndcg.keyword >= ndcg.bm25 - 1e-9 && p5('keyword') >= p5('bm25') - 1e-9,
    ],
    ...METHODS.filter((m) => m.startsWith('hybrid')).map((m): [string, boolean] => [
      `${m === 'hybrid' ? 'hybrid (default fusion)' : `hybrid, fusion ${m.slice('hybrid:'.length)}`} >= the better of vector and keyword ` +
        `(nDCG@${K} ${f(ndcg[m])} vs ${f(Math.max(ndcg.vector, ndcg.keyword))}; P@5 ${f(p5(m))} vs ${f(Math.max(p5('vector'), p5('keyword')))})`,
      ndcg[m] >= Math.max(ndcg.vector, ndcg.keyword) - 1e-9 && p5(m) >= Math.max(p5('vector'), p5('keyword')) - 1e-9,
    ]),
  ];
  console.log('\ntargets (issue 14):');
  for (const [name, met] of targets) console.log(`  ${met ? 'MET ' : 'MISS'} ${name}`);

  console.log(`\nper job: nDCG@${K} / RR${runs > 1 ? ` (mean of ${runs} runs)` : ''}`);
  console.log(`| job | ${METHODS.join(' | ')} |`);
  console.log(`|---|${METHODS.map(() => '---').join('|')}|`);
  for (const job of set.jobs) {
    const cell = (m: Method) =>
      `${f(mean(all.map((run) => run.results[m].perJob[job.id].ndcg)))} / ${f(mean(all.map((run) => run.results[m].perJob[job.id].rr)))}`;
    console.log(`| ${job.id} | ${METHODS.map(cell).join(' | ')} |`);
  }

  if (jsonOut) {
    writeFileSync(jsonOut, JSON.stringify({ date: new Date().toISOString(), standIn, k: K, threshold: GOOD, runs: all }, null, 2));
    console.log(`\nwrote ${jsonOut}`);
  }

  const beatsKeyword = ndcg.full > ndcg.keyword;
  const beatsVector = ndcg.full > ndcg.vector;
  console.log(
    `\nfull score nDCG@${K} ${f(ndcg.full)} vs keyword-only ${f(ndcg.keyword)} (${beatsKeyword ? 'beats' : 'does NOT beat'}) ` +
      `and vector-only ${f(ndcg.vector)} (${beatsVector ? 'beats' : 'does NOT beat'})`,
  );
  if (standIn) console.log('(stand-in model: see the warning above)');
  await publicReport();
  if (beatsKeyword && beatsVector) {
    console.log('PASS');
    return 0;
  }
  console.log(`FAIL: the full match score must beat both keyword-only and vector-only ranking on mean nDCG@${K}`);
  return 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof EvalError ? error.message : error);
    process.exit(2);
  },
);
