import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { parseExperience } from './experience.js';

const now = new Date('2025-06-15T12:00:00Z');
const pos = (text: string) =>
  parseExperience(text.split('\n'), { now }).entries.map((e) => [e.title, e.company, e.start, e.end, e.current]);

describe('parseExperience', () => {
  it('one-line layout: title — company, location    dates', () => {
    assert.deepEqual(
      pos('Senior Engineer — Acme Corp, Austin, TX    Jan 2019 – Present\n• Built things.\nEngineer | Initech | 2015 - 2019'),
      [
        ['Senior Engineer', 'Acme Corp', '2019-01', null, true],
        ['Engineer', 'Initech', '2015-01', '2019-01', false],
      ],
    );
  });

  it('stacked layout: title, company, dates on separate lines', () => {
    assert.deepEqual(
      pos(
        'Staff Nurse\nMercy General Hospital, Worcester, MA\nMarch 2016 - December 2018\n- Cared for patients.\nCharge Nurse\nSt. Luke Clinic\nJanuary 2019 - Current\n- Led shifts.',
      ),
      [
        ['Staff Nurse', 'Mercy General Hospital', '2016-03', '2018-12', false],
        ['Charge Nurse', 'St. Luke Clinic', '2019-01', null, true],
      ],
    );
  });

  it('dates-first and "title at company (dates)" layouts', () => {
    assert.deepEqual(pos('03/2015 - 06/2018 | Data Analyst | Retailytics Pvt Ltd, Chennai\n* Wrote SQL.'), [
      ['Data Analyst', 'Retailytics Pvt Ltd', '2015-03', '2018-06', false],
    ]);
    assert.deepEqual(pos('Store Manager at Desert Outfitters (2018 - Present)\n- Led a team.'), [
      ['Store Manager', 'Desert Outfitters', '2018-01', null, true],
    ]);
  });

  it('header below the dates', () => {
    assert.deepEqual(pos('Jan 2019 – Present\nSenior Engineer\nAcme Corp\n• Did work.\n2015 – 2018\nEngineer\nInitech LLC\n• More work.'), [
      ['Senior Engineer', 'Acme Corp', '2019-01', null, true],
      ['Engineer', 'Initech LLC', '2015-01', '2018-01', false],
    ]);
  });

  it('"Employer — Title" line followed by a date line', () => {
    assert.deepEqual(
      pos(
        'Rush Oak Park Hosp. — RN, 4 West (M/S-ortho), 36 beds\n10/2020–present\n— Pt load 5–6; full assessments q4h\n— Charge RN 2x/wk\n\nLoyola Med. Ctr. — Student Nurse Extern, 5N Surg\n06/2019–08/2020\n— Vital signs',
      ),
      [
        ['RN', 'Rush Oak Park Hosp.', '2020-10', null, true],
        ['Student Nurse Extern', 'Loyola Med. Ctr.', '2019-06', '2020-08', false],
      ],
    );
    assert.deepEqual(pos('Pennine Outdoor Retail Ltd — Financial Accountant\nSept 2020 – Apr 2024\n• Prepared accounts.'), [
      ['Financial Accountant', 'Pennine Outdoor Retail Ltd', '2020-09', '2024-04', false],
    ]);
  });

  it('keeps an employer with its location as the company', () => {
    assert.deepEqual(
      pos('Group Financial Accountant — Pennine Outdoor Retail Ltd, Leeds, UK\nSept 2020 – Apr 2024\n• Prepared accounts.'),
      [['Group Financial Accountant', 'Pennine Outdoor Retail Ltd', '2020-09', '2024-04', false]],
    );
  });

  it('returns the ranges for the total', () => {
    assert.equal(parseExperience(['A at B (2019 - 2020)', 'C at D (2020 - 2021)'], { now }).ranges.length, 2);
  });
});
