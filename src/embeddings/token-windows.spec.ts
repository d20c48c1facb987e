import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { averageUnitVectors, splitIntoWindows } from './token-windows.js';

describe('splitIntoWindows', () => {
  it('keeps a short text as one window', () => {
    assert.deepEqual(splitIntoWindows([1, 2, 3], 254, 32), [[1, 2, 3]]);
  });

  it('cuts long input into overlapping windows that cover every piece', () => {
    const ids = Array.from({ length: 600 }, (_, i) => i);
    const windows = splitIntoWindows(ids, 254, 32);
    assert.ok(windows.every((w) => w.length <= 254));
    assert.deepEqual(windows[1].slice(0, 32), windows[0].slice(-32), 'consecutive windows overlap');
    assert.equal(windows.at(-1)!.at(-1), 599, 'the end is covered');
    assert.deepEqual(
      [...new Set(windows.flat())].sort((a, b) => a - b),
      ids,
    );
  });

  it('rejects an overlap that would never advance', () => {
    assert.throws(() => splitIntoWindows([1, 2, 3], 4, 4), RangeError);
  });
});

describe('averageUnitVectors', () => {
  it('returns a unit vector pointing between its inputs', () => {
    const v = averageUnitVectors([Float32Array.from([1, 0]), Float32Array.from([0, 1])]);
    assert.ok(Math.abs(v[0] - Math.SQRT1_2) < 1e-6 && Math.abs(v[1] - Math.SQRT1_2) < 1e-6);
  });
});
