import type { FactorStatus, MatchBreakdown } from '../scoring/match-scorer.js';
import { describeSkillMatch, type SkillFindingKind } from '../scoring/skill-match.js';

export type Recommendation = 'strong_match' | 'good_match' | 'partial_match' | 'weak_match';

export interface RulesExplanation {
  summary: string;
  strengths: string[];
  gaps: string[];
  recommendation: Recommendation;
}

export interface RecommendationThresholds {
  strong: number;
  good: number;
  partial: number;
}

/** Minimum overall score for each recommendation (below `partial` -> weak_match). */
export const RECOMMENDATION_THRESHOLDS: RecommendationThresholds = { strong: 0.7, good: 0.55, partial: 0.4 };

/** Semantic similarity at or above this is a strength; below `weak` it is a gap. */
export const SEMANTIC_THRESHOLDS = { strong: 0.6, weak: 0.4 } as const;

/** Recommendations from weakest to strongest. */
export const RECOMMENDATION_ORDER: readonly Recommendation[] = ['weak_match', 'partial_match', 'good_match', 'strong_match'];

function rank(r: Recommendation): number {
  return RECOMMENDATION_ORDER.indexOf(r);
}

const LABEL: Record<Recommendation, string> = {
  strong_match: 'Strong match',
  good_match: 'Good match',
  partial_match: 'Partial match',
  weak_match: 'Weak match',
};

const EMAIL = /[\w.+-]+@[\w-]+(\.[\w-]+)+/g;
const URL = /\b(?:https?:\/\/|www\.)\S+/gi;
const PHONE = /(?:\+\d[\d\s().-]{7,}\d|\(?\d{3}\)?[\s.-]\d{3}[\s.-]\d{4})/g;

/** Defence in depth: evidence should never carry contact details, but redact anything that looks like them. */
function scrub(text: string): string {
  return text.replace(EMAIL, '[redacted]').replace(URL, '[redacted]').replace(PHONE, '[redacted]');
}

function fromOverall(score: number, t: RecommendationThresholds): Recommendation {
  if (score >= t.strong) return 'strong_match';
  if (score >= t.good) return 'good_match';
  if (score >= t.partial) return 'partial_match';
  return 'weak_match';
}

interface Cap {
  max: Recommendation;
  reason: string;
}

/** Hard requirements that keep a high overall score from overstating the fit. */
function caps(b: MatchBreakdown): Cap[] {
  const out: Cap[] = [];
  const req = b.parts.skills.required;
  const requiredCount = req.matched.length + req.missing.length;
  if (requiredCount > 0 && req.matched.length / requiredCount < 0.5) {
    out.push({ max: 'partial_match', reason: 'fewer than half of the required skills are present' });
  }
  const exp = b.parts.other.experience;
  if (exp.status === 'partial' || exp.status === 'unmet') {
    if (exp.score < 0.5) out.push({ max: 'partial_match', reason: 'experience is well below the minimum' });
    else if (exp.score < 0.75) out.push({ max: 'good_match', reason: 'experience is below the minimum' });
  }
  if (b.parts.other.education.status === 'unmet') {
    out.push({ max: 'partial_match', reason: 'the education requirement is not met' });
  }
  if (b.parts.other.location.status === 'unmet') {
    out.push({ max: 'good_match', reason: 'the candidate is outside the job location' });
  }
  return out;
}

/** Skill findings that are gaps (claimed in the summary alone: worth checking in the interview). */
const SKILL_GAPS: ReadonlySet<SkillFindingKind> = new Set(['required_missing', 'preferred_missing', 'no_resume_skills', 'unbacked']);

function statusIsGap(status: FactorStatus): boolean {
  return status === 'partial' || status === 'unmet';
}

/** Deterministic recruiter-facing explanation built only from a breakdown's scores and evidence. No PII. */
export function explainByRules(
  breakdown: MatchBreakdown,
  ctx: { jobTitle: string; thresholds?: Partial<RecommendationThresholds> },
): RulesExplanation {
  const thresholds = { ...RECOMMENDATION_THRESHOLDS, ...(ctx.thresholds ?? {}) };
  const found: Findings = { strengths: [], gaps: [] };
  sortSemantic(breakdown, found);
  sortSkills(breakdown, found);
  sortOtherFactors(breakdown, found);
  const rating = recommend(breakdown, thresholds);
  return {
    summary: scrub(summarize(breakdown, ctx.jobTitle, rating)),
    strengths: dedupe(found.strengths).map(scrub),
    gaps: dedupe(found.gaps).map(scrub),
    recommendation: rating.recommendation,
  };
}

interface Findings {
  strengths: string[];
  gaps: string[];
}

/** Semantic similarity: a strength when high, a gap when low. */
function sortSemantic({ parts: { semantic } }: MatchBreakdown, found: Findings): void {
  if (semantic.score === null) return;
  if (semantic.score >= SEMANTIC_THRESHOLDS.strong) found.strengths.push(...semantic.evidence);
  else if (semantic.score < SEMANTIC_THRESHOLDS.weak) found.gaps.push(...semantic.evidence);
}

