import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { EDUCATION_LABEL, EDUCATION_LEVELS, educationRank, highestEducationLevel, type EducationLevel } from './education-levels.js';

describe('education levels', () => {
  it('ranks levels lowest first, and anything else below them all', () => {
    assert.deepEqual(
      EDUCATION_LEVELS.map((level) => educationRank(level)),
      [0, 1, 2, 3, 4, 5],
    );
    assert.equal(educationRank(null), -1);
    assert.equal(educationRank('diploma' as EducationLevel), -1);
  });

  it('picks the highest level and ignores nulls', () => {
    assert.equal(highestEducationLevel(['bachelor', null, 'doctorate', 'master']), 'doctorate');
    assert.equal(highestEducationLevel([null]), null);
    assert.equal(highestEducationLevel([]), null);
  });

  it('has a label for every level', () => {
    assert.deepEqual(Object.keys(EDUCATION_LABEL).sort(), [...EDUCATION_LEVELS].sort());
  });
});
