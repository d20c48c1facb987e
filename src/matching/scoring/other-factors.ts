/**
 * The "other factors" of a match, one file each: experience, education, location and job title.
 * This file holds their shares and re-exports them for the scorer.
 */
export type { FactorStatus } from './factor-status.js';
export { scoreExperience, type ExperiencePart } from './experience-factor.js';
export { scoreEducation, type EducationPart } from './education-factor.js';
export { scoreLocation, type LocationPart } from './location-factor.js';
export { scoreTitle, titleHead, titleTokens, type TitlePart } from './title-factor.js';

/** Share of each factor in the "other factors" score (sum 1). */
export const OTHER_FACTOR_WEIGHTS = { experience: 0.35, education: 0.2, location: 0.2, title: 0.25 } as const;
