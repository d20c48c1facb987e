import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { scoreEducation, scoreExperience, scoreLocation, scoreTitle, titleHead, titleTokens } from './other-factors.js';

describe('scoreExperience', () => {
  it('gives full credit at or above the minimum', () => {
    assert.deepEqual(scoreExperience(3, 3), {
      score: 1,
      status: 'met',
      candidateYears: 3,
      requiredYears: 3,
      evidence: ['3 years of experience vs 3 required'],
    });
    assert.equal(scoreExperience(12, 5).score, 1);
  });

  it('gives linear partial credit below the minimum', () => {
    const e = scoreExperience(1.5, 3);
    assert.equal(e.score, 0.5);
    assert.equal(e.status, 'partial');
    assert.deepEqual(e.evidence, ['1.5 years of experience vs 3 required (1.5 years short)']);
    assert.equal(scoreExperience(1, 4).evidence[0], '1 year of experience vs 4 required (3 years short)');
    assert.equal(scoreExperience(0, 2).score, 0);
    assert.equal(scoreExperience(0, 2).status, 'unmet');
  });

  it('is full when nothing is required and neutral when the candidate is unknown', () => {
    assert.equal(scoreExperience(null, null).score, 1);
    assert.equal(scoreExperience(2, 0).status, 'not_applicable');
    assert.deepEqual(scoreExperience(2, 0).evidence, ['No minimum experience required; 2 years of experience']);
    const u = scoreExperience(null, 4);
    assert.equal(u.score, 0.5);
    assert.deepEqual(u.evidence, ['Years of experience unclear; 4 required']);
    assert.equal(scoreExperience(Number.NaN, 4).status, 'unknown');
  });
});

describe('scoreEducation', () => {
  it('compares ordered levels', () => {
    assert.equal(scoreEducation('master', 'bachelor').score, 1);
    assert.deepEqual(scoreEducation('master', 'bachelor').evidence, [
      "Holds a master's degree, which exceeds the bachelor's degree requirement",
    ]);
    assert.deepEqual(scoreEducation('bachelor', 'bachelor').evidence, [
      "Holds a bachelor's degree, which meets the bachelor's degree requirement",
    ]);
    assert.equal(scoreEducation('associate', 'bachelor').score, 0.5);
    assert.equal(scoreEducation('secondary', 'bachelor').score, 0.25);
    assert.equal(scoreEducation('secondary', 'master').score, 0);
    assert.equal(scoreEducation('secondary', 'master').status, 'unmet');
    assert.deepEqual(scoreEducation('associate', 'bachelor').evidence, [
      "Highest education is an associate degree; bachelor's degree required",
    ]);
  });

  it('handles missing requirement and missing candidate level', () => {
    assert.equal(scoreEducation(null, null).score, 1);
    assert.equal(scoreEducation('secondary', 'none').score, 1);
    assert.equal(scoreEducation(null, 'master').score, 0.5);
    assert.equal(scoreEducation(null, 'master').status, 'unknown');
  });
});

