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

  it('gives tied items of a list the same rank, so the tie order does not decide the fused order', () => {
    const keyword = [
      { id: 'z', score: 0.5 },
      { id: 'a', score: 0.5 },
      { id: 'm', score: 0.2 },
    ];
    const fused = reciprocalRankFusion(
      [
        keyword,
        [
          { id: 'a', score: 0.9 },
          { id: 'z', score: 0.8 },
        ],
      ],
      0,
    );
    assert.deepEqual(fused.find((r) => r.id === 'z')!.ranks, [1, 2]);
    assert.deepEqual(fused.find((r) => r.id === 'a')!.ranks, [1, 1]);
    assert.deepEqual(fused.find((r) => r.id === 'm')!.ranks, [3, null], 'competition ranking: 1, 1, 3');
    assert.deepEqual(
      fused.map((r) => r.id),
      ['a', 'z', 'm'],
    );
    const swapped = reciprocalRankFusion(
      [
        [keyword[1], keyword[0], keyword[2]],
        [
          { id: 'a', score: 0.9 },
          { id: 'z', score: 0.8 },
        ],
      ],
      0,
    );
    assert.deepEqual(swapped, fused, 'the same fusion whichever way the tie was listed');
  });

  it("breaks an exact fused tie (ranks 1 + 4 vs 4 + 1) by the scores relative to each list's best", () => {
    const vector = [
      { id: 'p', score: 0.6 },
      { id: 'x', score: 0.5 },
      { id: 'y', score: 0.45 },
      { id: 'q', score: 0.3 },
    ];
    const keyword = [
      { id: 'q', score: 0.9 },
      { id: 'x', score: 0.8 },
      { id: 'y', score: 0.7 },
      { id: 'p', score: 0.1 },
    ];
    const fused = reciprocalRankFusion([vector, keyword]);
    const [p, q] = ['p', 'q'].map((id) => fused.find((r) => r.id === id)!);
    assert.equal(p.score, q.score, 'an exact RRF tie');
    // p: 0.6/0.6 + 0.1/0.9 = 1.11; q: 0.3/0.6 + 0.9/0.9 = 1.5
    assert.ok(fused.indexOf(q) < fused.indexOf(p));
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
    const fused = reciprocalRankFusion([
      [
        { id: 'a', x: 1 },
        { id: 'b', x: 2 },
        { id: 'a', x: 3 },
      ],
    ]);
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