/** Skills: the coded findings, sorted into what the candidate has and what is missing. */
function sortSkills({ parts: { skills } }: MatchBreakdown, found: Findings): void {
  const requiredCount = skills.required.matched.length + skills.required.missing.length;
  const requiredShare = requiredCount > 0 ? skills.required.matched.length / requiredCount : null;
  for (const finding of describeSkillMatch(skills)) {
    if (SKILL_GAPS.has(finding.kind)) found.gaps.push(finding.text);
    else if (finding.kind === 'preferred_some') found.strengths.push(finding.text);
    else if (finding.kind === 'required_all' || finding.kind === 'required_some') {
      if (requiredShare !== null && requiredShare >= 0.5) found.strengths.push(finding.text);
    }
    // "Has none of ...": the matching "Missing ..." finding names them; no need to say it twice.
    // Implied and other skills, and a job without skills, are context, not strengths or gaps.
  }
}

/** Other factors, in order of importance, by their status. */
function sortOtherFactors({ parts: { other } }: MatchBreakdown, { strengths, gaps }: Findings): void {
  const { experience, education, location, title } = other;
  if (experience.status === 'met') strengths.push(...experience.evidence);
  else if (statusIsGap(experience.status) || experience.status === 'unknown') gaps.push(...experience.evidence);
  if (education.status === 'met') strengths.push(...education.evidence);
  else if (statusIsGap(education.status) || education.status === 'unknown') gaps.push(...education.evidence);
  if (location.status === 'met') strengths.push(...location.evidence);
  else if (statusIsGap(location.status)) gaps.push(...location.evidence);
  if (title.status === 'met') strengths.push(...title.evidence);
  else if (title.status === 'unmet') gaps.push(...title.evidence);
}

interface Rating {
  /** What the overall score alone says. */
  base: Recommendation;
  recommendation: Recommendation;
  /** Why the recommendation is lower than `base`. */
  reasons: string[];
}

/** From the overall score, lowered by any hard-requirement cap. */
function recommend(breakdown: MatchBreakdown, thresholds: RecommendationThresholds): Rating {
  const base = fromOverall(breakdown.overallScore, thresholds);
  let recommendation = base;
  const reasons: string[] = [];
  for (const cap of caps(breakdown)) {
    if (rank(cap.max) < rank(base)) {
      reasons.push(cap.reason);
      if (rank(cap.max) < rank(recommendation)) recommendation = cap.max;
    }
  }
  return { base, recommendation, reasons };
}

/** The rating, the headline facts (skills, experience), why it was capped, and what was missing. */
function summarize(breakdown: MatchBreakdown, jobTitle: string | undefined, { base, recommendation, reasons }: Rating): string {
  const { semantic, skills, other } = breakdown.parts;
  const parts: string[] = [];
  parts.push(
    `${LABEL[recommendation]} for ${jobTitle?.trim() || 'this job'} (overall score ${Math.round(breakdown.overallScore * 100)}%).`,
  );
  const requiredCount = skills.required.matched.length + skills.required.missing.length;
  const preferredCount = skills.preferred.matched.length + skills.preferred.missing.length;
  const facts: string[] = [];
  if (requiredCount > 0) facts.push(`${skills.required.matched.length} of ${requiredCount} required skills`);
  else if (preferredCount > 0) facts.push(`${skills.preferred.matched.length} of ${preferredCount} preferred skills`);
  if (other.experience.status !== 'not_applicable') facts.push(lowerFirst(other.experience.evidence[0] ?? ''));
  if (facts.filter(Boolean).length > 0) parts.push(`${capitalize(facts.filter(Boolean).join('; '))}.`);
  if (reasons.length > 0) {
    parts.push(`Rated ${LABEL[recommendation].toLowerCase()} rather than ${LABEL[base].toLowerCase()} because ${joinReasons(reasons)}.`);
  }
  if (semantic.score === null) parts.push('No semantic similarity was available; the score uses skills and other factors only.');
  return parts.join(' ');
}

function dedupe(lines: string[]): string[] {
  return [...new Set(lines.filter((l) => l.trim().length > 0))];
}

function capitalize(s: string): string {
  return s.length > 0 ? s[0].toUpperCase() + s.slice(1) : s;
}

function lowerFirst(s: string): string {
  // Keep acronyms and numbers as they are ("5.5 years", "Years of experience unclear").
  return /^[A-Z][a-z]/.test(s) ? s[0].toLowerCase() + s.slice(1) : s;
}

function joinReasons(reasons: string[]): string {
  if (reasons.length === 1) return reasons[0];
  return `${reasons.slice(0, -1).join(', ')} and ${reasons[reasons.length - 1]}`;
}
