import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, describe, it } from 'node:test';
import { BullMqJobQueue } from './bullmq-job-queue.js';
import { InProcessJobQueue } from './in-process-job-queue.js';
import { RunnableJobQueue, UnrecoverableJobError } from './job-queue.js';
import { deleteRedisKeys } from '../../test/helpers/scratch-stores.js';

interface Flavour {
  name: string;
  /** Queues made with the same group share their jobs (BullMQ: one key prefix per group). */
  create(group: string): RunnableJobQueue;
}

const redisUrl = process.env.REDIS_URL;
// A prefix of its own per run: tests share the Redis database with others and never flush it.
const prefix = `hirematch-test-${randomBytes(6).toString('hex')}`;
const flavours: Flavour[] = [{ name: 'in-process', create: () => new InProcessJobQueue() }];
if (redisUrl) {
  flavours.push({
    name: 'BullMQ (Redis)',
    create: (group) =>
      new BullMqJobQueue({
        redisUrl,
        prefix: `${prefix}-${group}`,
        stalledIntervalMs: 1_000,
        commandTimeoutMs: 5_000,
        connectTimeoutMs: 1_000,
      }),
  });
  after(async () => {
    // This run's keys only (the Redis database is shared: never flushed).
    await deleteRedisKeys(redisUrl, `${prefix}-*`);
  });
} else {
  it('BullMQ flavour skipped: REDIS_URL is not set', () => undefined);
}

/** Resolves when `check` holds, polling; fails the test after `ms`. */
async function eventually(check: () => boolean, ms = 15_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) assert.fail('condition not reached in time');
    await sleep(20);
  }
}

for (const flavour of flavours) {
  describe(`JobQueue: ${flavour.name}`, () => {
    const open: RunnableJobQueue[] = [];
    // Every test its own group: a worker left open by another test must not take its jobs.
    const make = (group: string): RunnableJobQueue => {
      const queue = flavour.create(group);
      open.push(queue);
      return queue;
    };
    after(async () => {
      await Promise.all(open.map((queue) => queue.close(1_000)));
    });
    const unique = (name: string): string => `${name}-${randomBytes(4).toString('hex')}`;

    it('runs every job once, never more at a time than the concurrency', async () => {
      const queue = make(unique('group'));
      const name = unique('count');
      const seen: number[] = [];
      let running = 0;
      let peak = 0;
      queue.process<{ n: number }>(name, async ({ n }) => {
        running++;
        peak = Math.max(peak, running);
        await sleep(30);
        seen.push(n);
        running--;
      });
      queue.start(3);
      for (let n = 0; n < 12; n++) await queue.add(name, { n });
      await eventually(() => seen.length === 12);
      assert.deepEqual(
        [...seen].sort((a, b) => a - b),
        [...Array(12).keys()],
      );
      assert.ok(peak <= 3, `at most 3 at a time, saw ${peak}`);
      assert.ok(peak >= 2, 'jobs ran concurrently');
    });

    it('retries a failing job with backoff up to its attempts, counting attempts from 1', async () => {
      const queue = make(unique('group'));
      const name = unique('retry');
      const attempts: number[] = [];
      queue.process(name, (_data, context) => {
        attempts.push(context.attempt);
        return context.attempt < 3 ? Promise.reject(new Error('transient')) : Promise.resolve();
      });
      queue.start(1);
      await queue.add(name, {}, { attempts: 5, backoffMs: 20 });
      await eventually(() => attempts.length === 3);
      await sleep(300);
      assert.deepEqual(attempts, [1, 2, 3]);
    });

    it('gives up after the last attempt, and never retries an UnrecoverableJobError', async () => {
      const queue = make(unique('group'));
      const bounded = unique('bounded');
      const fatal = unique('fatal');
      let boundedRuns = 0;
      let fatalRuns = 0;
      queue.process(bounded, () => {
        boundedRuns++;
        return Promise.reject(new Error('always'));
      });
      queue.process(fatal, () => {
        fatalRuns++;
        return Promise.reject(new UnrecoverableJobError('bad input'));
      });
      queue.start(2);
      await queue.add(bounded, {}, { attempts: 2, backoffMs: 10 });
      await queue.add(fatal, {}, { attempts: 5, backoffMs: 10 });
      await eventually(() => boundedRuns === 2 && fatalRuns === 1);
      await sleep(400);
      assert.equal(boundedRuns, 2);
      assert.equal(fatalRuns, 1);
    });

    it('does not add a job whose id is already waiting', async () => {
      const queue = make(unique('group'));
      const name = unique('dedupe');
      let runs = 0;
      queue.process(name, () => {
        runs++;
        return Promise.resolve();
      });
      const jobId = unique('same');
      await queue.add(name, {}, { jobId, delayMs: 200 });
      await queue.add(name, {}, { jobId, delayMs: 200 });
      queue.start(1);
      await eventually(() => runs === 1);
      await sleep(500);
      assert.equal(runs, 1);
    });

    it('leaves jobs to the processes that work: one that only enqueues runs none of them', async () => {
      const group = unique('group');
      const producer = make(group);
      const worker = make(group);
      const name = unique('shared');
      let producerRuns = 0;
      let workerRuns = 0;
      producer.process(name, () => {
        producerRuns++;
        return Promise.resolve();
      });
      worker.process(name, () => {
        workerRuns++;
        return Promise.resolve();
      });
      worker.start(1);
      await producer.add(name, {});
      if (flavour.name === 'in-process') {
        // In memory, the queue is the process's own: nothing runs until it works itself.
        await sleep(200);
        assert.equal(producerRuns, 0);
        producer.start(1);
        await eventually(() => producerRuns === 1);
        assert.equal(workerRuns, 0);
      } else {
        await eventually(() => workerRuns === 1);
        assert.equal(producerRuns, 0);
      }
    });

    it('close() lets the running job finish and takes no new one', async () => {
      const queue = make(unique('group'));
      const name = unique('drain');
      const finished: number[] = [];
      let started = 0;
      queue.process<{ n: number }>(name, async ({ n }) => {
        started++;
        await sleep(300);
        finished.push(n);
      });
      queue.start(1);
      await queue.add(name, { n: 1 });
      await queue.add(name, { n: 2 }, { delayMs: 10_000 });
      await eventually(() => started === 1);
      await queue.close(5_000);
      assert.deepEqual(finished, [1]);
      assert.equal(started, 1);
    });
  });
}

describe('JobQueue: BullMQ against an unreachable Redis', () => {
  // Nothing listens on port 1: every wait must be bounded, or app.close() would hang on it.
  it('fails an add within its timeout and closes without hanging', { timeout: 30_000 }, async () => {
    const queue = new BullMqJobQueue({
      redisUrl: 'redis://127.0.0.1:1',
      prefix,
      stalledIntervalMs: 1_000,
      commandTimeoutMs: 500,
      connectTimeoutMs: 200,
    });
    queue.process('never', () => Promise.resolve());
    queue.start(1);
    await assert.rejects(queue.add('never', {}));
    await queue.close(500);
  });
});
