import { EDUCATION_LABEL, educationRank, type EducationLevel } from '../../common/education-levels.js';
import { clamp01, formatYears, round4 } from './score-utils.js';
import { US_STATES as US_STATE_TABLE } from '../../resumes/parsing/geo.js';

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

/** Share of each factor in the "other factors" score (sum 1). */
export const OTHER_FACTOR_WEIGHTS = { experience: 0.35, education: 0.2, location: 0.2, title: 0.25 } as const;

export interface ExperiencePart {
  score: number;
  status: FactorStatus;
  candidateYears: number | null;
  requiredYears: number | null;
  evidence: string[];
}

export interface EducationPart {
  score: number;
  status: FactorStatus;
  candidateLevel: EducationLevel | null;
  requiredLevel: EducationLevel | null;
  evidence: string[];
}

export interface LocationPart {
  score: number;
  status: FactorStatus;
  candidateLocation: string | null;
  jobLocation: string | null;
  remote: boolean;
  evidence: string[];
}

export interface TitlePart {
  score: number;
  status: FactorStatus;
  jobTitle: string;
  /** The candidate title that matched best (null when none shares a word with the job title). */
  bestMatchingTitle: string | null;
  evidence: string[];
}

const positive = (n: number | null | undefined): n is number => typeof n === 'number' && Number.isFinite(n) && n > 0;
const known = (n: number | null | undefined): n is number => typeof n === 'number' && Number.isFinite(n) && n >= 0;

// ---------------------------------------------------------------- experience

/** Full credit at or above the minimum; linear partial credit below it (2 of 4 years -> 0.5). */
export function scoreExperience(candidateYears: number | null, requiredYears: number | null): ExperiencePart {
  const cand = known(candidateYears) ? candidateYears : null;
  const req = positive(requiredYears) ? requiredYears : null;
  const base = { candidateYears: cand, requiredYears: req };
  if (req === null) {
    const evidence = [
      cand === null ? 'No minimum experience required' : `No minimum experience required; ${formatYears(cand)} of experience`,
    ];
    return { score: 1, status: 'not_applicable', ...base, evidence };
  }
  if (cand === null) {
    return { score: NEUTRAL_SCORE, status: 'unknown', ...base, evidence: [`Years of experience unclear; ${trimYears(req)} required`] };
  }
  if (cand >= req) {
    return { score: 1, status: 'met', ...base, evidence: [`${formatYears(cand)} of experience vs ${trimYears(req)} required`] };
  }
  const score = round4(clamp01(cand / req));
  const short = formatYears(req - cand);
  return {
    score,
    status: cand === 0 ? 'unmet' : 'partial',
    ...base,
    evidence: [`${formatYears(cand)} of experience vs ${trimYears(req)} required (${short} short)`],
  };
}

/** "3" rather than "3 years" for the required side ("5.5 years of experience vs 3 required"). */
function trimYears(years: number): string {
  return formatYears(years).replace(/ years?$/, '');
}

// ---------------------------------------------------------------- education

/** Score by how many levels short the candidate is: 0 -> 1, 1 -> 0.5, 2 -> 0.25, 3+ -> 0. */
const EDUCATION_GAP_SCORE = [1, 0.5, 0.25, 0] as const;

export function scoreEducation(candidateLevel: EducationLevel | null, requiredLevel: EducationLevel | null): EducationPart {
  const candRank = educationRank(candidateLevel);
  const reqRank = educationRank(requiredLevel);
  const cand = candRank >= 0 ? (candidateLevel as EducationLevel) : null;
  const req = reqRank >= 0 ? (requiredLevel as EducationLevel) : null;
  const base = { candidateLevel: cand, requiredLevel: req };
  if (req === null || reqRank === 0) {
    return { score: 1, status: 'not_applicable', ...base, evidence: ['No education requirement'] };
  }
  const required = EDUCATION_LABEL[req].replace(/^an? /, '');
  if (cand === null) {
    return { score: NEUTRAL_SCORE, status: 'unknown', ...base, evidence: [`Education level unclear; ${required} required`] };
  }
  const gap = reqRank - candRank;
  if (gap <= 0) {
    const how = gap === 0 ? 'meets' : 'exceeds';
    return { score: 1, status: 'met', ...base, evidence: [`Holds ${EDUCATION_LABEL[cand]}, which ${how} the ${required} requirement`] };
  }
  const score = EDUCATION_GAP_SCORE[Math.min(gap, EDUCATION_GAP_SCORE.length - 1)];
  return {
    score,
    status: score > 0 ? 'partial' : 'unmet',
    ...base,
    evidence: [`Highest education is ${EDUCATION_LABEL[cand]}; ${required} required`],
  };
}

