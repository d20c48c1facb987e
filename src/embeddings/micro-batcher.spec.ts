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

  it("drops an aborted caller's queued item: it never reaches the model, the others still do", async () => {
    const batches: number[][] = [];
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const batcher = new MicroBatcher(
      async (items: number[]) => {
        batches.push(items);
        if (batches.length === 1) await gate;
        return items.map((n) => n * 10);
      },
      { windowMs: 0, maxBatch: 32 },
    );
    const first = batcher.submit(1);
    await new Promise((resolve) => setTimeout(resolve, 5)); // the first batch is now running
    const gone = new AbortController();
    const abandoned = batcher.submit(2, gone.signal);
    const kept = batcher.submit(3, new AbortController().signal);
    assert.equal(batcher.queued, 2);
    gone.abort(new Error('client went away'));
    await assert.rejects(abandoned, /client went away/);
    assert.equal(batcher.queued, 1, 'the aborted item left the queue at once');
    release();
    assert.deepEqual(await Promise.all([first, kept]), [10, 30]);
    assert.deepEqual(batches, [[1], [3]]);
  });

  it('rejects a caller whose signal is already aborted without queueing it', async () => {
    let calls = 0;
    const batcher = new MicroBatcher(
      async (items: number[]) => {
        calls++;
        return items;
      },
      { windowMs: 0, maxBatch: 4 },
    );
    await assert.rejects(batcher.submit(1, AbortSignal.abort(new Error('too late'))), /too late/);
    assert.equal(batcher.queued, 0);
    assert.equal(calls, 0);
  });

  it("aborts a running batch's signal only when every caller in it gave up", async () => {
    const seen: AbortSignal[] = [];
    const batcher = new MicroBatcher(
      (items: number[], signal: AbortSignal) => {
        seen.push(signal);
        return new Promise<number[]>((resolve, reject) => {
          signal.addEventListener('abort', () => reject(new Error('stopped')));
          setTimeout(() => resolve(items), 50);
        });
      },
      { windowMs: 0, maxBatch: 4 },
    );
    const a = new AbortController();
    const b = new AbortController();
    const results = [batcher.submit(1, a.signal), batcher.submit(2, b.signal)].map((p) => p.catch((error: Error) => error.message));
    await new Promise((resolve) => setTimeout(resolve, 5));
    a.abort(new Error('a left'));
    assert.equal(seen[0].aborted, false, 'b still waits');
    b.abort(new Error('b left'));
    assert.equal(seen[0].aborted, true);
    assert.deepEqual(await Promise.all(results), ['a left', 'b left']);
  });

  it('fails only the caller whose item the run answers with an Error', async () => {
    const batcher = new MicroBatcher(async (items: number[]) => items.map((n) => (n === 2 ? new Error('too long') : n)), {
      windowMs: 0,
      maxBatch: 4,
    });
    const outcomes = await Promise.allSettled([1, 2, 3].map((n) => batcher.submit(n)));
    assert.deepEqual(
      outcomes.map((o) => (o.status === 'fulfilled' ? o.value : (o.reason as Error).message)),
      [1, 'too long', 3],
    );
  });
});
