import { CEFR_LEVELS, type CefrLevel, type SkillType } from '../../skills/skill-types.js';
import { formatList, normalizeKey, round4 } from './score-utils.js';

/** Relative weight of one required skill vs one preferred (nice-to-have) skill. */
export const SKILL_GROUP_WEIGHTS = { required: 2, preferred: 1 } as const;

/**
 * Credit for a skill the resume only mentions in its summary while its experience and skills
 * sections never do: a claim the rest of the resume does not back (a recruiter who "hires
 * TypeScript developers", a salesperson who "understands the month-end close").
 */
export const UNBACKED_SKILL_CREDIT = 0.5;

/**
 * Weight of one skill by its type, on top of required x2 / preferred x1. Chosen from what each type
 * means for a hire, not fitted to any evaluation set:
 * - language 2: a language is a condition of the work itself (a German-speaking support role cannot be
 *   done without German, however good the rest), so a missing required language costs twice a tool;
 * - transversal 0.5: teamwork, communication, "show initiative" are asked for by nearly every ad and
 *   claimed by nearly every resume; a match says little and a miss is weak evidence (people rarely
 *   write them down), so they count half;
 * - knowledge and skill 1: the occupation-specific core, as before types existed.
 */
export const SKILL_TYPE_WEIGHTS: Readonly<Record<SkillType, number>> = { knowledge: 1, skill: 1, transversal: 0.5, language: 2 };

/**
 * Credit for a required language by level: full when the resume's level is at least the job's (or
 * the job names none); half when the resume names the language without a level, or one CEFR step
 * below (B2 for C1); none when two or more steps below.
 */
export function languageCredit(candidate: CefrLevel | undefined, required: CefrLevel | undefined): number {
  if (!required) return 1;
  if (!candidate) return 0.5;
  const gap = CEFR_LEVELS.indexOf(required) - CEFR_LEVELS.indexOf(candidate);
  return gap <= 0 ? 1 : gap === 1 ? 0.5 : 0;
}

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
  /** The job's languages with the level asked and the level the resume states. */
  languages: LanguageMatch[];
  evidence: string[];
}

export interface LanguageMatch {
  language: string;
  required: boolean;
  requiredLevel: CefrLevel | null;
  candidateLevel: CefrLevel | null;
  /** met: level at least the job's (or none asked); unverified: no level on the resume; below; missing. */
  status: 'met' | 'unverified' | 'below' | 'missing';
}

/** What else the resume says about its skills. */
export interface SkillEvidence {
  /** Skills only the resume's summary mentions (see UNBACKED_SKILL_CREDIT). */
  unbacked?: readonly string[];
  /** Broader skill -> the resume skill that implies it (Electronic Health Records -> Epic). */
  implied?: Readonly<Record<string, string>>;
  /** Type of each skill by name (any case); a name without a type counts as `skill`. */
  types?: Readonly<Record<string, SkillType>>;
  /** CEFR level the job asks for, per language name. */
  jobLanguageLevels?: Readonly<Record<string, CefrLevel>>;
  /** CEFR level the resume states, per language name. */
  candidateLanguageLevels?: Readonly<Record<string, CefrLevel>>;
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

  const types = new Map(Object.entries(skillEvidence.types ?? {}).map(([name, type]) => [normalizeKey(name), type]));
  const typeOf = (s: string): SkillType => types.get(normalizeKey(s)) ?? 'skill';
  const levels = (record: Readonly<Record<string, CefrLevel>> | undefined) =>
    new Map(Object.entries(record ?? {}).map(([name, level]) => [normalizeKey(name), level]));
  const jobLevels = levels(skillEvidence.jobLanguageLevels);
  const candidateLevels = levels(skillEvidence.candidateLanguageLevels);
  const languages: LanguageMatch[] = [...required.map((s) => [s, true] as const), ...preferred.map((s) => [s, false] as const)]
    .filter(([s]) => typeOf(s) === 'language')
    .map(([language, isRequired]) => {
      const requiredLevel = jobLevels.get(normalizeKey(language)) ?? null;
      const candidateLevel = candidateLevels.get(normalizeKey(language)) ?? null;
      const credit = languageCredit(candidateLevel ?? undefined, requiredLevel ?? undefined);
      const status: LanguageMatch['status'] = !have.has(normalizeKey(language))
        ? 'missing'
        : credit === 1
          ? 'met'
          : candidateLevel
            ? 'below'
            : 'unverified';
      return { language, required: isRequired, requiredLevel, candidateLevel, status };
    });

  const facts = { required: req, preferred: pref, extra, unbacked, implied, languages };
  const evidence = describeSkillMatch(facts).map((finding) => finding.text);
  if (required.length === 0 && preferred.length === 0) return { score: NEUTRAL_SKILL_SCORE, ...facts, evidence };

  const creditOf = (s: string) => {
    const base = onlyClaimed.has(normalizeKey(source(s))) ? UNBACKED_SKILL_CREDIT : 1;
    if (typeOf(s) !== 'language') return base;
    return base * languageCredit(candidateLevels.get(normalizeKey(s)), jobLevels.get(normalizeKey(s)));
  };
  const weight = (s: string) => SKILL_TYPE_WEIGHTS[typeOf(s)];
  const sum = (skills: string[], f: (s: string) => number) => skills.reduce((acc, s) => acc + f(s), 0);
  const total = SKILL_GROUP_WEIGHTS.required * sum(required, weight) + SKILL_GROUP_WEIGHTS.preferred * sum(preferred, weight);
  const got =
    SKILL_GROUP_WEIGHTS.required * sum(req.matched, (s) => weight(s) * creditOf(s)) +
    SKILL_GROUP_WEIGHTS.preferred * sum(pref.matched, (s) => weight(s) * creditOf(s));
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
  | 'language_level'
  | 'other_skills';

export interface SkillFinding {
  kind: SkillFindingKind;
  text: string;
}

/**
 * The skills part's evidence as coded findings, from its structured fields alone (so the
 * explanation reads the same findings the API's `evidence` lines were written from).
 */
export function describeSkillMatch(
  part: Pick<SkillsPart, 'required' | 'preferred' | 'extra' | 'unbacked' | 'implied'> & Partial<Pick<SkillsPart, 'languages'>>,
): SkillFinding[] {
  const { required: req, preferred: pref, extra, unbacked, implied, languages = [] } = part;
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
  const short = languages.filter((l) => l.status === 'below' || l.status === 'unverified');
  if (short.length > 0) {
    add(
      'language_level',
      `Language level: ${formatList(
        short.map((l) => `${l.language} ${l.requiredLevel} asked, ${l.candidateLevel ? `${l.candidateLevel} stated` : 'no level stated'}`),
      )}`,
    );
  }
  if (extra.length > 0) add('other_skills', `Other skills: ${formatList(extra, 8)}`);
  return findings;
}
