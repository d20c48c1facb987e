import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { describeSkillMatch, scoreSkills } from './skill-match.js';

const round = (x: number) => Math.round(x * 10_000) / 10_000;

describe('scoreSkills', () => {
  it('weighs required skills twice as much as preferred ones', () => {
    // required 1/2, preferred 2/2 -> (2*1 + 2) / (2*2 + 2) = 0.6667
    const s = scoreSkills(['Python', 'SQL', 'Tableau'], ['Python', 'Machine Learning'], ['SQL', 'Tableau']);
    assert.equal(s.score, 0.6667);
    assert.deepEqual(s.required, { matched: ['Python'], missing: ['Machine Learning'] });
    assert.deepEqual(s.preferred, { matched: ['SQL', 'Tableau'], missing: [] });
    assert.deepEqual(s.extra, []);
  });

  it('compares canonical names case-insensitively and ignores duplicates and blanks', () => {
    const s = scoreSkills(['javascript', ' React ', 'REACT', ''], ['JavaScript', 'react', 'JAVASCRIPT'], []);
    assert.equal(s.score, 1);
    assert.deepEqual(s.required.matched, ['JavaScript', 'react']);
    assert.deepEqual(s.evidence, ['Has all 2 required skills: JavaScript and react']);
  });

  it('counts a skill listed as both required and preferred once, as required', () => {
    const s = scoreSkills(['Excel'], ['Excel'], ['excel', 'SAP']);
    // required 1/1, preferred 0/1 -> 2 / 3
    assert.equal(s.score, 0.6667);
    assert.deepEqual(s.preferred, { matched: [], missing: ['SAP'] });
  });

  it('uses only preferred skills when there are no required ones', () => {
    const s = scoreSkills(['Docker'], [], ['Docker', 'Kubernetes', 'Terraform', 'AWS']);
    assert.equal(s.score, 0.25);
    assert.deepEqual(s.evidence.slice(0, 1), ['Has 1 of 4 preferred skills: Docker']);
  });

  it('is neutral when the job lists no skills', () => {
    const s = scoreSkills(['Go'], [], []);
    assert.equal(s.score, 0.5);
    assert.deepEqual(s.extra, ['Go']);
    assert.deepEqual(s.evidence, ['The job lists no specific skills, so the skill match is neutral']);
  });

  it('scores 0 and says so when the resume has no skills', () => {
    const s = scoreSkills([], ['Patient Care'], []);
    assert.equal(s.score, 0);
    assert.deepEqual(s.evidence, [
      'No skills were found on the resume',
      'Has none of the 1 required skills',
      'Missing required skills: Patient Care',
    ]);
  });

  it('gives half credit to a matched skill only the summary mentions, and says which', () => {
    // required: TypeScript (unbacked, 0.5) + Node.js (1) of 2; preferred: AWS (unbacked, 0.5) of 1
    const s = scoreSkills(['TypeScript', 'Node.js', 'AWS', 'Sourcing'], ['TypeScript', 'Node.js'], ['AWS'], {
      unbacked: ['typescript', 'AWS', 'Sourcing'],
    });
    assert.equal(s.score, round((2 * 1.5 + 0.5) / 5));
    assert.deepEqual(s.required.matched, ['TypeScript', 'Node.js'], 'still listed as matched');
    assert.deepEqual(s.unbacked, ['TypeScript', 'AWS'], 'only matched skills are reported');
    assert.ok(
      s.evidence.includes('Mentioned only in the summary, not in the experience or skills sections (half credit): TypeScript and AWS'),
    );
    assert.equal(scoreSkills(['TypeScript', 'Node.js', 'AWS'], ['TypeScript', 'Node.js'], ['AWS']).score, 1);
  });

  it('matches a job skill the resume implies, says through which skill, and carries its credit', () => {
    const implied = { 'Electronic Health Records': 'Epic', JavaScript: 'React' };
    const s = scoreSkills(['Epic', 'React', 'Wound Care'], ['Electronic Health Records', 'Wound Care', 'JavaScript', 'IV Therapy'], [], {
      implied,
      unbacked: ['React'],
    });
    // required credits: EHR 1 (via Epic), Wound Care 1, JavaScript 0.5 (via React, summary only), IV Therapy 0
    assert.equal(s.score, round((2 * 2.5) / 8));
    assert.deepEqual(s.required.matched, ['Electronic Health Records', 'Wound Care', 'JavaScript']);
    assert.deepEqual(s.implied, [
      { skill: 'Electronic Health Records', via: 'Epic' },
      { skill: 'JavaScript', via: 'React' },
    ]);
    assert.deepEqual(s.unbacked, ['JavaScript']);
    assert.ok(s.evidence.includes("Implied by the resume's own skills: Electronic Health Records (via Epic) and JavaScript (via React)"));
    assert.deepEqual(s.extra, ['Epic', 'React'], "the implying skills are still the candidate's own extras");
  });

  it('shortens long lists in evidence', () => {
    const req = ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H'];
    const s = scoreSkills([], req, []);
    assert.ok(s.evidence.includes('Missing required skills: A, B, C, D, E, F and 2 more'));
  });
});

