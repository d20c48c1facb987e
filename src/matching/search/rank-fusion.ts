import type { FusionMethod } from '../matching.dto.js';

export interface FusedResult {
  id: string;
  /** The fused score: higher is better (RRF: sum of 1 / (k + rank); relative, nqc: weighted sum of 0..1 scores). */
  score: number;
  /** 1-based rank in each input list (same order as `lists`), null when absent. */
  ranks: (number | null)[];
}

/** Scores closer than this are treated as tied (sums of the same fractions in a different order). */
const TIE_EPSILON = 1e-12;

/**
 * Reciprocal Rank Fusion (Cormack et al., 2009): score(id) = sum over lists of 1 / (k + rank), rank 1-based.
 * Each list must be ordered best first; a repeated id in one list keeps its first (best) rank.
 * Items that carry a `score` and tie with the item before them share its rank (1, 2, 2, 4): a list's
 * tie order is arbitrary (full-text ranks tie often), and it must not decide the fused order.
 * Sorted by fused score descending; equal fused scores (ranks 1 + 4 vs 4 + 1 tie exactly) by the sum of
 * each list's score relative to that list's best, then by id. Throws RangeError for a negative or
 * non-finite k.
 */
export function reciprocalRankFusion<T extends { id: string; score?: number }>(lists: T[][], k = 60): FusedResult[] {
  if (typeof k !== 'number' || !Number.isFinite(k) || k < 0) throw new RangeError(`k must be a finite number >= 0, got ${k}`);
  const byId = new Map<string, FusedResult>();
  /** Tiebreak for equal fused scores: sum over lists of score / best score of the list. */
  const relative = new Map<string, number>();
  lists.forEach((list, listIndex) => {
    const best = Math.max(
      0,
      ...(list ?? []).map((item) => (typeof item?.score === 'number' && Number.isFinite(item.score) ? item.score : 0)),
    );
    let position = 0;
    let rank = 0;
    let previous: number | undefined;
    for (const item of list ?? []) {
      position += 1;
      const tied = typeof item?.score === 'number' && previous !== undefined && Math.abs(item.score - previous) <= TIE_EPSILON;
      if (!tied) rank = position;
      previous = typeof item?.score === 'number' ? item.score : undefined;
      if (!item || typeof item.id !== 'string') continue;
      const entry = fusedEntry(byId, item.id, lists.length);
      if (entry.ranks[listIndex] !== null) continue;
      entry.ranks[listIndex] = rank;
      entry.score += 1 / (k + rank);
      if (best > 0 && typeof item.score === 'number' && Number.isFinite(item.score)) {
        relative.set(item.id, (relative.get(item.id) ?? 0) + item.score / best);
      }
    }
  });
  return [...byId.values()].sort((a, b) => {
    if (Math.abs(a.score - b.score) > TIE_EPSILON) return b.score - a.score;
    const byScores = (relative.get(b.id) ?? 0) - (relative.get(a.id) ?? 0);
    if (Math.abs(byScores) > TIE_EPSILON) return byScores;
    return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  });
}

/**
 * Relative score fusion (min-max CombSUM; Weaviate's `relativeScore`, Elasticsearch's linear
 * retriever with the minmax normaliser): each list's scores are scaled to 0..1 within the list
 * (best 1, worst 0), weighted and summed; a list without the id adds 0. RRF gives each rank a fixed
 * credit whatever the scores; here an item close to its list's best keeps most of the credit and an
 * item far below it little, so a list that has one clear answer says so.
 * Equal fused scores go to the better rank in any list, then the id. `weights` defaults to equal;
 * ranks are 1-based with ties sharing a rank, as in reciprocalRankFusion.
 */
