import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { reciprocalRankFusion } from './rank-fusion.js';

const ids = (...xs: string[]) => xs.map((id) => ({ id }));

describe('reciprocalRankFusion', () => {
  it('sums 1 / (k + rank) over lists, with per-list ranks', () => {
    const fused = reciprocalRankFusion([ids('a', 'b', 'c'), ids('b', 'c', 'd')]);
    assert.deepEqual(
      fused.map((r) => r.id),
      ['b', 'c', 'a', 'd'],
    );
    const b = fused[0];
    assert.equal(b.score, 1 / 62 + 1 / 61);
    assert.deepEqual(b.ranks, [2, 1]);
    assert.deepEqual(fused[2], { id: 'a', score: 1 / 61, ranks: [1, null] });
    assert.deepEqual(fused[3], { id: 'd', score: 1 / 63, ranks: [null, 3] });
  });

  it('uses the given k', () => {
    const fused = reciprocalRankFusion([ids('x', 'y')], 0);
    assert.deepEqual(fused, [
      { id: 'x', score: 1, ranks: [1] },
      { id: 'y', score: 0.5, ranks: [2] },
    ]);
  });

  it('breaks ties by id ascending, including float-noise ties', () => {
    const fused = reciprocalRankFusion([ids('m', 'z', 'a'), ids('z', 'a', 'm'), ids('a', 'm', 'z')]);
    // every id has ranks {1, 2, 3} in some order
    assert.deepEqual(
      fused.map((r) => r.id),
      ['a', 'm', 'z'],
    );
    const two = reciprocalRankFusion([ids('b', 'a'), ids('a', 'b')]);
    assert.deepEqual(
      two.map((r) => r.id),
      ['a', 'b'],
    );
  });

  it('keeps the first rank of a duplicated id and keeps extra fields out of the result', () => {
    const fused = reciprocalRankFusion([[{ id: 'a', x: 1 }, { id: 'b', x: 2 }, { id: 'a', x: 3 }]]);
    assert.deepEqual(fused, [
      { id: 'a', score: 1 / 61, ranks: [1] },
      { id: 'b', score: 1 / 62, ranks: [2] },
    ]);
  });

  it('handles empty input and rejects a bad k', () => {
    assert.deepEqual(reciprocalRankFusion([]), []);
    assert.deepEqual(reciprocalRankFusion([[], []]), []);
    assert.throws(() => reciprocalRankFusion([ids('a')], -1), RangeError);
    assert.throws(() => reciprocalRankFusion([ids('a')], Number.NaN), RangeError);
  });
});