describe('describeSkillMatch', () => {
  it('codes every evidence line of the skills part, in the same order', () => {
    const part = scoreSkills(['Python', 'Epic', 'Tableau', 'Cooking'], ['Python', 'Electronic Health Records', 'SQL'], ['Tableau', 'R'], {
      unbacked: ['Tableau'],
      implied: { 'Electronic Health Records': 'Epic' },
    });
    const findings = describeSkillMatch(part);
    assert.deepEqual(
      findings.map((finding) => finding.text),
      part.evidence,
    );
    assert.deepEqual(
      findings.map((finding) => finding.kind),
      ['required_some', 'required_missing', 'preferred_some', 'preferred_missing', 'implied', 'unbacked', 'other_skills'],
    );
  });

  it('tells a resume without skills from a job without skills', () => {
    assert.deepEqual(
      describeSkillMatch(scoreSkills([], ['Python'], [])).map((finding) => finding.kind),
      ['no_resume_skills', 'required_none', 'required_missing'],
    );
    assert.deepEqual(
      describeSkillMatch(scoreSkills(['Python'], [], [])).map((finding) => finding.kind),
      ['no_job_skills'],
    );
    // A resume whose only skill is implied-matched still has skills of its own.
    assert.deepEqual(
      describeSkillMatch(
        scoreSkills(['Epic'], ['Electronic Health Records', 'Epic'], [], { implied: { 'Electronic Health Records': 'Epic' } }),
      ).map((finding) => finding.kind),
      ['required_all', 'implied'],
    );
  });
});

describe('scoreSkills: skill types and languages', () => {
  const types = { German: 'language', Teamwork: 'transversal', SQL: 'knowledge' } as const;

  it('weighs a missing required language more than a missing tool, and a transversal skill less', () => {
    const noGerman = scoreSkills(['SQL', 'Teamwork'], ['German', 'SQL', 'Teamwork'], [], { types });
    const noSql = scoreSkills(['German', 'Teamwork'], ['German', 'SQL', 'Teamwork'], [], { types });
    const noTeamwork = scoreSkills(['German', 'SQL'], ['German', 'SQL', 'Teamwork'], [], { types });
    assert.ok(noGerman.score < noSql.score, `${noGerman.score} < ${noSql.score}`);
    assert.ok(noSql.score < noTeamwork.score, `${noSql.score} < ${noTeamwork.score}`);
    assert.deepEqual(noGerman.languages, [
      { language: 'German', required: true, requiredLevel: null, candidateLevel: null, status: 'missing' },
    ]);
  });

  it('gives part credit for a language below the asked CEFR level or without a level', () => {
    const at = (level?: 'B1' | 'B2' | 'C1') =>
      scoreSkills(['German'], ['German'], [], {
        types,
        jobLanguageLevels: { German: 'C1' },
        candidateLanguageLevels: level ? { German: level } : {},
      });
    assert.equal(at('C1').score, 1);
    assert.ok(at('B2').score < 1 && at('B2').score > at('B1').score);
    assert.equal(at('B2').languages[0].status, 'below');
    assert.equal(at().languages[0].status, 'unverified');
    assert.ok(at('B2').evidence.some((line) => /German C1 asked, B2 stated/.test(line)));
  });
});
