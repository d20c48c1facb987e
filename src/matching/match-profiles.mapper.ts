import type { Job, Resume } from '../generated/prisma/client.js';
import type { ParsedJob } from '../jobs/parsed-job.js';
import type { ParsedResume } from '../resumes/parsing/parsed-resume.js';
import type { SkillExtractor } from '../skills/skill-extractor.js';
import type { CandidateProfile, JobProfile } from './scoring/match-profiles.js';

/** `skills` (the dictionary) supplies the broader skills the resume's skills imply. */
export function toCandidateProfile(row: Resume, skills: SkillExtractor): CandidateProfile {
  const parsed = row.parsed as unknown as Partial<ParsedResume>;
  return {
    id: row.id,
    skills: row.skills,
    unbackedSkills: unbackedSkills(parsed),
    impliedSkills: Object.fromEntries(skills.impliedSkills(row.skills)),
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

export function toJobProfile(row: Job): JobProfile {
  const parsed = row.parsed as unknown as Partial<ParsedJob>;
  return {
    id: row.id,
    title: row.title,
    requiredSkills: parsed.requiredSkills ?? row.skills,
    preferredSkills: parsed.preferredSkills ?? [],
    minYearsExperience: row.minYearsExperience,
    educationLevel: parsed.educationLevel ?? null,
    location: row.location,
    remote: parsed.remote ?? false,
  };
}
