/**
 * Education levels, lowest first: the one vocabulary the resume parser, job requirements, scoring
 * and the API share.
 */
export const EDUCATION_LEVELS = ['none', 'secondary', 'associate', 'bachelor', 'master', 'doctorate'] as const;

export type EducationLevel = (typeof EDUCATION_LEVELS)[number];

/** How a level reads in a sentence ("Holds a bachelor's degree"). */
export const EDUCATION_LABEL: Record<EducationLevel, string> = {
  none: 'no formal qualification',
  secondary: 'a high-school diploma',
  associate: 'an associate degree',
  bachelor: "a bachelor's degree",
  master: "a master's degree",
  doctorate: 'a doctorate',
};

/** 0 (none) .. 5 (doctorate); -1 for no level or a value that is not one. */
export function educationRank(level: EducationLevel | null | undefined): number {
  return level ? EDUCATION_LEVELS.indexOf(level) : -1;
}

/** The highest of some levels (nulls ignored), or null. */
export function highestEducationLevel(levels: Iterable<EducationLevel | null>): EducationLevel | null {
  let best: EducationLevel | null = null;
  for (const level of levels) if (level && educationRank(level) > educationRank(best)) best = level;
  return best;
}
