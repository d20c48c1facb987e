/** Contact details: name, e-mail, phone (E.164), location and links. */
import { escapeRegExp } from '../../common/escape-regexp.js';
import type { ResumeLinks } from './parsed-resume.js';
import { CALLING_CODES, CA_PROVINCES, CITIES, COUNTRIES, US_STATES, countryOfLocation } from './geo.js';

// ---------------------------------------------------------------------------------------------
// e-mail
// ---------------------------------------------------------------------------------------------
const EMAIL_RE = /(?<![\w.+-])[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}(?![\p{L}\p{N}])/u;
const OBFUSCATED_EMAIL_RE = /\b([\w.+-]+)\s*[[(]\s*at\s*[\])]\s*([\w-]+(?:\s*[[(]\s*dot\s*[\])]\s*[\w-]+)+)\b/i;

export function extractEmail(text: string): string | null {
  const m = text.match(EMAIL_RE);
  if (m) {
    let email = m[0];
    // a narrow PDF column wraps "jane@example.com.au" as "jane@example.co" + "m.au"
    const after = text.slice((m.index ?? 0) + m[0].length);
    const wrap = after.match(/^[ \t]*\n[ \t]*([a-z0-9.-]{1,12})[ \t]*(?:\n|$)/);
    if (wrap && /^(?:[a-z]{1,3}(?:\.[a-z]{2,3})?|\.[a-z]{2,3})$/.test(wrap[1])) email += wrap[1];
    return email
      .replace(/^mailto:/i, '')
      .replace(/\.$/, '')
      .toLowerCase();
  }
  const o = text.match(OBFUSCATED_EMAIL_RE);
  if (o) return `${o[1]}@${o[2].replace(/\s*[[(]\s*dot\s*[\])]\s*/gi, '.')}`.toLowerCase();
  return null;
}

// ---------------------------------------------------------------------------------------------
// phone
// ---------------------------------------------------------------------------------------------
const PHONE_CANDIDATE_RE =
  /(?<![\w@./-])(?:\+|00)?\s?\(?\d[\d\s().\-\u2010-\u2013]{5,22}\d(?:\s*(?:x|ext\.?|extension)\s*\d{1,5})?(?![\w@-])/gi;
const PHONE_LABEL_RE =
  /\b(?:phone|tel|telephone|mobile|mob|cell|cellphone|handy|téléphone|teléfono|telefon|contact|whatsapp)\b|[☎📞📱✆]|(?:^|\s)[mtpc]\s*[:.]/iu;

export interface PhoneCandidate {
  raw: string;
  digits: string;
  labelled: boolean;
  line: number;
}

function isDateLike(raw: string): boolean {
  const s = raw.trim();
  return (
    /^(?:19|20)\d{2}\s*[-\u2010-\u2013/]\s*(?:(?:19|20)\d{2}|\d{2})$/.test(s) || // 2017-2019
    /^\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}$/.test(s) || // 03/04/2019
    /^\d{1,2}[/.]\d{4}\s*[-\u2013]\s*\d{1,2}[/.]\d{4}$/.test(s) || // 03/2015 - 06/2018
    /^(?:19|20)\d{2}[/.-]\d{2}\s*[-\u2013]\s*(?:19|20)\d{2}[/.-]\d{2}$/.test(s) ||
    /^(?:19|20)\d{2}\s+(?:19|20)\d{2}$/.test(s)
  );
}

/** Phone-number candidates in the text, with whether a "Phone:"-style label precedes them. */
export function phoneCandidates(text: string): PhoneCandidate[] {
  const out: PhoneCandidate[] = [];
  text.split('\n').forEach((line, lineNo) => {
    PHONE_CANDIDATE_RE.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = PHONE_CANDIDATE_RE.exec(line))) {
      const raw = m[0].trim().replace(/\s*(?:x|ext\.?|extension)\s*\d{1,5}$/i, '');
      if (isDateLike(raw)) continue;
      const digits = raw.replace(/\D/g, '');
      if (digits.length < 7 || digits.length > 15) continue;
      if (/\d\s{3,}\d/.test(raw)) continue; // two columns of numbers, not one phone
      const before = line.slice(Math.max(0, m.index - 25), m.index);
      const labelled = PHONE_LABEL_RE.test(before) || PHONE_LABEL_RE.test(line.slice(0, m.index).slice(-3));
      if (!labelled && digits.length < 9) continue;
      // an unlabelled run of digits with no separators and no "+" is more likely an id
      if (!labelled && !/[\s().\-+]/.test(raw) && digits.length !== 10 && digits.length !== 11) continue;
      out.push({ raw, digits, labelled, line: lineNo });
    }
  });
  return out;
}

