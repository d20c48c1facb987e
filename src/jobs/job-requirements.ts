import type { EducationLevel } from '../resumes/parsing/parsed-resume.js';

/**
 * Facts a job ad states in prose, read when the client did not send them as fields.
 * Pure functions: the JobsService wires them in.
 */
const EDUCATION_PATTERNS: Array<[EducationLevel, RegExp]> = [
  ['doctorate', /\b(ph\.?\s?d|doctorate|doctoral)\b/i],
  ['master', /\b(master'?s?|msc|m\.sc|mba|m\.s\.)\b(?![ -]?(?:card|data|class))/i],
  ['bachelor', /\b(bachelor'?s?|bsc|b\.sc|b\.s\.|b\.a\.|ba degree|undergraduate degree|university degree|college degree|degree in)\b/i],
  ['associate', /\b(associate'?s? degree|associate of|diploma)\b/i],
  ['secondary', /\b(high school|secondary school|ged)\b/i],
];

/** The lowest level the text asks for ("Bachelor's or Master's" asks for a bachelor). */
export function detectRequiredEducation(text: string): EducationLevel | null {
  const found = EDUCATION_PATTERNS.filter(([, pattern]) => pattern.test(text)).map(([level]) => level);
  return found.length ? found[found.length - 1] : null;
}

/** "5+ years", "at least 3 years", "3-5 years of experience" -> the minimum asked for. */
export function detectMinYears(text: string): number | null {
  const pattern = /(?:at least|minimum(?: of)?|min\.?)?\s*(\d{1,2})(?:\s*[-–to]+\s*\d{1,2})?\s*\+?\s*(?:years?|yrs?)\b/gi;
  const values = [...text.matchAll(pattern)].map((match) => Number(match[1])).filter((n) => n > 0 && n <= 40);
  return values.length ? Math.min(...values) : null;
}

export function detectRemote(text: string): boolean {
  return /\b(fully remote|remote[- ]first|100% remote|remote position|work from home|remote\b(?! sensing))/i.test(text);
}
