import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { findDateRanges, mergedMonths, parseDatePoint, rangeMonths, toIsoMonth, totalYears } from './date-ranges.js';

const now = new Date('2025-06-15T12:00:00Z');
const one = (s: string) => {
  const r = findDateRanges(s, { now });
  assert.equal(r.length, 1, `one range in ${JSON.stringify(s)}, got ${r.length}`);
  return r[0];
};

describe('parseDatePoint', () => {
  it('reads the usual resume date formats', () => {
    assert.deepEqual(parseDatePoint('Jan 2019'), { ym: { year: 2019, month: 1 }, precision: 'month' });
    assert.deepEqual(parseDatePoint('September, 2020'), { ym: { year: 2020, month: 9 }, precision: 'month' });
    assert.deepEqual(parseDatePoint("Mar '19"), { ym: { year: 2019, month: 3 }, precision: 'month' });
    assert.deepEqual(parseDatePoint('03/2015'), { ym: { year: 2015, month: 3 }, precision: 'month' });
    assert.deepEqual(parseDatePoint('2015.06'), { ym: { year: 2015, month: 6 }, precision: 'month' });
    assert.deepEqual(parseDatePoint('2017'), { ym: { year: 2017, month: 1 }, precision: 'year' });
    assert.deepEqual(parseDatePoint('Summer 2018'), { ym: { year: 2018, month: 6 }, precision: 'month' });
    assert.equal(parseDatePoint('Present'), null);
  });
});

describe('findDateRanges', () => {
  it('finds ranges in many formats', () => {
    const a = one('Senior Engineer, Acme   Jan 2019 – Present');
    assert.deepEqual([toIsoMonth(a.start), a.end, a.current], ['2019-01', null, true]);
    const b = one('Initech | 2017-2019');
    assert.deepEqual([toIsoMonth(b.start), toIsoMonth(b.end), b.endPrecision], ['2017-01', '2019-01', 'year']);
    const c = one('03/2015 - 06/2018 Analyst');
    assert.deepEqual([toIsoMonth(c.start), toIsoMonth(c.end)], ['2015-03', '2018-06']);
    const d = one('Mar. 2015 to Jun. 2018');
    assert.deepEqual([toIsoMonth(d.start), toIsoMonth(d.end)], ['2015-03', '2018-06']);
    const e = one('2019.03 – 2021.06');
    assert.deepEqual([toIsoMonth(e.start), toIsoMonth(e.end)], ['2019-03', '2021-06']);
    assert.equal(one('Since 2020').current, true);
    assert.equal(one('January 2019 - Current').current, true);
    assert.equal(one('Ene 2018 – Actualidad').current, true);
  });

  it('ignores lone years unless asked, and impossible ranges', () => {
    assert.deepEqual(findDateRanges('Graduated 2014', { now }), []);
    assert.equal(findDateRanges('Graduated 2014', { now, allowSingle: true }).length, 1);
    assert.deepEqual(findDateRanges('2019 - 2015', { now }), []);
    assert.deepEqual(findDateRanges('Call 2019-2020-3344', { now }), []);
  });
});

describe('merging', () => {
  it('counts month ranges inclusively and year ranges start-to-start', () => {
    assert.deepEqual(
      rangeMonths(one('Jan 2019 - Mar 2019'), now).map((x) => x % 12),
      [0, 3],
    );
    assert.equal(mergedMonths([one('Jan 2019 - Mar 2019')], now), 3);
    assert.equal(mergedMonths([one('2017 - 2019')], now), 24);
  });

  it('does not double count overlaps', () => {
    const ranges = [one('Jan 2015 - Dec 2018'), one('Jun 2017 - Dec 2019'), one('Jan 2021 - Dec 2021')];
    // 2015-01..2019-12 = 60 months, + 12
    assert.equal(mergedMonths(ranges, now), 72);
    assert.equal(totalYears(ranges, now), 6);
  });

  it('uses the injected "now" for current roles', () => {
    assert.equal(totalYears([one('Jun 2024 - Present')], now), 1.1);
    assert.equal(totalYears([one('Jun 2024 - Present')], new Date('2024-11-30')), 0.5);
  });
});
