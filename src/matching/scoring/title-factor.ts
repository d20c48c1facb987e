import { NEUTRAL_SCORE, type FactorStatus } from './factor-status.js';
import { clamp01, round4 } from './score-utils.js';

export interface TitlePart {
  score: number;
  status: FactorStatus;
  jobTitle: string;
  /** The candidate title that matched best (null when none shares a word with the job title). */
  bestMatchingTitle: string | null;
  evidence: string[];
}

const TITLE_PHRASES: [RegExp, string][] = [
  [/\bfront[\s-]+end\b/g, 'frontend'],
  [/\bback[\s-]+end\b/g, 'backend'],
  [/\bfull[\s-]+stack\b/g, 'fullstack'],
  [/\bmachine learning\b/g, 'ml'],
  [/\bdev ?ops\b/g, 'devops'],
  [/\bswe\b/g, 'software engineer'],
  [/\bsre\b/g, 'site reliability engineer'],
  [/\brn\b/g, 'registered nurse'],
  [/\blpn\b/g, 'licensed practical nurse'],
  [/\bcna\b/g, 'certified nursing assistant'],
  [/\bcpa\b/g, 'accountant'],
];

const TITLE_SYNONYMS: Record<string, string> = {
  developer: 'engineer',
  programmer: 'engineer',
  dev: 'engineer',
  engineering: 'engineer',
  mgr: 'manager',
  management: 'manager',
  coord: 'coordinator',
  educator: 'teacher',
  instructor: 'teacher',
  nursing: 'nurse',
  maths: 'math',
  mathematics: 'math',
  analytics: 'analyst',
};

/** Seniority and filler words that say nothing about the kind of role. */
const TITLE_STOPWORDS = new Set([
  'senior',
  'sr',
  'junior',
  'jr',
  'lead',
  'principal',
  'staff',
  'head',
  'chief',
  'associate',
  'i',
  'ii',
  'iii',
  'iv',
  'entry',
  'level',
  'mid',
  'intern',
  'trainee',
  'the',
  'a',
  'an',
  'of',
  'and',
  'for',
  'in',
  'at',
  'to',
  'with',
  'on',
  'team',
  'remote',
  'hybrid',
  'contract',
  'temporary',
  'part',
  'time',
  'full',
]);

/**
 * Lower-case role words of a title in order, seniority removed, light synonyms applied
 * ("Sr. Front-End Developer" -> frontend, engineer). Parenthesised parts ("(Node.js)") are ignored.
 */
export function titleTokens(title: string): Set<string> {
  let text = ` ${title.toLowerCase().replace(/\([^)]*\)/g, ' ')} `;
  for (const [pattern, replacement] of TITLE_PHRASES) text = text.replace(pattern, replacement);
  const tokens = new Set<string>();
  for (const raw of text.split(/[^\p{L}\p{N}+#]+/u)) {
    if (!raw || TITLE_STOPWORDS.has(raw)) continue;
    let token = TITLE_SYNONYMS[raw] ?? raw;
    if (token.length > 3 && token.endsWith('s') && !token.endsWith('ss') && !TITLE_SYNONYMS[raw]) token = token.slice(0, -1);
    tokens.add(TITLE_SYNONYMS[token] ?? token);
  }
  return tokens;
}

/**
 * The role noun of a title: the last role word before any qualifier
 * ("Registered Nurse - Medical-Surgical Unit" -> nurse, "Senior Backend Engineer (Node.js)" -> engineer).
 */
export function titleHead(title: string): string | null {
  const main = title.replace(/\([^)]*\)/g, ' ').split(/\s[-–—|]\s|,|:/)[0] ?? '';
  const tokens = [...titleTokens(main)];
  return tokens.length > 0 ? tokens[tokens.length - 1] : null;
}

/** Share of a title score that comes from the role noun; the rest comes from the other job-title words. */
export const TITLE_HEAD_WEIGHT = 0.5;
/** Older titles count a little less: the most recent counts fully, then 0.9, 0.8 ... (only the 5 most recent are read). */
export const TITLE_RECENCY_DECAY = 0.1;
const MAX_TITLES = 5;

/** How well one candidate title covers the job title: role noun (half) + share of the other job-title words (half). */
function titleOverlap(jobTokens: ReadonlySet<string>, head: string | null, candidate: ReadonlySet<string>): number {
  const rest = [...jobTokens].filter((t) => t !== head);
  const restShare = rest.length === 0 ? null : rest.filter((t) => candidate.has(t)).length / rest.length;
  if (head === null) return restShare ?? 0;
  const headScore = candidate.has(head) ? 1 : 0;
  if (restShare === null) return headScore;
  return TITLE_HEAD_WEIGHT * headScore + (1 - TITLE_HEAD_WEIGHT) * restShare;
}

/**
 * Title similarity: the best of the candidate's recent titles (older ones discounted), each scored by
 * whether it has the job title's role noun and how many of the other job-title words it shares.
 * "Mathematics Teacher" vs "High School Mathematics Teacher" -> 0.5 + 0.5 * 1/3 = 0.6667.
 */
export function scoreTitle(jobTitle: string, candidateTitles: readonly string[]): TitlePart {
  const jobTokens = titleTokens(jobTitle ?? '');
  const head = titleHead(jobTitle ?? '');
  const titles = (candidateTitles ?? []).filter((t) => typeof t === 'string' && t.trim()).slice(0, MAX_TITLES);
  const base = { jobTitle: jobTitle ?? '' };
  if (jobTokens.size === 0) {
    return { score: NEUTRAL_SCORE, status: 'unknown', ...base, bestMatchingTitle: null, evidence: ['The job title could not be compared'] };
  }
  if (titles.length === 0) {
    return {
      score: NEUTRAL_SCORE,
      status: 'unknown',
      ...base,
      bestMatchingTitle: null,
      evidence: ['No previous job titles found on the resume'],
    };
  }
  let best = 0;
  let bestOverlap = 0;
  let bestTitle = null as string | null; // assigned in the callback below, which narrowing does not see
  titles.forEach((title, index) => {
    const overlap = titleOverlap(jobTokens, head, titleTokens(title));
    const score = overlap * (1 - TITLE_RECENCY_DECAY * index);
    if (score > best) {
      best = score;
      bestOverlap = overlap;
      bestTitle = title.trim();
    }
  });
  if (bestTitle === null) {
    return {
      score: 0,
      status: 'unmet',
      ...base,
      bestMatchingTitle: null,
      evidence: [`No recent title resembles "${jobTitle}" (most recent: ${titles[0].trim()})`],
    };
  }
  const score = round4(clamp01(best));
  const recent = bestTitle === titles[0].trim() ? 'Current or most recent title' : 'Previous title';
  const closeness = bestOverlap >= 0.999 ? 'matches' : bestOverlap >= 0.5 ? 'is close to' : 'partly overlaps with';
  return {
    score,
    status: bestOverlap >= 0.999 ? 'met' : 'partial',
    ...base,
    bestMatchingTitle: bestTitle,
    evidence: [`${recent} "${bestTitle}" ${closeness} "${jobTitle}"`],
  };
}
