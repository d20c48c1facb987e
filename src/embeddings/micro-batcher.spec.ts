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
    assert.deepEqual(batches, [
      [1, 2, 3, 4],
      [5, 6],
    ]);
  });

  it('gathers calls that arrive while a batch runs into the next batch', async () => {
    const batches: number[][] = [];
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const batcher = new MicroBatcher(
      async (items: number[]) => {
        batches.push(items);
        if (batches.length === 1) await gate;
        return items;
      },
      { windowMs: 0, maxBatch: 32 },
    );
    const first = batcher.submit(1);
    await new Promise((resolve) => setTimeout(resolve, 5)); // the first batch is now running
    const later = [2, 3, 4, 5].map((n) => batcher.submit(n));
    release();
    assert.deepEqual(await Promise.all([first, ...later]), [1, 2, 3, 4, 5]);
    assert.deepEqual(batches, [[1], [2, 3, 4, 5]]);
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
    assert.deepEqual(
      outcomes.map((o) => o.status),
      ['rejected', 'rejected'],
    );
    fail = false;
    assert.equal(await batcher.submit('c'), 'c');
  });
});
