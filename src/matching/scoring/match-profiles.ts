import type { EducationLevel } from '../../common/education-levels.js';
import type { CefrLevel, SkillType } from '../../skills/skill-types.js';

/** What scoring needs to know about a candidate: built from a stored resume row. */
export interface CandidateProfile {
  id: string;
  /** Canonical skill names. */
  skills: string[];
  /**
   * The subset of `skills` that only the summary mentions, on a resume that has experience or skills
   * sections where they could have appeared (see UNBACKED_SKILL_CREDIT).
   */
  unbackedSkills?: string[];
  /** Broader skills the resume's skills imply (Electronic Health Records -> Epic): skill -> the skill it came from. */
  impliedSkills?: Record<string, string>;
  /** CEFR level the resume states per language. */
  languageLevels?: Record<string, CefrLevel>;
  totalYearsExperience: number | null;
  highestEducationLevel: EducationLevel | null;
  location: string | null;
  /** Most recent first. */
  jobTitles: string[];
}

/** What scoring needs to know about a job: built from a stored job row. */
export interface JobProfile {
  id: string;
  title: string;
  /** Canonical skill names the job requires. */
  requiredSkills: string[];
  /** Canonical skill names the job prefers (nice to have). */
  preferredSkills: string[];
  /** Type of each job skill (knowledge, skill, transversal, language): the skills part weighs them. */
  skillTypes?: Record<string, SkillType>;
  /** CEFR level the job asks for per language. */
  languageLevels?: Record<string, CefrLevel>;
  minYearsExperience: number | null;
  educationLevel: EducationLevel | null;
  location: string | null;
  remote: boolean;
}
