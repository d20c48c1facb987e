import { formatList, normalizeKey, round4 } from './score-utils.js';

/** Relative weight of one required skill vs one preferred (nice-to-have) skill. */
export const SKILL_GROUP_WEIGHTS = { required: 2, preferred: 1 } as const;

/**
 * Credit for a skill the resume only mentions in its summary while its experience and skills
 * sections never do: a claim the rest of the resume does not back (a recruiter who "hires
 * TypeScript developers", a salesperson who "understands the month-end close").
 */
export const UNBACKED_SKILL_CREDIT = 0.5;

/** Score used when the job lists no skills at all: neither helps nor hurts. */
export const NEUTRAL_SKILL_SCORE = 0.5;

export interface SkillGroupMatch {
  /** Job's spelling of the skills the candidate has. */
  matched: string[];
  /** Job's spelling of the skills the candidate lacks. */
  missing: string[];
}

export interface SkillsPart {
  score: number;
  required: SkillGroupMatch;
  preferred: SkillGroupMatch;
  /** Candidate skills the job does not list (candidate's spelling). */
  extra: string[];
  /** Matched skills (job's spelling) that only the resume's summary mentions: UNBACKED_SKILL_CREDIT each. */
  unbacked: string[];
  /** Matched skills the resume does not name but implies (job's spelling), with the skill that implies each. */
  implied: Array<{ skill: string; via: string }>;
  evidence: string[];
}

/** What else the resume says about its skills. */
export interface SkillEvidence {
  /** Skills only the resume's summary mentions (see UNBACKED_SKILL_CREDIT). */
  unbacked?: readonly string[];
  /** Broader skill -> the resume skill that implies it (Electronic Health Records -> Epic). */
  implied?: Readonly<Record<string, string>>;
}

/** Removes blanks and case-insensitive duplicates, keeping the first spelling and the order. */
function dedupe(names: readonly string[], exclude: ReadonlySet<string> = new Set()): string[] {
  const seen = new Set<string>(exclude);
  const out: string[] = [];
  for (const name of names) {
    if (typeof name !== 'string') continue;
    const key = normalizeKey(name);
    if (!key || seen.has(key)) continue;
    seen.add(key);
    out.push(name.trim());
  }
  return out;
}

function split(skills: readonly string[], have: ReadonlySet<string>): SkillGroupMatch {
  const matched: string[] = [];
  const missing: string[] = [];
  for (const skill of skills) (have.has(normalizeKey(skill)) ? matched : missing).push(skill);
  return { matched, missing };
}

/**
 * Skill overlap between a candidate and a job. Canonical names are compared case-insensitively.
 * score = (2 * requiredCredit + preferredCredit) / (2 * required + preferred), where a matched skill
 * earns 1, or UNBACKED_SKILL_CREDIT when only the summary backs it (an implied skill takes the credit
 * of the skill that implies it); a skill listed both as required and preferred counts as required.
 * No skills on the job -> neutral 0.5.
 */
export function scoreSkills(
  candidateSkills: readonly string[],
  requiredSkills: readonly string[],
  preferredSkills: readonly string[],
  skillEvidence: SkillEvidence = {},
): SkillsPart {
  const candidate = dedupe(candidateSkills ?? []);
  const required = dedupe(requiredSkills ?? []);
  const preferred = dedupe(preferredSkills ?? [], new Set(required.map(normalizeKey)));
  const listed = new Set([...required, ...preferred].map(normalizeKey));
  const onlyClaimed = new Set((skillEvidence.unbacked ?? []).map(normalizeKey));
  // normalised broader skill -> the candidate skill that implies it
  const impliedBy = new Map(Object.entries(skillEvidence.implied ?? {}).map(([broader, via]) => [normalizeKey(broader), via]));
  const named = new Set(candidate.map(normalizeKey));
  const have = new Set([...named, ...impliedBy.keys()]);

  const req = split(required, have);
  const pref = split(preferred, have);
  const extra = candidate.filter((s) => !listed.has(normalizeKey(s)));
  const matched = [...req.matched, ...pref.matched];
  const implied = matched.filter((s) => !named.has(normalizeKey(s))).map((skill) => ({ skill, via: impliedBy.get(normalizeKey(skill))! }));
  /** The resume's own skill behind a matched job skill: itself, or what implies it. */
  const source = (s: string) => (named.has(normalizeKey(s)) ? s : impliedBy.get(normalizeKey(s))!);
  const unbacked = matched.filter((s) => onlyClaimed.has(normalizeKey(source(s))));

  const facts = { required: req, preferred: pref, extra, unbacked, implied };
  const evidence = describeSkillMatch(facts).map((finding) => finding.text);
  if (required.length === 0 && preferred.length === 0) return { score: NEUTRAL_SKILL_SCORE, ...facts, evidence };

  const credit = (skills: string[]) =>
    skills.reduce((sum, s) => sum + (onlyClaimed.has(normalizeKey(source(s))) ? UNBACKED_SKILL_CREDIT : 1), 0);
  const total = SKILL_GROUP_WEIGHTS.required * required.length + SKILL_GROUP_WEIGHTS.preferred * preferred.length;
  const got = SKILL_GROUP_WEIGHTS.required * credit(req.matched) + SKILL_GROUP_WEIGHTS.preferred * credit(pref.matched);
  return { score: round4(got / total), ...facts, evidence };
}