// ---------------------------------------------------------------- location

// Lower-cased for matching against lower-cased location parts; the table lives with the parser.
const US_STATES: Record<string, string> = Object.fromEntries(
  Object.entries(US_STATE_TABLE).map(([code, name]) => [code.toLowerCase(), name.toLowerCase()]),
);
const US_STATE_NAMES = new Set(Object.values(US_STATES));

const COUNTRIES: Record<string, string> = {
  us: 'united states',
  usa: 'united states',
  'united states': 'united states',
  'united states of america': 'united states',
  america: 'united states',
  uk: 'united kingdom',
  'united kingdom': 'united kingdom',
  'great britain': 'united kingdom',
  gb: 'united kingdom',
  britain: 'united kingdom',
  canada: 'canada',
  germany: 'germany',
  deutschland: 'germany',
  france: 'france',
  spain: 'spain',
  italy: 'italy',
  ireland: 'ireland',
  netherlands: 'netherlands',
  'the netherlands': 'netherlands',
  poland: 'poland',
  portugal: 'portugal',
  sweden: 'sweden',
  switzerland: 'switzerland',
  austria: 'austria',
  belgium: 'belgium',
  india: 'india',
  australia: 'australia',
  'new zealand': 'new zealand',
  mexico: 'mexico',
  brazil: 'brazil',
  singapore: 'singapore',
  japan: 'japan',
  china: 'china',
  'south africa': 'south africa',
  nigeria: 'nigeria',
  philippines: 'philippines',
  uae: 'united arab emirates',
  'united arab emirates': 'united arab emirates',
};

/** Regions (nations of the UK, Canadian provinces) that imply a country. */
const REGION_COUNTRY: Record<string, string> = {
  england: 'united kingdom',
  scotland: 'united kingdom',
  wales: 'united kingdom',
  'northern ireland': 'united kingdom',
  ontario: 'canada',
  quebec: 'canada',
  'british columbia': 'canada',
  alberta: 'canada',
};

const CITY_ALIASES: Record<string, string> = {
  nyc: 'new york',
  'new york city': 'new york',
  sf: 'san francisco',
  'washington dc': 'washington',
  philly: 'philadelphia',
};

/** Street-address parts ("123 Main St", "Apt 4B") are dropped: only city, region and country matter. */
const STREET = /^\d|\b(street|avenue|ave|road|blvd|boulevard|drive|suite|ste|apt|po box)\b/;

const REMOTE_WORDS = /\b(remote|anywhere|work from home|wfh|distributed)\b/i;

export interface ParsedLocation {
  city: string | null;
  region: string | null;
  country: string | null;
}

/**
 * "Austin, TX" -> { city: austin, region: texas, country: united states }. The first of several
 * comma-separated parts is the city; later parts are read as state/region and country. Best effort.
 */
export function parseLocation(text: string): ParsedLocation {
  const parts = text
    .toLowerCase()
    .replace(/\((?:hybrid|on-?site|remote)[^)]*\)/g, ' ')
    .replace(/\b(hybrid|on-?site|metro(politan)? area|greater)\b/g, ' ')
    // postal codes: US ZIP, Canadian and UK postcodes
    .replace(/\b\d{5}(?:-\d{4})?\b/g, ' ')
    .replace(/\b[a-z]\d[a-z] ?\d[a-z]\d\b/g, ' ')
    .replace(/\b[a-z]{1,2}\d[a-z\d]? ?\d[a-z]{2}\b/g, ' ')
    .split(/,|;|\/|\s[-–|]\s/)
    .map((p) => p.replace(/\./g, '').replace(/\s+/g, ' ').trim())
    .filter((p) => p.length > 0 && !REMOTE_WORDS.test(p) && !STREET.test(p));
  const out: ParsedLocation = { city: null, region: null, country: null };
  parts.forEach((part, index) => {
    const country = COUNTRIES[part];
    const state = US_STATES[part] ?? (US_STATE_NAMES.has(part) ? part : undefined);
    if (index === 0 && parts.length > 1 && !country) {
      out.city = CITY_ALIASES[part] ?? part;
    } else if (country) {
      out.country ??= country;
    } else if (state && out.region === null && (index > 0 || part.length > 2)) {
      out.region = state;
      out.country ??= 'united states';
    } else if (REGION_COUNTRY[part] && out.region === null) {
      out.region = part;
      out.country ??= REGION_COUNTRY[part];
    } else if (index === 0) {
      out.city = CITY_ALIASES[part] ?? part;
    } else if (out.region === null) {
      out.region = part;
    }
  });
  return out;
}

