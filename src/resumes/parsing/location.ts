/** Where the candidate lives, read from header lines ("Austin, TX", "London, UK", "Location: Berlin"). */
import { countryCode, countryOfCity, regionOf } from '../../locations/place-names.js';

/** Separators between the parts of a header line ("Jane Doe | Austin, TX | jane@x.io"). */
export const SEGMENT_SPLIT = /\s*(?:[|•·▪●◦\u2022\t]|\s{3,}|\s[-–—]\s)\s*/;
const STATE_RE = /^(.{2,40}?),\s*([A-Z]{2})(?:\s+(\d{5}(?:-\d{4})?|[A-Z]\d[A-Z]\s?\d[A-Z]\d))?(?:,\s*(USA|US|United States|Canada))?$/u;
const LOCATION_LABEL_RE =
  /^\s*(?:location|address|based in|city|residence|lives in|home|wohnort|adresse|dirección|ubicación)\s*[:\-–]\s*(.+)$/i;

function cleanPlace(s: string): string {
  return s
    .replace(/^(?:📍|🏠|⌂)\s*/u, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/**
 * Organisation words: "Pennine Outdoor Retail Ltd, Leeds, UK" is an employer with its location, and
 * its first part is not a city. (City names with "Park", "City", "Springs"... are not affected.)
 */
const ORGANISATION_WORDS =
  /\b(?:inc|llc|ltd|limited|corp|corporation|company|plc|gmbh|ag|sas|sarl|bv|pty|pvt|srl|group|holdings|partners|associates|hospital|hosp|clinic|healthcare|university|univ|college|school|academy|institute|bank|agency|foundation|services|solutions|technologies|labs|systems|software|consulting|logistics|industries|enterprises|studios?|retail|foods|stores|restaurant|hotel)\b/i;

/** A single segment that reads as a location ("Austin, TX", "London, UK", "Berlin, Germany"). */
export function asLocation(segment: string): string | null {
  // a trailing remark: "Denver, Colorado (relocated from Leeds, UK)", "Austin, TX (open to relocation)"
  let s = cleanPlace(segment)
    .replace(/\s*\([^()]*\)\s*$/, '')
    .replace(/[.;]$/, '');
  if (!s || s.length > 70 || /@|https?:|www\.|\d{3,}[\s.-]\d{3,}/.test(s)) return null;
  if (ORGANISATION_WORDS.test(s.split(',')[0])) return null;
  // drop a leading street address: "123 Main St, Springfield, IL 62704"
  const parts = s.split(/\s*,\s*/);
  if (parts.length >= 3 && /^\d+\s/.test(parts[0])) s = parts.slice(1).join(', ');
  // postcodes: "Bristol BS1 4DJ", "75001 Paris", "10115 Berlin", "Toronto ON M5V 2T6" (kept for STATE_RE)
  s = s
    .split(/\s*,\s*/)
    .map((x) => x.replace(/\s+[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}$/, '').replace(/^\d{4,5}\s+(?=\p{L})/u, ''))
    .join(', ');
  const st = s.match(STATE_RE);
  if (st) {
    const city = st[1].replace(/^\d+\s.*?\s(?=[A-Z][a-z]+$)/, '');
    if (regionOf(st[2], { codes: true })) {
      if (!/^[\p{L}][\p{L}.' -]*$/u.test(city)) return null;
      return `${city}, ${st[2]}${st[4] ? `, ${st[4]}` : ''}`;
    }
  }
  const p = s.split(/\s*,\s*/);
  if (p.length >= 2 && p.length <= 3 && p.every((x) => /^[\p{L}][\p{L}.' -]*$/u.test(x) && x.split(' ').length <= 4)) {
    const last = p[p.length - 1];
    if (countryCode(last) || regionOf(last) || countryOfCity(p[0])) return p.join(', ');
  }
  if (p.length === 1) {
    const low = s.toLowerCase().replace(/\s*\((?:remote|hybrid)\)$/, '');
    if (countryOfCity(low) || (countryCode(low) && s.length > 3)) return s;
    if (/^remote(?:\s*[-–(,].*)?$/i.test(s)) return null;
  }
  return null;
}

/**
 * Location from the header lines (label, "City, ST", "City, Country" or a well-known city). `name`
 * (the candidate's name, when known) is never read as a place: "Laura Fischer, MS" is a name with a
 * degree, not a town in Mississippi.
 */
export function extractLocation(lines: string[], options: { name?: string | null } = {}): string | null {
  const name = options.name ? options.name.toLowerCase() : null;
  const isName = (seg: string) => name !== null && seg.trim().toLowerCase().startsWith(name);
  for (const line of lines) {
    const lab = line.match(LOCATION_LABEL_RE);
    if (lab) {
      const v = lab[1].split(SEGMENT_SPLIT)[0];
      return asLocation(v) ?? (cleanPlace(v) || null);
    }
  }
  for (const line of lines) {
    for (const seg of line.split(SEGMENT_SPLIT)) {
      if (isName(seg)) continue;
      const loc = asLocation(seg.replace(/^(?:location|address)\s*:\s*/i, ''));
      if (loc) return loc;
    }
  }
  return null;
}
