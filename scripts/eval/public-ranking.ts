/**
 * Ranking on public, real resumes labelled by occupation (issue 14), inside `npm run eval:matching`.
 *
 * A seeded, stratified sample of the resumes (scripts/eval/public-resumes.ts) is uploaded, as files,
 * into a fresh organisation of the running application (ResumesService.upload: PDF or TXT bytes; the
 * category is never sent). Then, with "relevant" = same category (binary gain), three query sets:
 *
 *   similar  every resume as the query of "more like this" (SimilaritySearchService.similarTo, as
 *            POST /api/v1/resumes/:id/similar: its stored vector and stored BM25 terms)
 *   text     resumes' text as a similarity-search query (cut to the API's 5,000 characters, as a user
 *            pasting it would have to); the first `textQueriesPerCategory` of each category, since
 *            every one embeds a long query
 *   jobs     every category's name posted as a job (JobsService.create); search with the job's text,
 *            and its ranked candidates (RankingService.candidatesForJob, default weights)
 *
 * The query resume itself is left out of its own lists. Beside each, the eval's own Okapi BM25 over
 * the text the application extracted (the stored resume text) with the same queries.
 */
import type { INestApplicationContext } from '@nestjs/common';
import { OrganizationsService } from '../../src/auth/organizations.service.js';
import { JobsService } from '../../src/jobs/jobs.service.js';
import { RankingService } from '../../src/matching/ranking/ranking.service.js';
import { SimilaritySearchService } from '../../src/matching/search/similarity-search.service.js';
import { ResumesService } from '../../src/resumes/resumes.service.js';
import { FUSION_METHODS, type FusionMethod } from '../../src/matching/matching.dto.js';
import { OkapiBm25 } from './okapi-bm25.js';
import { listPublicResumes, occupationTitle, stratifiedSample } from './public-resumes.js';
import { ndcgAtK, precisionAtK } from './ranking-metrics.js';

export interface PublicRankingOptions {
  dir: string;
  perCategory: number;
  categories: number;
  seed: number;
  /** Resumes per category whose text is also a query (the text set: each embeds a long query, slow on a CPU). */
  textQueriesPerCategory: number;
}

/** `hybrid` asks for no fusion method (the service's default); `hybrid:<method>` names one. */
export type PublicMethod = 'bm25' | 'keyword' | 'vector' | 'hybrid' | `hybrid:${FusionMethod}` | 'candidates';
export type PublicQuerySet = 'similar' | 'text' | 'jobs';

/** Every method the public part reports, in table order, with its row name. */
export function publicMethodNames(): Record<PublicMethod, string> {
  return {
    bm25: 'baseline: Okapi BM25 computed by the eval',
    keyword: 'keyword (BM25 in PostgreSQL)',
    vector: 'vector',
    hybrid: 'hybrid, the default fusion',
    ...(Object.fromEntries(FUSION_METHODS.map((m) => [`hybrid:${m}`, `hybrid, fusion ${m}`])) as Record<`hybrid:${FusionMethod}`, string>),
    candidates: 'ranked candidates (full match score)',
  };
}

export const PUBLIC_QUERY_SETS: Record<PublicQuerySet, string> = {
  similar: 'resume as query: POST /resumes/:id/similar',
  text: 'resume text as query: similarity-search (first 5,000 chars; a seeded subset of the resumes)',
  jobs: 'category name posted as a job',
};

/** Mean P@5 and nDCG@10 of one method on one query set. */
export interface PublicScore {
  p5: number;
  ndcg10: number;
  queries: number;
}

export interface PublicRankingReport {
  resumes: number;
  categories: string[];
  seconds: { ingest: number; total: number };
  /** Resumes whose file yielded no usable text or was refused (left out of the sample). */
  skipped: number;
  scores: Record<PublicQuerySet, Partial<Record<PublicMethod, PublicScore>>>;
}

const K = 10;
/** Deep enough for nDCG@10 after the query resume is dropped. */
const LIMIT = 20;
/** SimilaritySearchRequest.query's @MaxLength. */
const QUERY_MAX_CHARS = 5_000;
const UPLOAD_CONCURRENCY = 4;

const mean = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);

