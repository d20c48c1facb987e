/** Contact details: e-mail, phone (E.164) and links, and blanking them out (the name and location have their own files). */
import { escapeRegExp } from '../../common/escape-regexp.js';
import type { ResumeLinks } from './parsed-resume.js';
import { CALLING_CODES } from '../../locations/calling-codes.js';

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
