import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { planRuns } from './bert-batch.js';

describe('planRuns', () => {
  it('sorts windows by length and cuts runs by count and by padded tokens', () => {
    // lengths by index: 0:256, 1:10, 2:256, 3:12, 4:100
    const lengths = [256, 10, 256, 12, 100];
    assert.deepEqual(planRuns(lengths, 32, 512), [
      [1, 3, 4],
      [0, 2],
    ]);
    assert.deepEqual(planRuns(lengths, 2, 512), [[1, 3], [4, 0], [2]]);
    // 4 x 100 = 400 padded tokens fit 400; the 256s must go one per run.
    assert.deepEqual(planRuns(lengths, 32, 300), [[1, 3, 4], [0], [2]]);
  });

  it('cuts by count only when the token budget is 0, and keeps every window once', () => {
    const lengths = Array.from({ length: 70 }, (_, i) => (i * 37) % 256);
    const runs = planRuns(lengths, 32, 0);
    assert.deepEqual(
      runs.map((run) => run.length),
      [32, 32, 6],
    );
    assert.deepEqual(
      runs.flat().sort((a, b) => a - b),
      lengths.map((_, i) => i),
    );
  });
});
