/** Structured data the ResumeParser extracts from a resume's text; stored as JSON on the row. */
import type { EducationLevel } from '../../common/education-levels.js';
import type { CefrLevel, SkillType } from '../../skills/skill-types.js';

export interface ExperienceEntry {
  title: string | null;
  company: string | null;
  /** ISO month `YYYY-MM` (or `YYYY-01` when only a year is given). */
  start: string | null;
  /** ISO month, or null when `current`. */
  end: string | null;
  current: boolean;
}

export interface EducationEntry {
  degree: string | null;
  field: string | null;
  institution: string | null;
  year: number | null;
  level: EducationLevel | null;
}

export interface ResumeSkill {
  /** Canonical name from the skill dictionary. */
  name: string;
  category: string;
  /** ESCO concept URI (null when ESCO has none); absent on resumes parsed before skills had one. */
  escoUri?: string | null;
  type?: SkillType;
  /** Languages only: CEFR level the resume states. */
  level?: CefrLevel;
  /** Sections (e.g. `skills`, `experience`, `summary`) where the skill was found. */
  foundIn: string[];
}

export interface ResumeLinks {
  linkedin: string | null;
  github: string | null;
  web: string[];
}

export interface ParsedResume {
  name: string | null;
  email: string | null;
  /** E.164 where the country is clear, otherwise the digits as written. */
  phone: string | null;
  location: string | null;
  links: ResumeLinks;
  summary: string | null;
  experience: ExperienceEntry[];
  /**
   * Merged date ranges: overlapping jobs are not counted twice. null when no dated position was
   * found (unknown, which is not the same as no experience).
   */
  totalYearsExperience: number | null;
  education: EducationEntry[];
  highestEducationLevel: EducationLevel | null;
  skills: ResumeSkill[];
  languages: string[];
  certifications: string[];
  /** Section name -> the heading text the parser recognised for it. */
  sections: Record<string, string>;
}
