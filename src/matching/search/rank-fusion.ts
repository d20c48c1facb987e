export interface FusedResult {
  id: string;
  /** Sum over lists of 1 / (k + rank); 0 contribution from lists that do not contain the id. */
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
      let entry = byId.get(item.id);
      if (!entry) {
        entry = { id: item.id, score: 0, ranks: lists.map(() => null) };
        byId.set(item.id, entry);
      }
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
