/** Work experience entries (title, company, dates) from the lines of an experience section. */
import type { ExperienceEntry } from './parsed-resume.js';
import { findDateRanges, toIsoMonth, type DateRange } from './date-ranges.js';
import { asLocation } from './location.js';

const BULLET_RE =
  /^\s*(?:[-*\u2013\u2014\u2022\u2023\u2043\u25AA\u25A0\u25CF\u25E6\u25B8\u25BA\u27A2\u2713\u2714\u00B7o>]\s+|\d{1,2}[.)]\s+)/;

const TITLE_WORDS =
  /\b(?:engineer|engineering|developer|programmer|architect|manager|director|head|lead|leader|chief|officer|president|vp|cto|ceo|cfo|coo|founder|co-founder|owner|partner|principal|consultant|analyst|specialist|scientist|researcher|associate|assistant|intern|internship|trainee|apprentice|coordinator|administrator|admin|supervisor|foreman|technician|technologist|designer|nurse|rn|lpn|cna|practitioner|physician|therapist|pharmacist|medic|paramedic|caregiver|aide|accountant|bookkeeper|auditor|controller|clerk|teller|cashier|teacher|tutor|instructor|lecturer|professor|educator|counselor|counsellor|librarian|representative|rep|agent|advisor|adviser|executive|account\s+manager|salesperson|recruiter|generalist|planner|buyer|dispatcher|driver|operator|handler|picker|packer|loader|mechanic|electrician|welder|machinist|carpenter|plumber|writer|editor|copywriter|marketer|strategist|producer|photographer|receptionist|secretary|paralegal|attorney|lawyer|solicitor|chef|cook|server|barista|bartender|host|volunteer|fellow|postdoc|student|sre|devops|qa|tester|scrum\s+master|product\s+owner|estimator|inspector|surveyor|draftsman|drafter|officer|steward|crew|staff|member|worker|laborer|labourer|superintendent|controller)\b/i;
const COMPANY_WORDS =
  /\b(?:inc|inc\.|llc|l\.l\.c\.|ltd|ltd\.|limited|corp|corp\.|corporation|co\.|company|companies|gmbh|ag|s\.a\.|sa|sas|sarl|bv|b\.v\.|nv|plc|pty|pvt|srl|s\.r\.l\.|oy|ab|as|kg|group|holdings|partners|associates|ventures|capital|bank|hospital|hosp|clinic|medical\s+center|med\.?\s+ctr|ctr|univ|health|healthcare|university|college|school|academy|institute|district|agency|foundation|trust|council|department|ministry|authority|services|solutions|technologies|technology|tech|labs|systems|software|consulting|logistics|industries|international|global|enterprises|studio|studios|media|networks|pharma|pharmaceuticals|motors|airlines|foods|stores|retail|restaurant|hotel|center|centre|nhs|county|city\s+of|state\s+of|government|army|navy|air\s+force)\b/i;

export interface ExperienceResult {
  entries: ExperienceEntry[];
  ranges: DateRange[];
}

const isBullet = (l: string) => BULLET_RE.test(l);
/** Description text rather than a title/company line: long, a full sentence, or a wrapped continuation. */
const isSentence = (l: string) => {
  const t = l.trim();
  const words = t.split(/\s+/).length;
  return words > 12 || (/[.!]$/.test(t) && words >= 4) || /^\p{Ll}/u.test(t);
};

/** Removes the date text and leftover separators. */
function stripDate(line: string, r: DateRange): string {
  return (line.slice(0, r.index) + ' ' + line.slice(r.index + r.text.length))
    .replace(/\(\s*\)/g, ' ')
    .replace(/\s*[|,\u2013\u2014\-–·•:]\s*$/, '')
    .replace(/^\s*[|,\u2013\u2014\-–·•:]\s*/, '')
    .replace(/\s{2,}/g, '   ')
    .trim();
}

/** Splits a header line into parts: "Title — Company | City, ST" */
function parts(text: string): string[] {
  let t = text.replace(
    /\((?:remote|hybrid|on-?site|contract|part[- ]time|full[- ]time|temporary|freelance|internship|[^)]*\d{4}[^)]*)\)/gi,
    ' ',
  );
  t = t.replace(/\s+(?:at|@)\s+/g, ' | @');
  const out: string[] = [];
  for (const p of t.split(/\s*(?:\||\u2022|\u00B7|\t|\s{3,}|\s[\u2013\u2014-]\s|\s[\u2013\u2014]|[\u2013\u2014]\s)\s*/)) {
    const s = p
      .trim()
      .replace(/^[,;:]+|[,;:]+$/g, '')
      .trim();
    if (!s) continue;
    // "Acme Corp, Austin, TX" -> company + location ; "Engineer, Acme" -> two parts
    const loc = asLocation(s);
    if (loc && loc.length >= s.length - 2) {
      out.push(s);
      continue;
    }
    const commas = s.split(/\s*,\s*/);
    if (commas.length > 1) {
      // keep "Acme, Inc." together; peel a trailing location
      const merged: string[] = [];
      for (const c of commas) {
        if (merged.length && /^(?:inc\.?|llc|ltd\.?|l\.?p\.?|corp\.?|co\.|gmbh|plc|s\.a\.|pty ltd)$/i.test(c))
          merged[merged.length - 1] += `, ${c}`;
        else merged.push(c);
      }
      for (let i = 0; i < merged.length; i++) {
        const rest = merged.slice(i).join(', ');
        if (i > 0 && asLocation(rest)) {
          out.push(rest);
          break;
        }
        out.push(merged[i]);
      }
    } else out.push(s);
  }
  return out;
}

