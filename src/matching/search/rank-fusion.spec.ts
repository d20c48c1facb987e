import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { fuseRankedLists, NQC_DEPTH, nqcWeightedFusion, reciprocalRankFusion, relativeScoreFusion, topSpread } from './rank-fusion.js';

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

describe('relativeScoreFusion', () => {
  it('scales each list to 0..1 (best 1, worst 0), weights and sums; a missing id adds 0', () => {
    const fused = relativeScoreFusion([
      [
        { id: 'a', score: 10 },
        { id: 'b', score: 5 },
        { id: 'c', score: 0 },
      ],
      [
        { id: 'b', score: 0.9 },
        { id: 'c', score: 0.8 },
        { id: 'd', score: 0.7 },
      ],
    ]);
    assert.deepEqual(
      fused.map((r) => [r.id, Number(r.score.toFixed(6))]),
      [
        ['b', 0.75],
        ['a', 0.5],
        ['c', 0.25],
        ['d', 0],
      ],
    );
    assert.deepEqual(fused[0].ranks, [2, 1]);
    assert.deepEqual(fused[1].ranks, [1, null]);
  });

  it('follows score gaps where RRF follows ranks', () => {
    // The first list has one clear answer; the second barely separates its top three.
    const clear = [
      { id: 'x', score: 30 },
      { id: 'y', score: 3 },
      { id: 'z', score: 2 },
    ];
    const close = [
      { id: 'y', score: 0.61 },
      { id: 'z', score: 0.605 },
      { id: 'x', score: 0.6 },
      { id: 'w', score: 0.1 },
    ];
    assert.equal(relativeScoreFusion([clear, close])[0].id, 'x');
    assert.equal(reciprocalRankFusion([clear, close])[0].id, 'y');
  });

  it('gives every item of a flat list full credit, so the other list decides', () => {
    const flat = [
      { id: 'p', score: 1 },
      { id: 'q', score: 1 },
    ];
    const decisive = [
      { id: 'q', score: 4 },
      { id: 'p', score: 1 },
    ];
    const fused = relativeScoreFusion([flat, decisive]);
    assert.deepEqual(
      fused.map((r) => r.id),
      ['q', 'p'],
    );
    assert.deepEqual(fused[1].ranks, [1, 2], 'tied items share a rank');
  });

  it('applies weights and rejects bad ones', () => {
    const lists = [
      [
        { id: 'a', score: 2 },
        { id: 'b', score: 1 },
      ],
      [
        { id: 'b', score: 2 },
        { id: 'a', score: 1 },
      ],
    ];
    assert.equal(relativeScoreFusion(lists, [0.8, 0.2])[0].id, 'a');
    assert.equal(relativeScoreFusion(lists, [0.2, 0.8])[0].id, 'b');
    assert.throws(() => relativeScoreFusion(lists, [1]), RangeError);
    assert.throws(() => relativeScoreFusion(lists, [1, -1]), RangeError);
  });
});

const scored = (...pairs: Array<[string, number]>) => pairs.map(([id, score]) => ({ id, score }));

describe('topSpread (NQC on normalised scores)', () => {
  it('is larger for a list whose best results stand out than for a flat top', () => {
    const standsOut = scored(['a', 10], ['b', 2], ['c', 1.5], ['d', 1]);
    const flatTop = scored(['a', 10], ['b', 9.8], ['c', 9.7], ['d', 1]);
    assert.ok(topSpread(standsOut, 3) > topSpread(flatTop, 3));
  });

  it('does not depend on the scale or offset of the scores (cosine and BM25 compare)', () => {
    const list = scored(['a', 0.9], ['b', 0.7], ['c', 0.65], ['d', 0.6]);
    const scaled = list.map((item) => ({ id: item.id, score: item.score * 40 + 3 }));
    assert.ok(Math.abs(topSpread(list, 3) - topSpread(scaled, 3)) < 1e-12);
  });

  it('counts the places past the end of a short list as its worst score, and an empty or flat list as 0', () => {
    const k = NQC_DEPTH;
    // one hit: normalised 1, then k - 1 zeros
    const expected = Math.sqrt(1 / k - 1 / k ** 2);
    assert.ok(Math.abs(topSpread(scored(['a', 3])) - expected) < 1e-12);
    assert.equal(topSpread([]), 0);
    assert.equal(topSpread(scored(['a', 1], ['b', 1], ['c', 1]), 3), 0);
  });
});