const NANP_RE = /^\(?([2-9]\d{2})\)?[\s.\-\u2010-\u2013]?([2-9]\d{2})[\s.\-\u2010-\u2013](\d{4})$/;

/**
 * E.164 when the country is clear (an international prefix, a NANP-formatted number, or a national
 * number plus the country of the resume's location); otherwise the number as written.
 */
export function normalizePhone(raw: string, country?: string | null): string {
  const written = raw.trim().replace(/\s+/g, ' ');
  let s = written.replace(/\(0\)/g, '').replace(/\s*(?:x|ext\.?|extension)\s*\d+$/i, '');
  const digits = s.replace(/\D/g, '');
  if (/^\+/.test(s)) return digits.length >= 8 && digits.length <= 15 ? `+${digits}` : written;
  if (/^00[1-9]/.test(digits)) {
    const rest = digits.slice(2);
    return rest.length >= 8 && rest.length <= 15 ? `+${rest}` : written;
  }
  const nanp = ['US', 'CA', 'PR'];
  if (digits.length === 11 && digits.startsWith('1') && /^[2-9]/.test(digits.slice(1)) && (!country || nanp.includes(country)))
    return `+${digits}`;
  if (country && CALLING_CODES[country]) {
    const [cc, trunk] = CALLING_CODES[country];
    if (nanp.includes(country) && digits.length === 10 && /^[2-9]/.test(digits)) return `+1${digits}`;
    if (!nanp.includes(country)) {
      if (trunk && digits.startsWith(trunk) && digits.length - trunk.length >= 6) return `+${cc}${digits.slice(trunk.length)}`;
      if (!trunk && digits.length >= 8 && digits.length <= 12 && !digits.startsWith(cc)) return `+${cc}${digits}`;
      if (digits.startsWith(cc) && digits.length - cc.length >= 8) return `+${digits}`;
    }
  }
  if (!country && digits.length === 10) {
    s = s.trim();
    if (NANP_RE.test(s)) return `+1${digits}`;
  }
  return written;
}

/** Best phone in the text: a labelled one first, then the first in the header lines. */
export function extractPhone(text: string, country?: string | null): string | null {
  const cands = phoneCandidates(text);
  if (!cands.length) return null;
  const best = cands.find((c) => c.labelled) ?? cands.find((c) => /^\+|^00/.test(c.raw) || c.raw.includes('(')) ?? cands[0];
  return normalizePhone(best.raw, country);
}