export function relativeScoreFusion(lists: Array<Array<{ id: string; score: number }>>, weights?: number[]): FusedResult[] {
  const w = weights ?? lists.map(() => 1 / lists.length);
  if (w.length !== lists.length || w.some((x) => !Number.isFinite(x) || x < 0)) {
    throw new RangeError('weights must be one finite number >= 0 per list');
  }
  const byId = new Map<string, FusedResult>();
  lists.forEach((list, listIndex) => {
    const scores = list.map((item) => item.score).filter((score) => Number.isFinite(score));
    const best = Math.max(...scores);
    const worst = Math.min(...scores);
    const span = best - worst;
    let rank = 0;
    let previous: number | undefined;
    list.forEach((item, position) => {
      if (previous === undefined || Math.abs(item.score - previous) > TIE_EPSILON) rank = position + 1;
      previous = item.score;
      const entry = fusedEntry(byId, item.id, lists.length);
      if (entry.ranks[listIndex] !== null) return;
      entry.ranks[listIndex] = rank;
      // A list whose scores are all equal says nothing about order: every item gets full credit.
      const normalised = span > 0 ? (item.score - worst) / span : 1;
      entry.score += w[listIndex] * (Number.isFinite(normalised) ? normalised : 0);
    });
  });
  return [...byId.values()].sort((a, b) => {
    if (Math.abs(a.score - b.score) > TIE_EPSILON) return b.score - a.score;
    const bestRank = (r: FusedResult) => Math.min(...r.ranks.map((x) => x ?? Infinity));
    return bestRank(a) - bestRank(b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  });
}

/** Hybrid search's fusion when the request names none (test/fixtures/matching/README.md compares them). */
export const DEFAULT_FUSION_METHOD: FusionMethod = 'nqc';

/** How many of a list's best results its query-performance prediction looks at: the API's default page size. */
export const NQC_DEPTH = 10;

/**
 * Relative score fusion with per-query list weights from a query-performance predictor (Markovits,
 * Shtok, Kurland, Carmel, "Predicting query performance for fusion-based retrieval", CIKM 2012: weight
 * each list by its predicted effectiveness). The predictor is NQC (Shtok, Kurland, Carmel, Raiber,
 * Markovits, "Predicting query performance by query-drift estimation", TOIS 2012): the standard
 * deviation of the top-k retrieval scores, here of each list's own min-max normalised scores (so
 * cosine and BM25 are comparable, and NQC's corpus-score normaliser becomes the list's score span).
 * A list whose best results stand out from the rest is confident and weighs more; a list whose top
 * is flat cannot tell its results apart and weighs less, whatever the model or the corpus. k is
 * NQC_DEPTH; a list shorter than k counts the missing places as its worst score (0), so one clear hit
 * is a confident list. Weights sum to 1; with no spread in any list, they are equal.
 */
export function nqcWeightedFusion(lists: Array<Array<{ id: string; score: number }>>, k = NQC_DEPTH): FusedResult[] {
  const spreads = lists.map((list) => topSpread(list, k));
  const total = spreads.reduce((sum, spread) => sum + spread, 0);
  return relativeScoreFusion(lists, total > 0 ? spreads.map((spread) => spread / total) : undefined);
}

/** NQC on normalised scores: standard deviation of the first k min-max normalised scores (missing places 0). */
export function topSpread(list: Array<{ score: number }>, k = NQC_DEPTH): number {
  const scores = list.map((item) => item.score).filter((score) => Number.isFinite(score));
  if (!scores.length || k < 1) return 0;
  const best = Math.max(...scores);
  const worst = Math.min(...scores);
  // The same scaling as relativeScoreFusion: a flat list gives every item full credit.
  const top = scores.slice(0, k).map((score) => (best > worst ? (score - worst) / (best - worst) : 1));
  while (top.length < k) top.push(0);
  const mean = top.reduce((sum, x) => sum + x, 0) / k;
  return Math.sqrt(top.reduce((sum, x) => sum + (x - mean) ** 2, 0) / k);
}

/**
 * Fuses the ranked lists of a hybrid search with `method`. `leaveOut` is the query's own record in
 * "more like this": it tops every list with a score no other row reaches (cosine 1, every term
 * matched), so it is dropped before fusion rather than after, or it would set each list's best
 * score and squeeze everything else (relative, nqc) and take the first rank in each list (rrf).
 */
export function fuseRankedLists(
  method: FusionMethod,
  lists: Array<Array<{ id: string; score: number }>>,
  leaveOut?: string,
): FusedResult[] {
  const kept = leaveOut === undefined ? lists : lists.map((list) => list.filter((item) => item.id !== leaveOut));
  if (method === 'rrf') return reciprocalRankFusion(kept);
  return method === 'nqc' ? nqcWeightedFusion(kept) : relativeScoreFusion(kept);
}

/** The fused entry of an id, made (score 0, no rank in any list) the first time a list names it. */
function fusedEntry(byId: Map<string, FusedResult>, id: string, listCount: number): FusedResult {
  let entry = byId.get(id);
  if (!entry) {
    entry = { id, score: 0, ranks: Array<number | null>(listCount).fill(null) };
    byId.set(id, entry);
  }
  return entry;
}