describe('nqcWeightedFusion', () => {
  // The first list separates its best result clearly; the second ranks the other way with a flat top.
  const confident = scored(['x', 9], ['y', 2], ['z', 1.5], ['w', 1]);
  const unsure = scored(['y', 0.8], ['z', 0.79], ['w', 0.78], ['x', 0.5]);

  it('weighs each list by its spread, so a confident list outweighs a flat-topped one where equal weights tie or lose', () => {
    assert.equal(nqcWeightedFusion([confident, unsure], 3)[0].id, 'x');
    assert.equal(relativeScoreFusion([confident, unsure])[0].id, 'y', 'equal weights follow the flat list');
    // the same when the lists come in the other order
    assert.equal(nqcWeightedFusion([unsure, confident], 3)[0].id, 'x');
  });

  it('uses the predicted weights, summing to 1, inside relative score fusion', () => {
    const spreads = [topSpread(confident, 3), topSpread(unsure, 3)];
    const total = spreads[0] + spreads[1];
    assert.deepEqual(
      nqcWeightedFusion([confident, unsure], 3),
      relativeScoreFusion(
        [confident, unsure],
        spreads.map((s) => s / total),
      ),
    );
  });

  it('falls back to equal weights when no list has any spread, and handles empty lists', () => {
    const flat = scored(['a', 1], ['b', 1]);
    assert.deepEqual(nqcWeightedFusion([flat, flat]), relativeScoreFusion([flat, flat]));
    assert.deepEqual(nqcWeightedFusion([[], []]), []);
    assert.deepEqual(
      nqcWeightedFusion([[], scored(['a', 2], ['b', 1])]).map((r) => r.id),
      ['a', 'b'],
    );
  });
});

describe('fuseRankedLists', () => {
  it('drops the query record from every list before fusing, so its own top score does not squeeze the others', () => {
    // "More like this": the record itself tops both lists (cosine 1, all of its terms).
    const vector = scored(['self', 1], ['a', 0.9], ['b', 0.8], ['c', 0.2]);
    const keyword = scored(['self', 200], ['b', 30], ['a', 10], ['c', 9]);
    for (const method of ['nqc', 'relative', 'rrf'] as const) {
      const fused = fuseRankedLists(method, [vector, keyword], 'self');
      assert.ok(!fused.some((r) => r.id === 'self'), method);
      const without = [vector.slice(1), keyword.slice(1)];
      assert.deepEqual(fused, fuseRankedLists(method, without), method);
    }
    // Left in, the record sets each list's best: b's keyword lead (30 vs 10, of 200) nearly vanishes and the vector list decides.
    const squeezed = relativeScoreFusion([vector, keyword]).filter((r) => r.id !== 'self');
    assert.equal(squeezed[0].id, 'a');
    assert.equal(fuseRankedLists('relative', [vector, keyword], 'self')[0].id, 'b');
  });

  it('dispatches on the method', () => {
    const lists = [scored(['a', 3], ['b', 2]), scored(['b', 5], ['a', 1])];
    assert.deepEqual(fuseRankedLists('rrf', lists), reciprocalRankFusion(lists));
    assert.deepEqual(fuseRankedLists('relative', lists), relativeScoreFusion(lists));
    assert.deepEqual(fuseRankedLists('nqc', lists), nqcWeightedFusion(lists));
  });
});
