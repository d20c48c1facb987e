import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MicroBatcher } from './micro-batcher.js';

describe('MicroBatcher', () => {
  it('gathers concurrent calls into bounded batches and routes each result back', async () => {
    const batches: number[][] = [];
    const batcher = new MicroBatcher(
      async (items: number[]) => {
        batches.push(items);
        return items.map((n) => n * 10);
      },
      { windowMs: 5, maxBatch: 4 },
    );
    const results = await Promise.all([1, 2, 3, 4, 5, 6].map((n) => batcher.submit(n)));
    assert.deepEqual(results, [10, 20, 30, 40, 50, 60]);
    assert.deepEqual(batches, [[1, 2, 3, 4], [5, 6]]);
  });

  it('rejects every caller of a failed batch, and keeps working afterwards', async () => {
    let fail = true;
    const batcher = new MicroBatcher(
      async (items: string[]) => {
        if (fail) throw new Error('model down');
        return items;
      },
      { windowMs: 1, maxBatch: 8 },
    );
    const outcomes = await Promise.allSettled([batcher.submit('a'), batcher.submit('b')]);
    assert.deepEqual(outcomes.map((o) => o.status), ['rejected', 'rejected']);
    fail = false;
    assert.equal(await batcher.submit('c'), 'c');
  });
});