function classify(all: string[]): { title: string | null; company: string | null } {
  const cands = all.filter((p) => !asLocation(p.replace(/^@/, '')) && !/^(?:remote|hybrid|on-?site)$/i.test(p) && /\p{L}{2}/u.test(p));
  let title: string | null = null;
  let company: string | null = null;
  const at = cands.find((p) => p.startsWith('@'));
  if (at) company = at.slice(1).trim();
  const clean = cands.map((p) => p.replace(/^@/, '').trim());
  for (const p of clean) {
    if (!company && COMPANY_WORDS.test(p) && !TITLE_WORDS.test(p)) company = p;
  }
  for (const p of clean) {
    if (!title && p !== company && TITLE_WORDS.test(p)) title = p;
  }
  for (const p of clean) {
    if (p === title || p === company) continue;
    if (!title && !COMPANY_WORDS.test(p)) title = p;
    else if (!company) company = p;
  }
  return { title: title ? tidy(title) : null, company: company ? tidy(company) : null };
}

const tidy = (s: string) =>
  s
    .replace(/\s+/g, ' ')
    .replace(/^[\s,;:|-]+|[\s,;:|-]+$/g, '')
    .trim();

/**
 * Every date range in the section is one position; the lines just above it (or, when those are
 * another job's bullets, just below it) hold title and company.
 */
export function parseExperience(lines: string[], options: { now?: Date } = {}): ExperienceResult {
  const L = lines.map((l) => l.replace(/\s+$/, ''));
  const hits: { line: number; range: DateRange }[] = [];
  L.forEach((line, i) => {
    if (isBullet(line) && line.length > 60) return; // dates inside achievements are not positions
    const rs = findDateRanges(line, { now: options.now });
    if (rs.length) hits.push({ line: i, range: rs[0] });
  });
  const entries: ExperienceEntry[] = [];
  const context = hits.map((hit, h) => {
    const prevHitLine = h > 0 ? hits[h - 1].line : -1;
    const nextHitLine = h + 1 < hits.length ? hits[h + 1].line : L.length;
    // lines above: up to 2 short non-bullet lines, not past the previous position's date line
    const above: string[] = [];
    for (let i = hit.line - 1; i > prevHitLine && above.length < 2; i--) {
      const l = L[i].trim();
      if (!l) {
        if (above.length) break;
        continue;
      }
      if (isBullet(L[i]) || isSentence(l)) break;
      above.unshift(l);
    }
    const below: string[] = [];
    for (let i = hit.line + 1; i < nextHitLine && below.length < 2; i++) {
      const l = L[i].trim();
      if (!l) {
        if (below.length) break;
        continue;
      }
      if (isBullet(L[i]) || isSentence(l) || l.length > 70) break;
      below.push(l);
    }
    return { above, below };
  });
  // layout: is the title/company written above the dates (usual) or below them?
  const firstOwn = hits.length ? stripDate(L[hits[0].line], hits[0].range) : '';
  const firstCls = classify(parts(firstOwn));
  const headerBelow =
    hits.length > 0 && context[0].above.length === 0 && context[0].below.length > 0 && !(firstCls.title && firstCls.company);
  hits.forEach((hit, h) => {
    const own = stripDate(L[hit.line], hit.range);
    let ps = own && /\p{L}{2}/u.test(own) ? parts(own) : [];
    let cls = classify(ps);
    if (!cls.title || !cls.company || !TITLE_WORDS.test(cls.title)) {
      const { above, below } = context[h];
      const extra = headerBelow ? (below.length ? below : []) : above.length ? above : below.filter((l) => !COMPANY_OR_TITLE_EMPTY(l));
      ps = headerBelow ? [...ps, ...extra.flatMap(parts)] : [...extra.flatMap(parts), ...ps];
      cls = classify(ps);
    }
    entries.push({
      title: cls.title,
      company: cls.company,
      start: toIsoMonth(hit.range.start),
      end: hit.range.current ? null : toIsoMonth(hit.range.end),
      current: hit.range.current,
    });
  });
  return { entries, ranges: hits.map((h) => h.range) };
}

const COMPANY_OR_TITLE_EMPTY = (l: string) => !TITLE_WORDS.test(l) && !COMPANY_WORDS.test(l);
