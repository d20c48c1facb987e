import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { CandidateProfile, JobProfile } from './match-profiles.js';
import { DEFAULT_WEIGHTS, InvalidWeightsError, normalizeWeights, scoreMatch } from './match-scorer.js';

const candidate = (over: Partial<CandidateProfile> = {}): CandidateProfile => ({
  id: 'cand-1',
  skills: ['TypeScript', 'node.js', 'PostgreSQL', 'Docker', 'GraphQL'],
  totalYearsExperience: 5.5,
  highestEducationLevel: 'bachelor',
  location: 'Austin, TX',
  jobTitles: ['Backend Developer', 'Software Engineer'],
  ...over,
});

const job = (over: Partial<JobProfile> = {}): JobProfile => ({
  id: 'job-1',
  title: 'Senior Backend Engineer',
  requiredSkills: ['TypeScript', 'Node.js', 'PostgreSQL', 'Kubernetes'],
  preferredSkills: ['Redis', 'Docker'],
  minYearsExperience: 3,
  educationLevel: 'bachelor',
  location: 'Austin, Texas',
  remote: false,
  ...over,
});

const allScores = (b: ReturnType<typeof scoreMatch>): number[] => [
  b.overallScore,
  b.skillMatch,
  b.otherFactors,
  ...(b.semanticSimilarity === null ? [] : [b.semanticSimilarity]),
  b.parts.other.experience.score,
  b.parts.other.education.score,
  b.parts.other.location.score,
  b.parts.other.title.score,
];

describe('normalizeWeights', () => {
  it('returns the defaults when nothing is given', () => {
    assert.deepEqual(normalizeWeights(), DEFAULT_WEIGHTS);
    assert.deepEqual(normalizeWeights({}), DEFAULT_WEIGHTS);
  });

  it('fills missing parts with defaults, then scales to sum 1', () => {
    // { semantic: 1, skills: 0.3, other: 0.1 } / 1.4
    const w = normalizeWeights({ semantic: 1 });
    assert.ok(Math.abs(w.semantic - 1 / 1.4) < 1e-12);
    assert.ok(Math.abs(w.skills - 0.3 / 1.4) < 1e-12);
    assert.ok(Math.abs(w.other - 0.1 / 1.4) < 1e-12);
    assert.deepEqual(normalizeWeights({ semantic: 2, skills: 1, other: 1 }), { semantic: 0.5, skills: 0.25, other: 0.25 });
  });

  it('allows zero for some parts', () => {
    assert.deepEqual(normalizeWeights({ semantic: 0, skills: 1, other: 0 }), { semantic: 0, skills: 1, other: 0 });
  });

  it('rejects negative, non-finite, non-number and all-zero weights', () => {
    assert.throws(() => normalizeWeights({ skills: -0.1 }), InvalidWeightsError);
    assert.throws(() => normalizeWeights({ semantic: Number.NaN }), InvalidWeightsError);
    assert.throws(() => normalizeWeights({ other: Number.POSITIVE_INFINITY }), InvalidWeightsError);
    assert.throws(() => normalizeWeights({ semantic: '0.5' as unknown as number }), InvalidWeightsError);
    assert.throws(() => normalizeWeights({ semantic: 0, skills: 0, other: 0 }), InvalidWeightsError);
    assert.ok(new InvalidWeightsError('x') instanceof Error);
  });

  it('rejects finite weights whose sum overflows to Infinity', () => {
    assert.throws(() => normalizeWeights({ semantic: 1e308, skills: 1e308, other: 1e308 }), /sum must be finite/);
  });
});

