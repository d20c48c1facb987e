import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { degreeLevel, highestLevel, parseEducation } from './education.js';

describe('degreeLevel', () => {
  it('maps degree names and abbreviations to levels', () => {
    const cases: [string, string | null][] = [
      ['Ph.D. in Chemistry', 'doctorate'],
      ['Doctor of Pharmacy (PharmD)', 'doctorate'],
      ['Doctor of Nursing Practice (DNP)', 'doctorate'],
      ['MBA, Finance', 'master'],
      ['M.Sc. Statistics', 'master'],
      ['Master of Arts in Teaching', 'master'],
      ['B.S. in Computer Science', 'bachelor'],
      ['BSc (Hons) Computer Science', 'bachelor'],
      ['Bachelor of Science in Nursing (BSN)', 'bachelor'],
      ['Licenciatura en Ingeniería Industrial', 'bachelor'],
      ['Associate of Applied Science in Business', 'associate'],
      ['High School Diploma', 'secondary'],
      ['GED', 'secondary'],
      ['Harvard University, Cambridge, MA', null],
      ['Associate Director of Sales', null],
    ];
    for (const [text, level] of cases) assert.equal(degreeLevel(text)?.level ?? null, level, text);
  });
});

describe('parseEducation', () => {
  it('reads degree, field, institution and year in several layouts', () => {
    assert.deepEqual(parseEducation(['B.S. in Computer Science, University of Texas at Austin, 2014']), [
      { degree: 'B.S.', field: 'Computer Science', institution: 'University of Texas at Austin', year: 2014, level: 'bachelor' },
    ]);
    const stacked = parseEducation(['University of Michigan', 'Master of Science in Mechanical Engineering', 'Graduated 2014']);
    assert.equal(stacked[0].institution, 'University of Michigan');
    assert.equal(stacked[0].field, 'Mechanical Engineering');
    assert.equal(stacked[0].year, 2014);
    assert.equal(stacked[0].level, 'master');
  });

  it('finds the highest level', () => {
    const e = parseEducation(['MBA, Wharton School, 2015', 'BA Economics, Boston College, 2010', 'High School Diploma, 2006']);
    assert.equal(highestLevel(e), 'master');
    assert.equal(highestLevel([]), null);
  });
});
