import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { CandidateProfile, JobProfile } from '../scoring/match-profiles.js';
import { scoreMatch } from '../scoring/match-scorer.js';
import { explainByRules } from './rules-explanation.js';

const job: JobProfile = {
  id: 'job-1',
  title: 'Senior Backend Engineer',
  requiredSkills: ['TypeScript', 'Node.js', 'PostgreSQL', 'Kubernetes'],
  preferredSkills: ['Redis', 'Docker'],
  minYearsExperience: 3,
  educationLevel: 'bachelor',
  location: 'Austin, TX',
  remote: false,
};

const strongCandidate: CandidateProfile = {
  id: 'c-strong',
  skills: ['TypeScript', 'Node.js', 'PostgreSQL', 'Kubernetes', 'Docker'],
  totalYearsExperience: 5.5,
  highestEducationLevel: 'bachelor',
  location: 'Austin, TX',
  jobTitles: ['Backend Developer'],
};

const ctx = { jobTitle: 'Senior Backend Engineer' };

describe('explainByRules', () => {
  it('explains a strong match with strengths from the evidence', () => {
    const b = scoreMatch({ semanticSimilarity: 0.72, candidate: strongCandidate, job });
    // skills (2*4 + 1) / 10 = 0.9; other 1; overall 0.6*0.72 + 0.3*0.9 + 0.1 = 0.802
    assert.equal(b.overallScore, 0.802);
    const e = explainByRules(b, ctx);
    assert.equal(e.recommendation, 'strong_match');
    assert.equal(
      e.summary,
      'Strong match for Senior Backend Engineer (overall score 80%). 4 of 4 required skills; 5.5 years of experience vs 3 required.',
    );
    assert.deepEqual(e.strengths, [
      'High overall similarity between the resume and the job description (0.72)',
      'Has all 4 required skills: TypeScript, Node.js, PostgreSQL and Kubernetes',
      'Has 1 of 2 preferred skills: Docker',
      '5.5 years of experience vs 3 required',
      "Holds a bachelor's degree, which meets the bachelor's degree requirement",
      "Based in the job's city (Austin)",
      'Current or most recent title "Backend Developer" matches "Senior Backend Engineer"',
    ]);
    assert.deepEqual(e.gaps, ['Missing preferred skills: Redis']);
  });

  it('caps the recommendation when required skills are mostly missing, and says why', () => {
    const b = scoreMatch({
      semanticSimilarity: 0.95,
      candidate: { ...strongCandidate, skills: ['TypeScript', 'Redis', 'Docker'] },
      job,
    });
    // skills (2*1 + 2) / 10 = 0.4; overall 0.6*0.95 + 0.3*0.4 + 0.1 = 0.79 -> strong before the cap
    assert.equal(b.overallScore, 0.79);
    const e = explainByRules(b, ctx);
    assert.equal(e.recommendation, 'partial_match');
    assert.match(e.summary, /Rated partial match rather than strong match because fewer than half of the required skills are present\./);
    assert.ok(e.gaps.includes('Missing required skills: Node.js, PostgreSQL and Kubernetes'));
    assert.ok(!e.strengths.some((s) => s.includes('required skills')));
  });

  it('lists skills claimed only in the summary as a gap to check', () => {
    const b = scoreMatch({ semanticSimilarity: 0.72, candidate: { ...strongCandidate, unbackedSkills: ['Kubernetes'] }, job });
    const e = explainByRules(b, ctx);
    assert.ok(e.gaps.includes('Mentioned only in the summary, not in the experience or skills sections (half credit): Kubernetes'));
    assert.ok(e.strengths.includes('Has all 4 required skills: TypeScript, Node.js, PostgreSQL and Kubernetes'));
  });

  it('flags a junior for a senior job', () => {
    const b = scoreMatch({
      semanticSimilarity: 0.9,
      candidate: { ...strongCandidate, totalYearsExperience: 1 },
      job: { ...job, minYearsExperience: 5 },
    });
    const e = explainByRules(b, ctx);
    assert.equal(e.recommendation, 'partial_match');
    assert.ok(e.gaps.includes('1 year of experience vs 5 required (4 years short)'));
    assert.match(e.summary, /experience is well below the minimum/);
  });

  it('maps overall scores to recommendations and accepts custom thresholds', () => {
    const weak = scoreMatch({
      semanticSimilarity: 0.1,
      candidate: { ...strongCandidate, skills: [], jobTitles: ['Barista'], location: 'Denver, CO' },
      job,
    });
    const e = explainByRules(weak, ctx);
    assert.equal(e.recommendation, 'weak_match');
    assert.ok(e.gaps.includes('Very low overall similarity between the resume and the job description (0.10)'));
    assert.ok(e.gaps.includes('No skills were found on the resume'));
    assert.ok(e.gaps.includes('Missing required skills: TypeScript, Node.js, PostgreSQL and Kubernetes'));
    assert.ok(e.gaps.includes('Missing preferred skills: Redis and Docker'));
    assert.ok(!e.gaps.some((g) => g.startsWith('Has none of')));
    assert.ok(e.gaps.includes("Based in Denver, Colorado, same country but not the job's area (Austin, Texas)"));
    assert.ok(e.gaps.includes('No recent title resembles "Senior Backend Engineer" (most recent: Barista)'));

    const good = scoreMatch({ semanticSimilarity: 0.5, candidate: strongCandidate, job });
    // 0.6*0.5 + 0.3*0.9 + 0.1 = 0.67
    assert.equal(explainByRules(good, ctx).recommendation, 'good_match');
    assert.equal(explainByRules(good, { ...ctx, thresholds: { strong: 0.65 } }).recommendation, 'strong_match');
  });

  it('mentions a missing semantic similarity', () => {
    const b = scoreMatch({ semanticSimilarity: null, candidate: strongCandidate, job });
    const e = explainByRules(b, ctx);
    assert.match(e.summary, /No semantic similarity was available/);
  });

  it('is deterministic and never leaks contact details', () => {
    const b = scoreMatch({
      semanticSimilarity: 0.6,
      candidate: { ...strongCandidate, jobTitles: ['Backend Engineer jane.doe@example.com +1 512 555 0100'] },
      job,
    });
    const e1 = explainByRules(b, ctx);
    const e2 = explainByRules(b, ctx);
    assert.deepEqual(e1, e2);
    const text = JSON.stringify(e1);
    assert.ok(!text.includes('jane.doe@example.com'));
    assert.ok(!text.includes('555 0100'));
  });

  it('handles a job with no skills and no requirements', () => {
    const b = scoreMatch({
      semanticSimilarity: 0.65,
      candidate: strongCandidate,
      job: { ...job, requiredSkills: [], preferredSkills: [], minYearsExperience: null, educationLevel: null, remote: true },
    });
    const e = explainByRules(b, { jobTitle: '  ' });
    assert.match(e.summary, /^(Strong|Good) match for this job/);
    assert.ok(!e.gaps.some((g) => g.includes('skills')));
  });
});