describe('scoreMatch', () => {
  it('combines semantic, skills and other factors with the default weights', () => {
    const b = scoreMatch({ semanticSimilarity: 0.8, candidate: candidate(), job: job() });
    // skills: required 3/4 (TypeScript, Node.js, PostgreSQL), preferred 1/2 (Docker) -> (2*3 + 1) / (2*4 + 2) = 0.7
    assert.equal(b.skillMatch, 0.7);
    // other: experience 1, education 1, location 1 (same city), title 1 (backend developer ~ backend engineer)
    assert.equal(b.otherFactors, 1);
    // 0.6 * 0.8 + 0.3 * 0.7 + 0.1 * 1 = 0.79
    assert.equal(b.overallScore, 0.79);
    assert.equal(b.semanticSimilarity, 0.8);
    assert.deepEqual(b.weights, DEFAULT_WEIGHTS);
    assert.deepEqual(b.matchedSkills, ['TypeScript', 'Node.js', 'PostgreSQL', 'Docker']);
    assert.deepEqual(b.missingSkills, ['Kubernetes', 'Redis']);
    assert.deepEqual(b.extraSkills, ['GraphQL']);
    assert.deepEqual(b.parts.skills.required, { matched: ['TypeScript', 'Node.js', 'PostgreSQL'], missing: ['Kubernetes'] });
    assert.deepEqual(b.parts.skills.preferred, { matched: ['Docker'], missing: ['Redis'] });
    assert.deepEqual(b.parts.other.experience.evidence, ['5.5 years of experience vs 3 required']);
    assert.equal(b.parts.other.experience.candidateYears, 5.5);
    assert.equal(b.parts.other.experience.requiredYears, 3);
    assert.ok(b.parts.skills.evidence.includes('Missing required skills: Kubernetes'));
    assert.ok(b.parts.skills.evidence.includes('Has 3 of 4 required skills: TypeScript, Node.js and PostgreSQL'));
    assert.match(b.parts.semantic.evidence[0], /Very high overall similarity .*\(0\.80\)/);
  });

  it('redistributes the semantic weight when a vector is missing, and says so', () => {
    const b = scoreMatch({ semanticSimilarity: null, candidate: candidate(), job: job() });
    assert.equal(b.semanticSimilarity, null);
    assert.equal(b.parts.semantic.score, null);
    assert.deepEqual(b.weights, { semantic: 0, skills: 0.75, other: 0.25 });
    // 0.75 * 0.7 + 0.25 * 1 = 0.775
    assert.equal(b.overallScore, 0.775);
    assert.match(b.parts.semantic.evidence[0], /weight went to skills and other factors/);
  });

  it('falls back to the default skills/other ratio when only semantic had weight and it is missing', () => {
    const b = scoreMatch({ semanticSimilarity: null, candidate: candidate(), job: job(), weights: { semantic: 1, skills: 0, other: 0 } });
    assert.deepEqual(b.weights, { semantic: 0, skills: 0.75, other: 0.25 });
    assert.equal(b.overallScore, 0.775);
  });

  it('clamps negative and >1 cosine similarity, and treats NaN as missing', () => {
    const low = scoreMatch({ semanticSimilarity: -0.35, candidate: candidate(), job: job() });
    assert.equal(low.semanticSimilarity, 0);
    // 0 + 0.3 * 0.7 + 0.1 * 1 = 0.31
    assert.equal(low.overallScore, 0.31);
    assert.equal(scoreMatch({ semanticSimilarity: 1.0000001, candidate: candidate(), job: job() }).semanticSimilarity, 1);
    const nan = scoreMatch({ semanticSimilarity: Number.NaN, candidate: candidate(), job: job() });
    assert.equal(nan.semanticSimilarity, null);
    assert.equal(nan.weights.semantic, 0);
  });

  it('applies custom weights after normalising them', () => {
    const b = scoreMatch({ semanticSimilarity: 0.8, candidate: candidate(), job: job(), weights: { semantic: 2, skills: 1, other: 1 } });
    assert.deepEqual(b.weights, { semantic: 0.5, skills: 0.25, other: 0.25 });
    // 0.5 * 0.8 + 0.25 * 0.7 + 0.25 * 1 = 0.825
    assert.equal(b.overallScore, 0.825);
    assert.throws(
      () => scoreMatch({ semanticSimilarity: 0.8, candidate: candidate(), job: job(), weights: { skills: -1 } }),
      InvalidWeightsError,
    );
  });

  it('scores a weak match with partial credit on every other factor', () => {
    const b = scoreMatch({
      semanticSimilarity: -0.2,
      candidate: candidate({
        skills: ['React'],
        totalYearsExperience: 2,
        highestEducationLevel: 'associate',
        location: 'Dallas, TX',
        jobTitles: ['Frontend Developer'],
      }),
      job: job({ preferredSkills: [], minYearsExperience: 5, requiredSkills: ['Node.js', 'PostgreSQL'] }),
    });
    assert.equal(b.skillMatch, 0);
    assert.equal(b.parts.other.experience.score, 0.4); // 2 / 5
    assert.equal(b.parts.other.education.score, 0.5); // one level short
    assert.equal(b.parts.other.location.score, 1); // same state
    assert.equal(b.parts.other.title.score, 0.5); // {frontend, engineer} vs {backend, engineer}
    // 0.35 * 0.4 + 0.2 * 0.5 + 0.2 * 1 + 0.25 * 0.5 = 0.565
    assert.equal(b.otherFactors, 0.565);
    // 0.6 * 0 + 0.3 * 0 + 0.1 * 0.565 = 0.0565
    assert.equal(b.overallScore, 0.0565);
    assert.deepEqual(b.parts.other.experience.evidence, ['2 years of experience vs 5 required (3 years short)']);
    assert.ok(b.parts.skills.evidence.includes('Has none of the 2 required skills'));
  });

  it('gives a neutral skill score when the job lists no skills', () => {
    const b = scoreMatch({ semanticSimilarity: 0.5, candidate: candidate(), job: job({ requiredSkills: [], preferredSkills: [] }) });
    assert.equal(b.skillMatch, 0.5);
    assert.match(b.parts.skills.evidence[0], /lists no specific skills/);
    assert.deepEqual(b.missingSkills, []);
    // 0.6 * 0.5 + 0.3 * 0.5 + 0.1 * 1 = 0.55
    assert.equal(b.overallScore, 0.55);
  });

  it('uses neutral scores for unknown candidate data', () => {
    const b = scoreMatch({
      semanticSimilarity: 0.5,
      candidate: candidate({ totalYearsExperience: null, highestEducationLevel: null, location: null, jobTitles: [] }),
      job: job(),
    });
    assert.equal(b.parts.other.experience.status, 'unknown');
    assert.equal(b.parts.other.education.status, 'unknown');
    assert.equal(b.parts.other.location.status, 'unknown');
    assert.equal(b.parts.other.title.status, 'unknown');
    assert.equal(b.otherFactors, 0.5);
    assert.equal(b.parts.other.evidence.length, 4);
  });

  it('keeps every score in [0, 1] with at most 4 decimals', () => {
    const b = scoreMatch({
      semanticSimilarity: 0.123456789,
      candidate: candidate({ totalYearsExperience: 1, jobTitles: ['Data Engineer'] }),
      job: job({ minYearsExperience: 3, preferredSkills: ['Docker', 'Redis', 'Go'] }),
    });
    for (const s of allScores(b)) {
      assert.ok(s >= 0 && s <= 1, `${s} in range`);
      assert.equal(Math.round(s * 10_000) / 10_000, s);
    }
    assert.equal(b.semanticSimilarity, 0.1235);
    assert.equal(b.parts.other.experience.score, 0.3333);
  });

  it('does not mutate its inputs and is deterministic', () => {
    const c = candidate();
    const j = job();
    const before = JSON.stringify([c, j]);
    const a = scoreMatch({ semanticSimilarity: 0.7, candidate: c, job: j });
    const b = scoreMatch({ semanticSimilarity: 0.7, candidate: c, job: j });
    assert.equal(JSON.stringify([c, j]), before);
    assert.deepEqual(a, b);
  });
});
