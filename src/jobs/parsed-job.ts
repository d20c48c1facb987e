import type { EducationLevel } from '../common/education-levels.js';
import type { SkillRef } from '../skills/skill-types.js';

/** One skill of a job with its ESCO concept, type, CEFR level (languages) and whether it is required. */
export interface JobSkill extends SkillRef {
  required: boolean;
}

/** What the JobsService reads from a job ad (or takes from the request); stored as JSON on the row. */
export interface ParsedJob {
  requiredSkills: string[];
  preferredSkills: string[];
  /** The same skills with ESCO URI, type and level; absent on jobs stored before skills had types. */
  skillDetails?: JobSkill[];
  educationLevel: EducationLevel | null;
  remote: boolean;
}