/** What one evidence line of the skills part says: explanations sort lines by this, never by their wording. */
export type SkillFindingKind =
  | 'no_job_skills'
  | 'no_resume_skills'
  | 'required_all'
  | 'required_some'
  | 'required_none'
  | 'required_missing'
  | 'preferred_some'
  | 'preferred_none'
  | 'preferred_missing'
  | 'implied'
  | 'unbacked'
  | 'other_skills';

export interface SkillFinding {
  kind: SkillFindingKind;
  text: string;
}

/**
 * The skills part's evidence as coded findings, from its structured fields alone (so the
 * explanation reads the same findings the API's `evidence` lines were written from).
 */
export function describeSkillMatch(part: Pick<SkillsPart, 'required' | 'preferred' | 'extra' | 'unbacked' | 'implied'>): SkillFinding[] {
  const { required: req, preferred: pref, extra, unbacked, implied } = part;
  const requiredCount = req.matched.length + req.missing.length;
  const preferredCount = pref.matched.length + pref.missing.length;
  if (requiredCount === 0 && preferredCount === 0) {
    return [{ kind: 'no_job_skills', text: 'The job lists no specific skills, so the skill match is neutral' }];
  }
  const findings: SkillFinding[] = [];
  const add = (kind: SkillFindingKind, text: string) => findings.push({ kind, text });
  // Every resume skill is either a matched job skill it names itself (not implied) or an extra one.
  const namedMatches = req.matched.length + pref.matched.length - implied.length;
  if (namedMatches === 0 && extra.length === 0) add('no_resume_skills', 'No skills were found on the resume');
  if (requiredCount > 0) {
    if (req.missing.length === 0) add('required_all', `Has all ${requiredCount} required skills: ${formatList(req.matched)}`);
    else if (req.matched.length === 0) add('required_none', `Has none of the ${requiredCount} required skills`);
    else add('required_some', `Has ${req.matched.length} of ${requiredCount} required skills: ${formatList(req.matched)}`);
    if (req.missing.length > 0) add('required_missing', `Missing required skills: ${formatList(req.missing)}`);
  }
  if (preferredCount > 0) {
    if (pref.matched.length > 0)
      add('preferred_some', `Has ${pref.matched.length} of ${preferredCount} preferred skills: ${formatList(pref.matched)}`);
    else add('preferred_none', `Has none of the ${preferredCount} preferred skills`);
    if (pref.missing.length > 0) add('preferred_missing', `Missing preferred skills: ${formatList(pref.missing)}`);
  }
  if (implied.length > 0) {
    add('implied', `Implied by the resume's own skills: ${formatList(implied.map(({ skill, via }) => `${skill} (via ${via})`))}`);
  }
  if (unbacked.length > 0) {
    add('unbacked', `Mentioned only in the summary, not in the experience or skills sections (half credit): ${formatList(unbacked)}`);
  }
  if (extra.length > 0) add('other_skills', `Other skills: ${formatList(extra, 8)}`);
  return findings;
}
