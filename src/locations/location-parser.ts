/**
 * The one location parser: "Austin, TX", "Leeds LS1 4AP, UK", "Toronto, ON", "Chicago, IL (Hybrid)"
 * -> city, region and country. The resume parser reads the country of the candidate's location
 * from it (the calling code of a national phone number); the location factor of matching compares
 * a candidate's and a job's.
 */
import { cityName, countryCode, countryOfCity, placeKey, regionOf } from './place-names.js';

/** Words that make a location remote ("Remote (US)", "Anywhere", "WFH"). */
export const REMOTE_WORDS = /\b(remote|anywhere|work from home|wfh|distributed)\b/i;

/** Street-address parts ("123 Main St", "Apt 4B") are dropped: only city, region and country matter. */
const STREET = /^\d|\b(street|avenue|ave|road|blvd|boulevard|drive|suite|ste|apt|po box)\b/;

export interface ParsedLocation {
  /** Lower case, nicknames resolved ("new york" for NYC). */
  city: string | null;
  /** Lower case: a state, province or nation ("texas", "ontario", "england"), or an unknown middle part. */
  region: string | null;
  /** ISO 3166 alpha-2, when a part names the country or a region implies it. */
  country: string | null;
}

/**
 * The parts of a location, as place keys: work-mode words ("hybrid", "remote", "greater"...),
 * postcodes (US ZIP, Canadian, UK, a trailing number such as "Wien 1010") and street parts dropped.
 */
function locationParts(text: string): string[] {
  return (
    text
      .toLowerCase()
      .replace(/\((?:hybrid|on-?site|remote)[^)]*\)/g, ' ')
      .replace(/\b(hybrid|on-?site|metro(politan)? area|greater)\b/g, ' ')
      // postal codes: US ZIP, Canadian and UK postcodes
      .replace(/\b\d{5}(?:-\d{4})?\b/g, ' ')
      .replace(/\b[a-z]\d[a-z] ?\d[a-z]\d\b/g, ' ')
      .replace(/\b[a-z]{1,2}\d[a-z\d]? ?\d[a-z]{2}\b/g, ' ')
      .split(/,|;|\/|\s[-–|]\s/)
      .map((part) => placeKey(part).replace(/\s+\d[\d\s-]*$/, ''))
      .filter((part) => part.length > 0 && !REMOTE_WORDS.test(part) && !STREET.test(part))
  );
}

/**
 * "Austin, TX" -> { city: austin, region: texas, country: US }. The first of several parts is the
 * city unless it names a country; later parts are read as region and country. Best effort.
 */
export function parseLocation(text: string): ParsedLocation {
  return readParts(locationParts(text));
}

function readParts(parts: string[]): ParsedLocation {
  const out: ParsedLocation = { city: null, region: null, country: null };
  parts.forEach((part, index) => {
    // a two-letter code first in line is not read as a state ("IN", "OR")
    const region = regionOf(part, { codes: index > 0 });
    const country = region ? null : countryCode(part);
    if (index === 0 && parts.length > 1 && !country) {
      out.city = cityName(part);
    } else if (country) {
      out.country ??= country;
    } else if (region && out.region === null) {
      out.region = region.name;
      out.country ??= region.country;
    } else if (index === 0) {
      out.city = cityName(part);
    } else if (out.region === null) {
      out.region = part;
    }
  });
  return out;
}

/** ISO country a location names or implies ("Austin, TX", "London, UK", "Berlin"), or null. */
export function countryOfLocation(location: string | null | undefined): string | null {
  if (!location) return null;
  const parts = locationParts(location);
  return readParts(parts).country ?? parts.map(countryOfCity).find((country) => country !== null) ?? null;
}
