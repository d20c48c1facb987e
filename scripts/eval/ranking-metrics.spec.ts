import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ndcgAtK, precisionAtK, reciprocalRank, summarizeRankings } from './ranking-metrics.js';

const close = (actual: number, expected: number) => assert.ok(Math.abs(actual - expected) < 1e-12, `${actual} ~ ${expected}`);

describe('ndcgAtK', () => {
  const rel = { a: 3, b: 2, c: 0, d: 1 };

  it('is 1 for the ideal order', () => {
    close(ndcgAtK(['a', 'b', 'd', 'c'], rel, 4), 1);
    close(ndcgAtK(['a', 'b'], rel, 2), 1);
  });

  it('matches a hand-computed value', () => {
    // ranked c, a, b: DCG@3 = 0/1 + 7/log2(3) + 3/log2(4) = 4.41650 + 1.5 = 5.91650
    // ideal a, b, d: IDCG@3 = 7/1 + 3/log2(3) + 1/log2(4) = 7 + 1.89279 + 0.5 = 9.39279
    const dcg = 7 / Math.log2(3) + 3 / 2;
    const idcg = 7 + 3 / Math.log2(3) + 1 / 2;
    close(ndcgAtK(['c', 'a', 'b'], rel, 3), dcg / idcg);
    assert.ok(Math.abs(ndcgAtK(['c', 'a', 'b'], rel, 3) - 0.6299) < 1e-5);
  });

  it('only looks at the top k and ignores unjudged ids and repeats', () => {
    close(ndcgAtK(['x', 'a'], rel, 1), 0);
    close(ndcgAtK(['a', 'a', 'b'], rel, 3), (7 + 3 / 2) / (7 + 3 / Math.log2(3) + 1 / 2));
    close(ndcgAtK(['a'], rel, 2.9), 7 / (7 + 3 / Math.log2(3)));
  });

  it('returns 0 when nothing is relevant and rejects k < 1', () => {
    assert.equal(ndcgAtK(['a', 'b'], { a: 0 }, 5), 0);
    assert.equal(ndcgAtK([], rel, 5), 0);
    assert.throws(() => ndcgAtK(['a'], rel, 0), RangeError);
  });
});

describe('reciprocalRank', () => {
  const rel = { a: 1, b: 3, c: 2 };

  it('uses the first id at or above the threshold', () => {
    assert.equal(reciprocalRank(['x', 'a', 'b'], rel), 1 / 2);
    assert.equal(reciprocalRank(['x', 'a', 'b'], rel, 2), 1 / 3);
    assert.equal(reciprocalRank(['c', 'b'], rel, 3), 1 / 2);
  });

  it('is 0 when no id qualifies', () => {
    assert.equal(reciprocalRank(['x', 'y'], rel), 0);
    assert.equal(reciprocalRank([], rel), 0);
    assert.equal(reciprocalRank(['a'], rel, 2), 0);
  });
});

describe('summarizeRankings', () => {
  it('averages per query and skips queries with nothing relevant', () => {
    const s = summarizeRankings(
      [
        { queryId: 'q1', rankedIds: ['a', 'b'] },
        { queryId: 'q2', rankedIds: ['x', 'c'] },
        { queryId: 'q3', rankedIds: ['a'] },
        { queryId: 'unknown', rankedIds: ['a'] },
      ],
      { q1: { a: 2, b: 0 }, q2: { c: 1 }, q3: { a: 0 } },
      10,
    );
    assert.equal(s.queries, 2);
    // q1: ideal -> 1; q2: DCG = 1/log2(3), IDCG = 1
    close(s.meanNdcg, (1 + 1 / Math.log2(3)) / 2);
    close(s.mrr, (1 + 0.5) / 2);
    assert.deepEqual(
      s.perQuery.map((q) => q.queryId),
      ['q1', 'q2'],
    );
  });

  it('returns zeros for no queries', () => {
    assert.deepEqual(summarizeRankings([], {}, 5), { queries: 0, meanNdcg: 0, mrr: 0, perQuery: [] });
  });
});

describe('precisionAtK', () => {
  it('counts results at or above the threshold among the first k, a short list counting misses', () => {
    const rel = { a: 3, b: 1, c: 2 };
    assert.equal(precisionAtK(['a', 'b', 'c', 'x', 'y'], rel, 5, 2), 2 / 5);
    assert.equal(precisionAtK(['a', 'b'], rel, 4, 1), 2 / 4);
    assert.equal(precisionAtK(['x'], rel, 1), 0);
  });
});
