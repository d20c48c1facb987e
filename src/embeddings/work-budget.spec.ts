import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { budgetProblem, estimateWindows, WindowQueue } from './work-budget.js';

describe('work budgets', () => {
  it('estimates at least one window per text, more for long texts', () => {
    assert.equal(estimateWindows(0), 1);
    assert.equal(estimateWindows(10), 1);
    assert.ok(estimateWindows(50_000) > estimateWindows(5_000));
  });

  it('names the text or the request that is over budget, and passes what fits', () => {
    const limits = { maxTextChars: 100, maxRequestChars: 250 };
    assert.equal(budgetProblem(['a'.repeat(100), 'b'.repeat(100)], limits), null);
    assert.match(budgetProblem(['a'.repeat(101)], limits)!, /101 characters exceeds the 100-character budget per text/);
    assert.match(budgetProblem(['a'.repeat(100), 'b'.repeat(100), 'c'.repeat(51)], limits)!, /251 characters in one request/);
  });
});

describe('WindowQueue (admission control)', () => {
  it('refuses work that would exceed the budget while work is queued, and admits again once it is released', () => {
    const queue = new WindowQueue(10);
    const first = queue.tryAdmit(6)!;
    assert.ok(first);
    assert.equal(queue.tryAdmit(5), null);
    const second = queue.tryAdmit(4)!;
    assert.equal(queue.windows, 10);
    first();
    first(); // releasing twice counts once
    assert.equal(queue.windows, 4);
    assert.ok(queue.tryAdmit(6));
    second();
  });

  it('lets one request through when nothing is queued, however large', () => {
    const queue = new WindowQueue(10);
    assert.ok(queue.tryAdmit(40));
  });

  it('counts background work without refusing it, and suggests a Retry-After of at least a second', () => {
    const queue = new WindowQueue(10, 25);
    const background = queue.force(200);
    assert.equal(queue.tryAdmit(1), null);
    assert.equal(queue.retryAfterSeconds(), 5);
    background();
    assert.equal(queue.retryAfterSeconds(), 1);
  });
});
