import type { Job, Resume } from '../generated/prisma/client.js';
import type { ParsedJob } from '../jobs/parsed-job.js';
import type { ParsedResume } from '../resumes/parsing/parsed-resume.js';
import type { SkillExtractor } from '../skills/skill-extractor.js';
import type { CefrLevel, SkillType } from '../skills/skill-types.js';
import type { CandidateProfile, JobProfile } from './scoring/match-profiles.js';

/** `skills` (the dictionary) supplies the broader skills the resume's skills imply. */
export function toCandidateProfile(row: Resume, skills: SkillExtractor): CandidateProfile {
  const parsed = row.parsed as unknown as Partial<ParsedResume>;
  return {
    id: row.id,
    skills: row.skills,
    unbackedSkills: unbackedSkills(parsed),
    impliedSkills: Object.fromEntries(skills.impliedSkills(row.skills)),
    languageLevels: Object.fromEntries(
      (parsed.skills ?? []).flatMap((skill): Array<[string, CefrLevel]> =>
        skill.type === 'language' && skill.level ? [[skill.name, skill.level]] : [],
      ),
    ),
    totalYearsExperience: row.totalYearsExperience,
    highestEducationLevel: parsed.highestEducationLevel ?? null,
    location: row.location,
    jobTitles: (parsed.experience ?? []).map((entry) => entry.title).filter((title): title is string => !!title),
  };
}

/** Skills only the summary mentions, when the resume has experience or skills sections that could back them. */
function unbackedSkills(parsed: Partial<ParsedResume>): string[] {
  const sections = parsed.sections ?? {};
  if (!('experience' in sections) && !('skills' in sections)) return [];
  return (parsed.skills ?? [])
    .filter((skill) => skill.foundIn?.length && skill.foundIn.every((where) => where === 'summary'))
    .map((skill) => skill.name);
}

/** `skills` (the dictionary) types the job's skills when the stored job predates `skillDetails`. */
export function toJobProfile(row: Job, skills: SkillExtractor): JobProfile {
  const parsed = row.parsed as unknown as Partial<ParsedJob>;
  const requiredSkills = parsed.requiredSkills ?? row.skills;
  const preferredSkills = parsed.preferredSkills ?? [];
  const details = new Map((parsed.skillDetails ?? []).map((skill) => [skill.name, skill]));
  const skillTypes: Record<string, SkillType> = {};
  const languageLevels: Record<string, CefrLevel> = {};
  for (const name of [...requiredSkills, ...preferredSkills]) {
    const detail = details.get(name);
    skillTypes[name] = detail?.type ?? skills.describe(name).type;
    if (detail?.level) languageLevels[name] = detail.level;
  }
  return {
    id: row.id,
    title: row.title,
    requiredSkills,
    preferredSkills,
    skillTypes,
    languageLevels,
    minYearsExperience: row.minYearsExperience,
    educationLevel: parsed.educationLevel ?? null,
    location: row.location,
    remote: parsed.remote ?? false,
  };
}
