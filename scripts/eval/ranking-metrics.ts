/** Offline ranking metrics for the matching evaluation (graded relevance 0-3). Pure functions. */

export type Relevance = Record<string, number>;

function gradeOf(relevance: Relevance, id: string): number {
  const g = Object.prototype.hasOwnProperty.call(relevance, id) ? relevance[id] : 0;
  return typeof g === 'number' && Number.isFinite(g) && g > 0 ? g : 0;
}

function checkK(k: number): number {
  if (typeof k !== 'number' || Number.isNaN(k) || k < 1) throw new RangeError(`k must be >= 1, got ${k}`);
  return Number.isFinite(k) ? Math.floor(k) : Number.MAX_SAFE_INTEGER;
}

/** Graded gain 2^rel - 1 (Burges et al.), discounted by log2(position + 1), position 1-based. */
function dcg(grades: number[], k: number): number {
  let sum = 0;
  for (let i = 0; i < Math.min(k, grades.length); i++) sum += (2 ** grades[i] - 1) / Math.log2(i + 2);
  return sum;
}

/**
 * nDCG@k with exponential gain. Ids missing from `relevance` count as 0; a repeated id only counts
 * the first time. The ideal ranking is built from every judged id. Returns 0 when nothing is relevant.
 */
export function ndcgAtK(rankedIds: readonly string[], relevance: Relevance, k: number): number {
  const kk = checkK(k);
  const seen = new Set<string>();
  const grades = rankedIds.map((id) => {
    if (seen.has(id)) return 0;
    seen.add(id);
    return gradeOf(relevance, id);
  });
  const ideal = Object.keys(relevance)
    .map((id) => gradeOf(relevance, id))
    .filter((g) => g > 0)
    .sort((a, b) => b - a);
  const idcg = dcg(ideal, kk);
  return idcg === 0 ? 0 : dcg(grades, kk) / idcg;
}

/** 1 / (1-based rank of the first id whose grade is >= threshold and > 0), or 0 when there is none. */
export function reciprocalRank(rankedIds: readonly string[], relevance: Relevance, threshold = 1): number {
  for (let i = 0; i < rankedIds.length; i++) {
    const grade = gradeOf(relevance, rankedIds[i]);
    if (grade > 0 && grade >= threshold) return 1 / (i + 1);
  }
  return 0;
}

/** Share of the first k results whose grade is >= threshold (a result list shorter than k counts the gap as misses). */
export function precisionAtK(rankedIds: readonly string[], relevance: Relevance, k: number, threshold = 1): number {
  if (k <= 0) return 0;
  let hits = 0;
  for (const id of rankedIds.slice(0, k)) {
    const grade = gradeOf(relevance, id);
    if (grade > 0 && grade >= threshold) hits++;
  }
  return hits / k;
}

export interface RankingRun {
  /** Query id, e.g. a job id. */
  queryId: string;
  /** Result ids, best first. */
  rankedIds: readonly string[];
}

export interface RankingSummary {
  queries: number;
  /** Mean nDCG@k over queries that have at least one relevant id. */
  meanNdcg: number;
  /** Mean reciprocal rank over the same queries. */
  mrr: number;
  perQuery: { queryId: string; ndcg: number; reciprocalRank: number }[];
}

/**
 * Averages nDCG@k and reciprocal rank over several queries. Queries without any relevant id (or
 * missing from `relevanceByQuery`) are skipped, since neither metric is meaningful for them.
 */
export function summarizeRankings(
  runs: readonly RankingRun[],
  relevanceByQuery: Record<string, Relevance>,
  k: number,
  threshold = 1,
): RankingSummary {
  const perQuery: RankingSummary['perQuery'] = [];
  for (const run of runs) {
    const rel = relevanceByQuery[run.queryId];
    if (!rel || !Object.values(rel).some((g) => typeof g === 'number' && g > 0)) continue;
    perQuery.push({
      queryId: run.queryId,
      ndcg: ndcgAtK(run.rankedIds, rel, k),
      reciprocalRank: reciprocalRank(run.rankedIds, rel, threshold),
    });
  }
  const mean = (xs: number[]) => (xs.length === 0 ? 0 : xs.reduce((a, b) => a + b, 0) / xs.length);
  return {
    queries: perQuery.length,
    meanNdcg: mean(perQuery.map((q) => q.ndcg)),
    mrr: mean(perQuery.map((q) => q.reciprocalRank)),
    perQuery,
  };
}
