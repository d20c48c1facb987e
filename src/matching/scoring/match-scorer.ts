import { DomainError } from '../../common/domain-error.js';
import { ErrorCode } from '../../common/error-codes.js';
import type { CandidateProfile, JobProfile } from './match-profiles.js';
import {
  OTHER_FACTOR_WEIGHTS,
  scoreEducation,
  scoreExperience,
  scoreLocation,
  scoreTitle,
  type EducationPart,
  type ExperiencePart,
  type LocationPart,
  type TitlePart,
} from './other-factors.js';
import { clamp01, round4 } from './score-utils.js';
import { scoreSkills, type SkillsPart } from './skill-match.js';

export type { EducationPart, ExperiencePart, FactorStatus, LocationPart, TitlePart } from './other-factors.js';
export type { SkillsPart } from './skill-match.js';

export interface MatchWeights {
  semantic: number;
  skills: number;
  other: number;
}

export const DEFAULT_WEIGHTS: MatchWeights = { semantic: 0.6, skills: 0.3, other: 0.1 };

/** Weights that are negative, non-finite, not numbers, or all zero. */
export class InvalidWeightsError extends DomainError {
  constructor(message: string) {
    super(ErrorCode.INVALID_WEIGHTS, message);
  }
}

const WEIGHT_KEYS = ['semantic', 'skills', 'other'] as const;

/**
 * Missing (undefined or null) parts take their default, then all three are scaled to sum 1.
 * Throws InvalidWeightsError for a negative, non-finite or non-number part, or when all are zero.
 */
export function normalizeWeights(w?: Partial<MatchWeights>): MatchWeights {
  if (w !== undefined && w !== null && typeof w !== 'object') throw new InvalidWeightsError('Weights must be an object');
  const merged = { ...DEFAULT_WEIGHTS };
  for (const key of WEIGHT_KEYS) {
    const value: unknown = w?.[key];
    if (value === undefined || value === null) continue;
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      throw new InvalidWeightsError(`Weight "${key}" must be a finite number`);
    }
    if (value < 0) throw new InvalidWeightsError(`Weight "${key}" must not be negative`);
    merged[key] = value;
  }
  const sum = merged.semantic + merged.skills + merged.other;
  if (!Number.isFinite(sum)) throw new InvalidWeightsError('The weights are too large: their sum must be finite');
  if (sum <= 0) throw new InvalidWeightsError('At least one weight must be greater than zero');
  // Already normalised (up to float noise, e.g. the defaults): keep the values exactly as given.
  if (Math.abs(sum - 1) < 1e-9) return merged;
  return { semantic: merged.semantic / sum, skills: merged.skills / sum, other: merged.other / sum };
}

export interface SemanticPart {
  /** Clamped cosine similarity; null when a vector was missing. */
  score: number | null;
  evidence: string[];
}

export interface OtherFactorsPart {
  score: number;
  experience: ExperiencePart;
  education: EducationPart;
  location: LocationPart;
  title: TitlePart;
  /** Share of each factor in `score` (see OTHER_FACTOR_WEIGHTS). */
  weights: { experience: number; education: number; location: number; title: number };
  evidence: string[];
}

export interface MatchBreakdown {
  /** w.semantic * semantic + w.skills * skills + w.other * other, in [0, 1]. */
  overallScore: number;
  /** Cosine similarity clamped to [0, 1]; null when the resume or job had no vector. */
  semanticSimilarity: number | null;
  skillMatch: number;
  otherFactors: number;
  /** Weights actually applied, summing to 1 (semantic is 0 when semanticSimilarity is null). */
  weights: MatchWeights;
  /** Matched required then preferred skills (job's spelling). */
  matchedSkills: string[];
  /** Missing required then preferred skills (job's spelling). */
  missingSkills: string[];
  /** Candidate skills the job does not mention. */
  extraSkills: string[];
  parts: {
    semantic: SemanticPart;
    skills: SkillsPart;
    other: OtherFactorsPart;
  };
}