/** Null when the data folder holds no resumes. */
export async function evaluatePublicRanking(
  app: INestApplicationContext,
  options: PublicRankingOptions,
  log: (line: string) => void,
): Promise<PublicRankingReport | null> {
  const listed = listPublicResumes(options.dir);
  if (!listed.length) return null;
  const started = Date.now();
  const sample = stratifiedSample(listed, options);
  const resumes = app.get(ResumesService);
  const jobs = app.get(JobsService);
  const search = app.get(SimilaritySearchService);
  const ranking = app.get(RankingService);
  const org = (await app.get(OrganizationsService).create({ name: `eval public resumes ${new Date().toISOString()}` })).id;

  // ---- upload as files (what a new user does); keep what the application extracted
  const categoryOf = new Map<string, string>();
  const uploadedFrom = new Map<string, (typeof sample)[number]>();
  const textOf = new Map<string, string>();
  let skipped = 0;
  let pending = 0;
  const upload = async (resume: (typeof sample)[number]) => {
    try {
      const file = resume.load();
      const view = await resumes.upload(org, { buffer: file.buffer, originalname: file.name });
      if (view.embeddingStatus !== 'ready') pending++;
      categoryOf.set(view.id, resume.category);
      uploadedFrom.set(view.id, resume);
      textOf.set(view.id, (await resumes.get(org, view.id, ['text'])).text ?? '');
    } catch (error) {
      skipped++;
      log(`  skipped ${resume.category}/${resume.id}: ${error instanceof Error ? error.message : String(error)}`);
    }
  };
  // A few uploads in flight, as an integration would send them: PDF extraction (worker pool) then
  // overlaps embedding (model worker). Row ids are random either way; results do not depend on order.
  const queue = [...sample];
  await Promise.all(
    Array.from({ length: UPLOAD_CONCURRENCY }, async () => {
      for (let next = queue.shift(); next; next = queue.shift()) await upload(next);
    }),
  );
  if (skipped > sample.length / 10) throw new Error(`${skipped} of ${sample.length} public resumes could not be uploaded`);
  if (pending) throw new Error(`${pending} public resumes were stored without a vector: the vector figures would be meaningless`);
  const ingestSeconds = (Date.now() - started) / 1000;
  const categories = [...new Set(categoryOf.values())].sort();
  log(`uploaded ${categoryOf.size} resumes (${categories.length} categories) in ${ingestSeconds.toFixed(1)} s`);

  const ids = [...categoryOf.keys()];
  const baseline = new OkapiBm25(ids.map((id) => ({ id, text: textOf.get(id)! })));
  const relevantTo = (category: string, except?: string) =>
    Object.fromEntries(ids.filter((id) => id !== except && categoryOf.get(id) === category).map((id) => [id, 1]));
  const score = (rows: Array<{ ranked: string[]; relevance: Record<string, number> }>): PublicScore => ({
    p5: mean(rows.map((r) => precisionAtK(r.ranked, r.relevance, 5, 1))),
    ndcg10: mean(rows.map((r) => ndcgAtK(r.ranked, r.relevance, K))),
    queries: rows.length,
  });
  const hitIds = (response: { results: Array<{ id: string }> }) => response.results.map((hit) => hit.id);
  const modes: Array<[PublicMethod, 'keyword' | 'vector' | 'hybrid', FusionMethod | undefined]> = [
    ['keyword', 'keyword', undefined],
    ['vector', 'vector', undefined],
    ['hybrid', 'hybrid', undefined],
    ...FUSION_METHODS.map((m): [PublicMethod, 'hybrid', FusionMethod] => [`hybrid:${m}`, 'hybrid', m]),
  ];

  const report: PublicRankingReport = {
    resumes: ids.length,
    categories,
    seconds: { ingest: ingestSeconds, total: 0 },
    skipped,
    scores: { similar: {}, text: {}, jobs: {} },
  };

  // ---- every resume as the query, over the others
  const queryTextOf = (id: string) => textOf.get(id)!.slice(0, QUERY_MAX_CHARS);
  // The text set: the first resumes of each category in sample order (seeded), not all of them.
  const textQueries = categories.flatMap((category) =>
    sample
      .flatMap((resume) => ids.filter((id) => uploadedFrom.get(id) === resume))
      .filter((id) => categoryOf.get(id) === category)
      .slice(0, options.textQueriesPerCategory),
  );
  const perResume = async (rank: (id: string) => Promise<string[]>, queries = ids) => {
    const rows = [];
    for (const id of queries) {
      const ranked = (await rank(id)).filter((hit) => hit !== id);
      rows.push({ ranked, relevance: relevantTo(categoryOf.get(id)!, id) });
    }
    return score(rows);
  };
  report.scores.similar.bm25 = await perResume((id) => Promise.resolve(baseline.rank(textOf.get(id)!, LIMIT + 1)));
  report.scores.text.bm25 = await perResume((id) => Promise.resolve(baseline.rank(queryTextOf(id), LIMIT + 1)), textQueries);
  for (const [method, mode, fusion] of modes) {
    let t = Date.now();
    report.scores.similar[method] = await perResume(async (id) =>
      hitIds(await search.similarTo(org, 'resumes', id, { mode, fusion, limit: LIMIT })),
    );
    const similarSeconds = (Date.now() - t) / 1000;
    t = Date.now();
    report.scores.text[method] = await perResume(
      async (id) => hitIds(await search.search(org, { query: queryTextOf(id), target: 'resumes', mode, fusion, limit: LIMIT + 1 })),
      textQueries,
    );
    log(`  ${method}: similar ${similarSeconds.toFixed(1)} s, text ${((Date.now() - t) / 1000).toFixed(1)} s`);
  }
  log(`ranked ${ids.length} resumes as queries in ${((Date.now() - started) / 1000 - ingestSeconds).toFixed(1)} s`);

  // ---- every category's name posted as a job
  const posted: Array<{ category: string; jobId: string; query: string }> = [];
  for (const category of categories) {
    const title = occupationTitle(category);
    const request = { title, description: `Open position: ${title}`, requirements: '' };
    const view = await jobs.create(org, request);
    if (view.embeddingStatus !== 'ready') throw new Error(`the job "${title}" was stored without a vector`);
    posted.push({ category, jobId: view.id, query: `${request.title}\n${request.description}\n${request.requirements}` });
  }
  const perJob = async (rank: (job: (typeof posted)[number]) => Promise<string[]>) => {
    const rows = [];
    for (const job of posted) rows.push({ ranked: await rank(job), relevance: relevantTo(job.category) });
    return score(rows);
  };
  report.scores.jobs.bm25 = await perJob((job) => Promise.resolve(baseline.rank(job.query, LIMIT)));
  for (const [method, mode, fusion] of modes) {
    report.scores.jobs[method] = await perJob(async (job) =>
      hitIds(await search.search(org, { query: job.query, target: 'resumes', mode, fusion, limit: LIMIT })),
    );
  }
  report.scores.jobs.candidates = await perJob(async (job) =>
    (await ranking.candidatesForJob(org, job.jobId, { limit: LIMIT, offset: 0 })).items.map((item) => item.id),
  );
  report.seconds.total = (Date.now() - started) / 1000;
  return report;
}

