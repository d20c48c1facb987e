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
 * Sorted by score descending, then id ascending. Throws RangeError for a negative or non-finite k.
 */
export function reciprocalRankFusion<T extends { id: string }>(lists: T[][], k = 60): FusedResult[] {
  if (typeof k !== 'number' || !Number.isFinite(k) || k < 0) throw new RangeError(`k must be a finite number >= 0, got ${k}`);
  const byId = new Map<string, FusedResult>();
  lists.forEach((list, listIndex) => {
    let rank = 0;
    for (const item of list ?? []) {
      rank += 1;
      if (!item || typeof item.id !== 'string') continue;
      let entry = byId.get(item.id);
      if (!entry) {
        entry = { id: item.id, score: 0, ranks: lists.map(() => null) };
        byId.set(item.id, entry);
      }
      if (entry.ranks[listIndex] !== null) continue;
      entry.ranks[listIndex] = rank;
      entry.score += 1 / (k + rank);
    }
  });
  return [...byId.values()].sort((a, b) => {
    if (Math.abs(a.score - b.score) > TIE_EPSILON) return b.score - a.score;
    return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  });
}
