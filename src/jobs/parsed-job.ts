import type { EducationLevel } from '../common/education-levels.js';

/** What the JobsService reads from a job ad (or takes from the request); stored as JSON on the row. */
export interface ParsedJob {
  requiredSkills: string[];
  preferredSkills: string[];
  educationLevel: EducationLevel | null;
  remote: boolean;
}
