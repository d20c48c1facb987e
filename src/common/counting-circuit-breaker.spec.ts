import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CountingCircuitBreaker, isBreakerOpenError } from './counting-circuit-breaker.js';

/** A dependency that fails on demand (fault injection without mocking opossum). */
class FlakyDependency {
  failing = true;
  calls = 0;
  async call(x: number): Promise<number> {
    this.calls++;
    if (this.failing) throw new Error('injected failure');
    return x;
  }
}

/** The reset timer may fire late on a loaded machine: wait for the state, with a deadline. */
async function untilHalfOpen(breaker: { state: string }): Promise<void> {
  const deadline = Date.now() + 5_000;
  while (breaker.state !== 'half-open' && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
}

describe('CountingCircuitBreaker', () => {
  it('goes closed -> open after N failures -> half-open after the reset timeout -> closed on success', async () => {
    const dependency = new FlakyDependency();
    const breaker = new CountingCircuitBreaker((x: number) => dependency.call(x), {
      failureThreshold: 3,
      failureWindowMs: 60_000,
      resetTimeoutMs: 150,
      timeoutMs: 1_000,
    });
    try {
      for (let i = 0; i < 2; i++) await assert.rejects(breaker.fire(i), /injected failure/);
      assert.equal(breaker.state, 'closed', 'two failures do not open it');
      await assert.rejects(breaker.fire(3), /injected failure/);
      assert.equal(breaker.state, 'open');

      const callsWhenOpened = dependency.calls;
      await assert.rejects(breaker.fire(4), (error) => isBreakerOpenError(error));
      assert.equal(dependency.calls, callsWhenOpened, 'open: the dependency is not called');

      await untilHalfOpen(breaker);
      assert.equal(breaker.state, 'half-open');
      await assert.rejects(breaker.fire(5), /injected failure/);
      assert.equal(breaker.state, 'open', 'a failed trial re-opens it');

      await untilHalfOpen(breaker);
      dependency.failing = false;
      assert.equal(await breaker.fire(6), 6);
      assert.equal(breaker.state, 'closed');
      assert.equal(breaker.counts.opened, 2);
    } finally {
      breaker.shutdown();
    }
  });

  it('counts only failures inside the window', async () => {
    const dependency = new FlakyDependency();
    const breaker = new CountingCircuitBreaker((x: number) => dependency.call(x), {
      failureThreshold: 3,
      failureWindowMs: 100,
      resetTimeoutMs: 1_000,
      timeoutMs: 1_000,
    });
    try {
      await assert.rejects(breaker.fire(1));
      await assert.rejects(breaker.fire(2));
      await new Promise((resolve) => setTimeout(resolve, 150));
      await assert.rejects(breaker.fire(3));
      assert.equal(breaker.state, 'closed', 'the first two fell out of the window');
    } finally {
      breaker.shutdown();
    }
  });

  it('counts a timeout as a failure', async () => {
    const breaker = new CountingCircuitBreaker(() => new Promise<number>((resolve) => setTimeout(() => resolve(1), 500)), {
      failureThreshold: 1,
      failureWindowMs: 60_000,
      resetTimeoutMs: 1_000,
      timeoutMs: 20,
    });
    try {
      await assert.rejects(breaker.fire());
      assert.equal(breaker.state, 'open');
      assert.equal(breaker.counts.timeouts, 1);
    } finally {
      breaker.shutdown();
    }
  });
});
