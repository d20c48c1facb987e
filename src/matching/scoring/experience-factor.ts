import { NEUTRAL_SCORE, type FactorStatus } from './factor-status.js';
import { clamp01, formatYears, round4 } from './score-utils.js';

export interface ExperiencePart {
  score: number;
  status: FactorStatus;
  candidateYears: number | null;
  requiredYears: number | null;
  evidence: string[];
}

const positive = (n: number | null | undefined): n is number => typeof n === 'number' && Number.isFinite(n) && n > 0;
const known = (n: number | null | undefined): n is number => typeof n === 'number' && Number.isFinite(n) && n >= 0;

/** Full credit at or above the minimum; linear partial credit below it (2 of 4 years -> 0.5). */
export function scoreExperience(candidateYears: number | null, requiredYears: number | null): ExperiencePart {
  const cand = known(candidateYears) ? candidateYears : null;
  const req = positive(requiredYears) ? requiredYears : null;
  const base = { candidateYears: cand, requiredYears: req };
  if (req === null) {
    const evidence = [
      cand === null ? 'No minimum experience required' : `No minimum experience required; ${formatYears(cand)} of experience`,
    ];
    return { score: 1, status: 'not_applicable', ...base, evidence };
  }
  if (cand === null) {
    return { score: NEUTRAL_SCORE, status: 'unknown', ...base, evidence: [`Years of experience unclear; ${trimYears(req)} required`] };
  }
  if (cand >= req) {
    return { score: 1, status: 'met', ...base, evidence: [`${formatYears(cand)} of experience vs ${trimYears(req)} required`] };
  }
  const score = round4(clamp01(cand / req));
  const short = formatYears(req - cand);
  return {
    score,
    status: cand === 0 ? 'unmet' : 'partial',
    ...base,
    evidence: [`${formatYears(cand)} of experience vs ${trimYears(req)} required (${short} short)`],
  };
}

/** "3" rather than "3 years" for the required side ("5.5 years of experience vs 3 required"). */
function trimYears(years: number): string {
  return formatYears(years).replace(/ years?$/, '');
}
