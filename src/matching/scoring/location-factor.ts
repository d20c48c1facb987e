import { countryName } from '../../locations/place-names.js';
import { REMOTE_WORDS, parseLocation, type ParsedLocation } from '../../locations/location-parser.js';
import { NEUTRAL_SCORE, type FactorStatus } from './factor-status.js';

export interface LocationPart {
  score: number;
  status: FactorStatus;
  candidateLocation: string | null;
  jobLocation: string | null;
  remote: boolean;
  evidence: string[];
}

/** Same city or region (or a remote job) -> 1; same country only -> 0.25; elsewhere -> 0; unknown -> 0.5. */
export const LOCATION_SCORES = { sameCityOrRegion: 1, sameCountry: 0.25, elsewhere: 0 } as const;

function titleCase(s: string): string {
  return s.replace(/(^|[\s-])(\p{L})/gu, (_m, sep: string, c: string) => sep + c.toUpperCase());
}

/** City-level display of a parsed location ("Denver, Colorado"); never echoes street addresses or postcodes. */
function displayLocation(loc: ParsedLocation, fallback: string): string {
  const places = [loc.city, loc.region].filter((p): p is string => !!p).map((p) => (p.length <= 3 ? p.toUpperCase() : titleCase(p)));
  if (loc.region === null && loc.country !== null) places.push(countryName(loc.country));
  return places.length ? places.join(', ') : fallback;
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
