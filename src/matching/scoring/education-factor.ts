import { EDUCATION_LABEL, educationRank, type EducationLevel } from '../../common/education-levels.js';
import { NEUTRAL_SCORE, type FactorStatus } from './factor-status.js';

export interface EducationPart {
  score: number;
  status: FactorStatus;
  candidateLevel: EducationLevel | null;
  requiredLevel: EducationLevel | null;
  evidence: string[];
}

/** Score by how many levels short the candidate is: 0 -> 1, 1 -> 0.5, 2 -> 0.25, 3+ -> 0. */
const EDUCATION_GAP_SCORE = [1, 0.5, 0.25, 0] as const;

export function scoreEducation(candidateLevel: EducationLevel | null, requiredLevel: EducationLevel | null): EducationPart {
  const candRank = educationRank(candidateLevel);
  const reqRank = educationRank(requiredLevel);
  const cand = candRank >= 0 ? (candidateLevel as EducationLevel) : null;
  const req = reqRank >= 0 ? (requiredLevel as EducationLevel) : null;
  const base = { candidateLevel: cand, requiredLevel: req };
  if (req === null || reqRank === 0) {
    return { score: 1, status: 'not_applicable', ...base, evidence: ['No education requirement'] };
  }
  const required = EDUCATION_LABEL[req].replace(/^an? /, '');
  if (cand === null) {
    return { score: NEUTRAL_SCORE, status: 'unknown', ...base, evidence: [`Education level unclear; ${required} required`] };
  }
  const gap = reqRank - candRank;
  if (gap <= 0) {
    const how = gap === 0 ? 'meets' : 'exceeds';
    return { score: 1, status: 'met', ...base, evidence: [`Holds ${EDUCATION_LABEL[cand]}, which ${how} the ${required} requirement`] };
  }
  const score = EDUCATION_GAP_SCORE[Math.min(gap, EDUCATION_GAP_SCORE.length - 1)];
  return {
    score,
    status: score > 0 ? 'partial' : 'unmet',
    ...base,
    evidence: [`Highest education is ${EDUCATION_LABEL[cand]}; ${required} required`],
  };
}