// ---------------------------------------------------------------------------------------------
// links
// ---------------------------------------------------------------------------------------------
const URL_RE = /\b(?:https?:\/\/)?(?:www\.)?(?:[a-z0-9-]+\.)+[a-z]{2,}(?:\/[^\s,;|<>()"'\u2022]*)?/gi;
const TLDS =
  /\.(?:com|org|net|io|dev|app|me|co|ai|info|biz|tech|site|page|xyz|us|uk|de|fr|es|it|nl|ca|au|in|eu|ch|se|no|dk|fi|pl|pt|ie|be|at|nz|sg|jp|cn|br|mx|ly|gg|blog|design|studio|online|website|cloud|codes|digital|link|pro)(?:\/|$)/i;

export function extractLinks(text: string): ResumeLinks {
  const links: ResumeLinks = { linkedin: null, github: null, web: [] };
  const masked = text.replace(EMAIL_RE, ' ').replace(new RegExp(EMAIL_RE.source, 'gu'), ' ');
  for (const m of masked.matchAll(URL_RE)) {
    let url = m[0].replace(/[.,;:!?)\]]+$/, '');
    const at = m.index ?? 0;
    if (at > 0 && /[@\w]/.test(masked[at - 1])) continue;
    const bare = url.replace(/^https?:\/\//i, '').replace(/^www\./i, '');
    if (!TLDS.test(bare.replace(/\/.*$/, '') + '/')) continue;
    if (/^\d/.test(bare)) continue;
    // "Node.js", "ASP.NET", "Vue.js" are not sites
    const explicit = /^https?:\/\//i.test(url) || /^www\./i.test(url);
    // "ASP.NET", "Socket.IO" are not sites: a bare host must be lowercase and end in a common TLD
    if (!explicit && /[A-Z]/.test(bare.replace(/\/.*$/, ''))) continue;
    if (!explicit && !bare.includes('/') && !/\.(?:com|org|io|dev|me|co|net|info|app|ai|design|site|page)$/i.test(bare)) continue;
    url = 'https://' + bare.replace(/\/$/, '');
    const host = bare.toLowerCase();
    if (/^([a-z]{2,3}\.)?linkedin\.com\//.test(host))
      links.linkedin ??= url.replace(/^https:\/\/[a-z]{2,3}\.linkedin/i, 'https://linkedin');
    else if (/^github\.com\/[^/]+/.test(host)) links.github ??= url;
    else if (/^(linkedin|github)\.com$/.test(host)) continue;
    else if (!links.web.includes(url)) links.web.push(url);
  }
  return links;
}

// ---------------------------------------------------------------------------------------------
// location
// ---------------------------------------------------------------------------------------------
const SEGMENT_SPLIT = /\s*(?:[|•·▪●◦\u2022\t]|\s{3,}|\s[-–—]\s)\s*/;
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
    if (US_STATES[st[2]] || CA_PROVINCES[st[2]]) {
      if (!/^[\p{L}][\p{L}.' -]*$/u.test(city)) return null;
      return `${city}, ${st[2]}${st[4] ? `, ${st[4]}` : ''}`;
    }
  }
  const p = s.split(/\s*,\s*/);
  if (p.length >= 2 && p.length <= 3 && p.every((x) => /^[\p{L}][\p{L}.' -]*$/u.test(x) && x.split(' ').length <= 4)) {
    const last = p[p.length - 1].toLowerCase();
    const usState = Object.values(US_STATES).some((v) => v.toLowerCase() === last);
    const caProv = Object.values(CA_PROVINCES).some((v) => v.toLowerCase() === last);
    if (COUNTRIES[last] || usState || caProv || CITIES[p[0].toLowerCase()]) return p.join(', ');
  }
  if (p.length === 1) {
    const low = s.toLowerCase().replace(/\s*\((?:remote|hybrid)\)$/, '');
    if (CITIES[low] || (COUNTRIES[low] && s.length > 3)) return s;
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

export { countryOfLocation };

// ---------------------------------------------------------------------------------------------
// name
// ---------------------------------------------------------------------------------------------
const PARTICLES = new Set([
  'de',
  'da',
  'das',
  'do',
  'dos',
  'del',
  'della',
  'der',
  'den',
  'van',
  'von',
  'la',
  'le',
  'di',
  'du',
  'bin',
  'binti',
  'bint',
  'al',
  'el',
  'ibn',
  'ten',
  'ter',
  'y',
  'e',
  'zu',
  "d'",
  'st.',
  'mac',
  'ben',
]);
const NOT_NAME_WORDS =
  /\b(?:resume|résumé|curriculum|vitae|cv|lebenslauf|profile|summary|contact|email|e-mail|phone|mobile|address|street|avenue|road|linkedin|github|portfolio|engineer|engineering|developer|manager|management|nurse|nursing|accountant|accounting|analyst|teacher|designer|consultant|specialist|director|officer|coordinator|assistant|representative|scientist|technician|administrator|executive|associate|intern|supervisor|architect|marketing|sales|registered|certified|professional|senior|junior|lead|head|chief|president|founder|owner|student|graduate|experience|education|skills|objective|references|university|college|school|inc|llc|ltd|corp|company|group|services|solutions|hospital|clinic|remote|available|citizen|license|mechanical|software|data|financial|human|resources|logistics|operations|project|product|customer|account|business|clinical|medical|health|care|recruiter|generalist|therapist|pharmacist|physician|electrician|welder|chef|cashier|clerk|agent|advisor|adviser|planner|buyer|trainer|tutor|instructor|lecturer|professor|researcher|writer|editor|photographer|artist|assistant|secretary|receptionist|controller|auditor|bookkeeper|paralegal|attorney|lawyer)\b/i;

const CASELESS_WORD = /^[\p{Lo}\p{M}·・]+$/u;
const NAME_WORD = /^(?:(?:[dl]['’])?\p{Lu}[\p{Ll}\p{Lu}\p{M}]*(?:['’-]\p{L}[\p{L}\p{M}]*)*\.?|\p{Lu}\.)$/u;

/** Title-cases an all-caps Latin name, keeping hyphen/apostrophe parts capitalised. */
function titleCaseName(name: string): string {
  return name
    .split(' ')
    .map((w) =>
      PARTICLES.has(w.toLowerCase()) && w !== name.split(' ')[0]
        ? w.toLowerCase()
        : w.toLowerCase().replace(/(^|[-'’])(\p{L})/gu, (_, a: string, b: string) => a + b.toUpperCase()),
    )
    .join(' ')
    .replace(/\b(Mc)(\p{L})/gu, (_, a: string, b: string) => a + b.toUpperCase());
}

/** The text if it looks like a person's name, normalised; otherwise null. */
export function asName(text: string): string | null {
  let s = text
    .replace(/^\s*(?:name|nom|nombre)\s*[:-]\s*/i, '')
    .replace(/^(?:dr|mr|mrs|ms|mx|miss|prof|sir)\.?\s+(?=\p{Lu})/iu, '')
    .replace(/[,;:]+$/, '')
    .replace(/\s+/g, ' ')
    .trim();
  // drop trailing credentials: "Jane Doe, RN, BSN" / "John Smith, CPA" / "Ana Ruiz MBA"
  s = s.replace(
    /(?:,?\s+(?:RN|BSN|MSN|CPA|CMA|ACCA|FCCA|ACA|FCA|CIMA|ACMA|CGMA|CIA|CFE|CCRN|APRN|FNP|LCSW|MPH|MSW|MSc|BSc|MEng|PMP|MBA|PhD|Ph\.D\.|MD|M\.D\.|PE|P\.E\.|CFA|SHRM-CP|SHRM-SCP|PHR|SPHR|LPN|NP|MS|MA|BS|BA|MEd|EdD|CPhT|CNA|DDS|Esq\.?|Jr\.?|Sr\.?|II|III|IV))+$/,
    '',
  );
  if (!s || s.length > 60 || /[\d@/\\|#$%^*_=+<>{}[\]()]/.test(s)) return null;
  if (NOT_NAME_WORDS.test(s)) return null;
  const words = s.split(' ');
  if (words.length === 1) {
    // a single token is only a name in scripts without spaces/case (Chinese, Japanese, Korean...)
    if (CASELESS_WORD.test(s) && [...s].length >= 2 && [...s].length <= 6) return s;
    return null;
  }
  if (words.filter((w) => !PARTICLES.has(w.toLowerCase())).length > 5) return null;
  let real = 0;
  for (const w of words) {
    if (PARTICLES.has(w.toLowerCase())) continue;
    if (CASELESS_WORD.test(w) || NAME_WORD.test(w)) {
      real++;
      continue;
    }
    return null;
  }
  if (real < 2 && !words.some((w) => CASELESS_WORD.test(w))) return null;
  const latin = s.replace(/[^\p{Script=Latin}]/gu, '');
  if (latin.length > 1 && latin === latin.toUpperCase() && /\p{Lu}{2}/u.test(latin)) return titleCaseName(s);
  return s;
}

/** The candidate's name from the first header lines. */
export function extractName(lines: string[]): string | null {
  const candidates = lines
    .map((l) => l.trim())
    .filter(Boolean)
    .slice(0, 10);
  for (const line of candidates) {
    const lab = line.match(/^\s*(?:full\s+)?name\s*[:-]\s*(.+)$/i);
    if (lab) {
      const n = asName(lab[1]);
      if (n) return n;
    }
  }
  for (const line of candidates) {
    if (/^(?:curriculum vitae|resume|résumé|cv|lebenslauf)$/i.test(line)) continue;
    const first = line.split(SEGMENT_SPLIT)[0].replace(/^(?:resume|résumé|cv|curriculum vitae)\s*(?:of|[-:–—])\s*/i, '');
    const n = asName(first) ?? asName(line);
    if (n) {
      if (asLocation(n)) continue;
      return n;
    }
  }
  // "john smith" typed in lowercase on the very first line
  const top = candidates.find((l) => !/^(?:curriculum vitae|resume|résumé|cv|lebenslauf)$/i.test(l));
  if (top && /^[\p{Ll}'’-]+(?: [\p{Ll}'’-]+){1,3}$/u.test(top) && top.length <= 40) {
    const n = asName(titleCaseName(top.toUpperCase() === top ? top : top.toUpperCase()));
    if (n && !asLocation(n)) return n;
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// redaction
// ---------------------------------------------------------------------------------------------
/** True when the line holds an e-mail address, a phone number or a web link. */
export function hasContactDetails(line: string): boolean {
  const links = extractLinks(line);
  return (
    extractEmail(line) !== null ||
    phoneCandidates(line).length > 0 ||
    links.linkedin !== null ||
    links.github !== null ||
    links.web.length > 0
  );
}

/** The line with every e-mail address, phone number and web link blanked out. */
export function blankContactDetails(line: string): string {
  let out = line.replace(new RegExp(EMAIL_RE.source, 'gu'), ' ').replace(new RegExp(OBFUSCATED_EMAIL_RE.source, 'gi'), ' ');
  for (const phone of phoneCandidates(out)) out = out.replace(phone.raw, ' ');
  const links = extractLinks(out);
  const hosts = [...links.web, links.linkedin, links.github]
    .filter((url): url is string => url !== null)
    .map((url) => url.replace(/^https:\/\//, ''));
  for (const host of hosts) out = out.replace(new RegExp(`(?:https?://)?(?:www\\.)?${escapeRegExp(host)}/?`, 'gi'), ' ');
  return out;
}