describe('scoreLocation', () => {
  it('gives 1 for a remote job whatever the candidate location', () => {
    assert.equal(scoreLocation('Lisbon, Portugal', 'Austin, TX', true).score, 1);
    assert.equal(scoreLocation(null, 'Remote (US)', false).score, 1);
    assert.deepEqual(scoreLocation(null, null, true).evidence, ['Remote role, so location is not a constraint']);
  });

  it('gives 1 for the same city or region', () => {
    assert.equal(scoreLocation('Austin, TX', 'Austin, Texas', false).score, 1);
    assert.deepEqual(scoreLocation('austin, tx', 'Austin, Texas', false).evidence, ["Based in the job's city (Austin)"]);
    assert.equal(scoreLocation('New York, NY', 'NYC', false).score, 1);
    const region = scoreLocation('Dallas, TX', 'Austin, TX', false);
    assert.equal(region.score, 1);
    assert.deepEqual(region.evidence, ["Based in the job's region (Texas)"]);
  });

  it('gives little credit for the same country and none elsewhere', () => {
    assert.equal(scoreLocation('Portland, ME', 'Portland, OR', false).score, 0.25);
    assert.equal(scoreLocation('Manchester, UK', 'London, United Kingdom', false).score, 0.25);
    const far = scoreLocation('London, UK', 'Austin, TX', false);
    assert.equal(far.score, 0);
    assert.deepEqual(far.evidence, ['Based in London, United Kingdom; the job is in Austin, Texas']);
    const street = scoreLocation('42 Elm Street, Springfield, IL 62701', 'Austin, TX', false);
    assert.deepEqual(street.evidence, ["Based in Springfield, Illinois, same country but not the job's area (Austin, Texas)"]);
  });

  it('is neutral when either side is unknown', () => {
    assert.equal(scoreLocation(null, 'Austin, TX', false).score, 0.5);
    assert.equal(scoreLocation('  ', 'Austin, TX', false).score, 0.5);
    assert.equal(scoreLocation('Remote', 'Austin, TX', false).score, 0.5);
    assert.equal(scoreLocation('Austin, TX', null, false).score, 0.5);
  });
});

describe('scoreTitle', () => {
  it('normalises seniority, spelling variants and synonyms', () => {
    assert.deepEqual([...titleTokens('Sr. Front-End Developer')], ['frontend', 'engineer']);
    assert.deepEqual([...titleTokens('RN - Med/Surg')], ['registered', 'nurse', 'med', 'surg']);
    assert.equal(scoreTitle('Senior Backend Engineer', ['Back End Developer']).score, 1);
    assert.deepEqual([...titleTokens('Senior Backend Engineer (Node.js)')], ['backend', 'engineer']);
  });

  it('finds the role noun before any qualifier', () => {
    assert.equal(titleHead('Registered Nurse - Medical-Surgical Unit'), 'nurse');
    assert.equal(titleHead('Senior Backend Engineer (Node.js)'), 'engineer');
    assert.equal(titleHead('Staff Accountant'), 'accountant');
    assert.equal(titleHead('Senior'), null);
  });

  it('weighs the role noun half and the other job-title words half', () => {
    // head "teacher" matched (0.5) + 1 of {high, school, math} (0.5 * 1/3)
    assert.equal(scoreTitle('High School Mathematics Teacher', ['Mathematics Teacher']).score, 0.6667);
    // head matched, no other words
    assert.equal(scoreTitle('Regional Sales Manager', ['Store Manager']).score, 0.5);
    // other words without the head: 0.5 * 1/1
    assert.equal(scoreTitle('Data Scientist', ['Data Analyst']).score, 0.5);
    // LPN expands to "licensed practical nurse": head matched, "registered" not
    assert.equal(scoreTitle('Registered Nurse', ['LPN, Rehabilitation Unit']).score, 0.5);
    // a one-word job title is all head
    assert.equal(scoreTitle('Staff Accountant', ['Accounts Payable Specialist']).score, 0);
    assert.equal(scoreTitle('Staff Accountant', ['Junior Accountant']).score, 1);
  });

  it('scores the share of job-title words found, best recent title, older titles discounted', () => {
    const t = scoreTitle('Registered Nurse', ['Certified Nursing Assistant']);
    assert.equal(t.score, 0.5);
    assert.equal(t.status, 'partial');
    const older = scoreTitle('Logistics Coordinator', ['Warehouse Associate', 'Logistics Coordinator']);
    assert.equal(older.score, 0.9);
    assert.equal(older.bestMatchingTitle, 'Logistics Coordinator');
    assert.deepEqual(older.evidence, ['Previous title "Logistics Coordinator" matches "Logistics Coordinator"']);
  });

  it('is 0 when nothing overlaps and neutral with no titles', () => {
    const t = scoreTitle('Staff Accountant', ['Barista', 'Retail Sales Associate']);
    assert.equal(t.score, 0);
    assert.equal(t.status, 'unmet');
    assert.equal(scoreTitle('Staff Accountant', []).score, 0.5);
  });
});
