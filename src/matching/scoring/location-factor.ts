import { US_STATES as US_STATE_TABLE } from '../../resumes/parsing/geo.js';
import { NEUTRAL_SCORE, type FactorStatus } from './factor-status.js';

export interface LocationPart {
  score: number;
  status: FactorStatus;
  candidateLocation: string | null;
  jobLocation: string | null;
  remote: boolean;
  evidence: string[];
}

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