/** Same city or region (or a remote job) -> 1; same country only -> 0.25; elsewhere -> 0; unknown -> 0.5. */
export const LOCATION_SCORES = { sameCityOrRegion: 1, sameCountry: 0.25, elsewhere: 0 } as const;

function titleCase(s: string): string {
  return s.replace(/(^|[\s-])(\p{L})/gu, (_m, sep: string, c: string) => sep + c.toUpperCase());
}

/** City-level display of a parsed location ("Denver, Colorado"); never echoes street addresses or postcodes. */
function displayLocation(loc: ParsedLocation, fallback: string): string {
  const parts = [loc.city, loc.region ?? loc.country].filter((p): p is string => !!p);
  if (parts.length === 0) return fallback;
  return parts.map((p) => (p.length <= 3 ? p.toUpperCase() : titleCase(p))).join(', ');
}

export function scoreLocation(candidateLocation: string | null, jobLocation: string | null, remote: boolean): LocationPart {
  const cand = candidateLocation?.trim() || null;
  const job = jobLocation?.trim() || null;
  const isRemote = remote === true || (job !== null && REMOTE_WORDS.test(job) && !/hybrid/i.test(job));
  const base = { candidateLocation: cand, jobLocation: job, remote: isRemote };
  if (isRemote) {
    return { score: 1, status: 'not_applicable', ...base, evidence: ['Remote role, so location is not a constraint'] };
  }
  if (job === null) {
    return { score: NEUTRAL_SCORE, status: 'unknown', ...base, evidence: ['The job location is not specified'] };
  }
  const j = parseLocation(job);
  const c = cand ? parseLocation(cand) : null;
  if (!c || (c.city === null && c.region === null && c.country === null)) {
    return { score: NEUTRAL_SCORE, status: 'unknown', ...base, evidence: [`Candidate location unclear; the job is in ${job}`] };
  }
  const compatible = (a: string | null, b: string | null) => a === null || b === null || a === b;
  if (j.city && c.city && j.city === c.city && compatible(j.region, c.region) && compatible(j.country, c.country)) {
    return {
      score: LOCATION_SCORES.sameCityOrRegion,
      status: 'met',
      ...base,
      evidence: [`Based in the job's city (${titleCase(j.city)})`],
    };
  }
  if (j.region && c.region && j.region === c.region && compatible(j.country, c.country)) {
    return {
      score: LOCATION_SCORES.sameCityOrRegion,
      status: 'met',
      ...base,
      evidence: [`Based in the job's region (${titleCase(j.region)})`],
    };
  }
  if (j.country && c.country && j.country === c.country) {
    return {
      score: LOCATION_SCORES.sameCountry,
      status: 'partial',
      ...base,
      evidence: [`Based in ${displayLocation(c, cand ?? '')}, same country but not the job's area (${displayLocation(j, job)})`],
    };
  }
  if (j.city === null && j.region === null && j.country === null) {
    return { score: NEUTRAL_SCORE, status: 'unknown', ...base, evidence: [`Job location "${job}" could not be compared`] };
  }
  return {
    score: LOCATION_SCORES.elsewhere,
    status: 'unmet',
    ...base,
    evidence: [`Based in ${displayLocation(c, cand ?? '')}; the job is in ${displayLocation(j, job)}`],
  };
}

// ---------------------------------------------------------------- title

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