/**
 * Issue 14's targets on one query set: keyword >= the eval's BM25; hybrid (the default fusion) >= the
 * better of vector and keyword, then the same line for each fusion method (for the record).
 */
export function publicTargets(scores: Partial<Record<PublicMethod, PublicScore>>): Array<{ name: string; met: boolean }> {
  const f = (x: number) => x.toFixed(3);
  const { bm25, keyword, vector } = scores;
  if (!bm25 || !keyword || !vector) return [];
  const better = { p5: Math.max(vector.p5, keyword.p5), ndcg10: Math.max(vector.ndcg10, keyword.ndcg10) };
  const eps = 1e-9;
  const hybrids = (['hybrid', ...FUSION_METHODS.map((m) => `hybrid:${m}` as const)] as const).filter((m) => scores[m]);
  return [
    {
      name: `keyword >= BM25 (P@5 ${f(keyword.p5)} vs ${f(bm25.p5)}; nDCG@10 ${f(keyword.ndcg10)} vs ${f(bm25.ndcg10)})`,
      met: keyword.p5 >= bm25.p5 - eps && keyword.ndcg10 >= bm25.ndcg10 - eps,
    },
    ...hybrids.map((method) => {
      const hybrid = scores[method]!;
      const name = method === 'hybrid' ? 'hybrid (default fusion)' : `hybrid, fusion ${method.slice('hybrid:'.length)}`;
      return {
        name: `${name} >= better of vector and keyword (P@5 ${f(hybrid.p5)} vs ${f(better.p5)}; nDCG@10 ${f(hybrid.ndcg10)} vs ${f(better.ndcg10)})`,
        met: hybrid.p5 >= better.p5 - eps && hybrid.ndcg10 >= better.ndcg10 - eps,
      };
    }),
  ];
}