export interface ScoreMatchInput {
  /** Cosine similarity of the stored resume and job vectors, or null when either is missing. */
  semanticSimilarity: number | null;
  candidate: CandidateProfile;
  job: JobProfile;
  weights?: Partial<MatchWeights>;
}

function describeSemantic(score: number): string {
  const level = score >= 0.75 ? 'Very high' : score >= 0.6 ? 'High' : score >= 0.45 ? 'Moderate' : score >= 0.3 ? 'Low' : 'Very low';
  return `${level} overall similarity between the resume and the job description (${score.toFixed(2)})`;
}

function scoreSemantic(similarity: number | null): SemanticPart {
  if (similarity === null || similarity === undefined) {
    return {
      score: null,
      evidence: ['No text embedding was available, so semantic similarity was not used and its weight went to skills and other factors'],
    };
  }
  if (typeof similarity !== 'number' || Number.isNaN(similarity)) {
    return {
      score: null,
      evidence: ['Semantic similarity was invalid, so it was not used and its weight went to skills and other factors'],
    };
  }
  const score = round4(clamp01(similarity));
  return { score, evidence: [describeSemantic(score)] };
}

/** Moves the semantic weight onto skills and other, keeping their ratio (defaults' ratio when both are zero). */
function redistribute(w: MatchWeights): MatchWeights {
  const rest = w.skills + w.other;
  if (rest > 0) return { semantic: 0, skills: w.skills / rest, other: w.other / rest };
  const def = DEFAULT_WEIGHTS.skills + DEFAULT_WEIGHTS.other;
  return { semantic: 0, skills: DEFAULT_WEIGHTS.skills / def, other: DEFAULT_WEIGHTS.other / def };
}

function scoreOther(candidate: CandidateProfile, job: JobProfile): OtherFactorsPart {
  const experience = scoreExperience(candidate.totalYearsExperience ?? null, job.minYearsExperience ?? null);
  const education = scoreEducation(candidate.highestEducationLevel ?? null, job.educationLevel ?? null);
  const location = scoreLocation(candidate.location ?? null, job.location ?? null, job.remote === true);
  const title = scoreTitle(job.title ?? '', candidate.jobTitles ?? []);
  const w = OTHER_FACTOR_WEIGHTS;
  const raw = w.experience * experience.score + w.education * education.score + w.location * location.score + w.title * title.score;
  return {
    score: round4(clamp01(raw)),
    experience,
    education,
    location,
    title,
    weights: { ...w },
    evidence: [...experience.evidence, ...education.evidence, ...location.evidence, ...title.evidence],
  };
}

/** Scores one candidate against one job. Pure and deterministic. */
export function scoreMatch(input: ScoreMatchInput): MatchBreakdown {
  const { candidate, job } = input;
  const normalized = normalizeWeights(input.weights);
  const semantic = scoreSemantic(input.semanticSimilarity);
  const skills = scoreSkills(candidate.skills ?? [], job.requiredSkills ?? [], job.preferredSkills ?? [], {
    unbacked: candidate.unbackedSkills,
    implied: candidate.impliedSkills,
    types: job.skillTypes,
    jobLanguageLevels: job.languageLevels,
    candidateLanguageLevels: candidate.languageLevels,
  });
  const other = scoreOther(candidate, job);

  const applied = semantic.score === null ? redistribute(normalized) : normalized;
  const overall = applied.semantic * (semantic.score ?? 0) + applied.skills * skills.score + applied.other * other.score;

  return {
    overallScore: round4(clamp01(overall)),
    semanticSimilarity: semantic.score,
    skillMatch: skills.score,
    otherFactors: other.score,
    weights: { semantic: round4(applied.semantic), skills: round4(applied.skills), other: round4(applied.other) },
    matchedSkills: [...skills.required.matched, ...skills.preferred.matched],
    missingSkills: [...skills.required.missing, ...skills.preferred.missing],
    extraSkills: skills.extra,
    parts: { semantic, skills, other },
  };
}
