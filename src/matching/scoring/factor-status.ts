/**
 * How a factor was judged:
 * - `met`: meets or exceeds the requirement;
 * - `partial`: part of the way there;
 * - `unmet`: clearly does not meet it;
 * - `unknown`: information missing on one side, neutral score;
 * - `not_applicable`: the job sets no requirement, full score.
 */
export type FactorStatus = 'met' | 'partial' | 'unmet' | 'unknown' | 'not_applicable';

/** Score given when one side's information is missing. */
export const NEUTRAL_SCORE = 0.5;
