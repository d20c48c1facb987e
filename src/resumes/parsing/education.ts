/** Education entries, degree levels and the highest level. */
import { highestEducationLevel, type EducationLevel } from '../../common/education-levels.js';
import type { EducationEntry } from './parsed-resume.js';
import { findDateRanges } from './date-ranges.js';

// Case-sensitive abbreviations; words are matched case-insensitively below.
const DEGREES: { level: EducationLevel; re: RegExp }[] = [
  {
    level: 'doctorate',
    re: /(?<![\p{L}])(?:Ph\.?\s?D\.?|D\.?Phil\.?|DPhil|Ed\.?D\.?|Pharm\.?\s?D\.?|PsyD|Psy\.D\.|DNP|DBA|M\.D\.|MD(?=[\s,]+(?:[-–]|\p{Lu}|$))|J\.D\.|JD(?=[\s,]+(?:[-–]|\p{Lu}))|Dr\.\s?(?:rer|phil|med|ing)\.?|(?:[Dd]octor(?:ate)?\s+(?:of|in)|[Dd]octorate|DOCTOR(?:ATE)?\s+OF|Doktor|Doctorat|Doctorado|Dottorato)(?![\p{L}]))/u,
  },
  {
    level: 'master',
    re: /(?<![\p{L}])(?:[Mm]aster(?:'?s)?(?:\s+(?:of|in|degree)|(?=\s))|MASTER(?:'?S)?\s|M\.?\s?Sc\.?|MSc|M\.S\.|MS(?=\s+(?:in\s+)?\p{Lu})|MS,|M\.A\.|MA(?=\s+(?:in\s+)?\p{Lu})|MA,|MBA|M\.B\.A\.|M\.?Eng\.?|MEng|M\.?Ed\.?(?=[\s,])|MEd|MPH|MSN|MPA|MFA|MSW|LL\.?M\.?|M\.?Phil\.?|MRes|M\.?Tech|MTech|MCA|MIS(?=\s|,)|Magister|Máster|Maestría|Diplom-Ing\.?|Mestrado|Laurea\s+Magistrale)(?![\p{L}])/u,
  },
  {
    level: 'bachelor',
    re: /(?<![\p{L}])(?:[Bb]achelor(?:'?s)?(?:\s+(?:of|in|degree)|(?=\s))|BACHELOR(?:'?S)?\s|B\.?\s?Sc\.?|BSc|B\.S\.|BS(?=\s+(?:in\s+)?\p{Lu})|BS,|B\.A\.|BA(?=\s+(?:in\s+)?\p{Lu})|BA,|BA\s*\(Hons\)|B\.?Eng\.?|BEng|BBA|B\.B\.A\.|BSN|B\.S\.N\.|B\.?Com\.?|BCom|B\.?Tech|BTech|LL\.?B\.?|B\.?Ed\.?(?=[\s,])|BEd|BFA|BCA|BBus|Licenciatura|Licence|Grado\s+en|Bachiller\s+en|Laurea(?!\s+Magistrale)|Bacharelado)(?![\p{L}])/u,
  },
  {
    level: 'associate',
    re: /(?<![\p{L}])(?:[Aa]ssociate(?:'s)?\s+(?:of|in|degree)|[Aa]ssociate's|ASSOCIATE(?:'S)?\s+(?:OF|IN|DEGREE)|A\.A\.S\.|AAS|A\.S\.(?=\s)|AS(?=\s+in\s)|A\.A\.(?=\s)|ADN|HND|Higher National Diploma|Foundation [Dd]egree|DUT|BTS)(?![\p{L}])/u,
  },
  {
    level: 'secondary',
    re: /(?<![\p{L}])(?:[Hh]igh [Ss]chool(?:\s+[Dd]iploma)?|HIGH SCHOOL|[Ss]econdary [Ss]chool|GED|A[- ][Ll]evels?|GCSEs?|Abitur|Baccalauréat|Bachillerato|Matura|Maturità|International Baccalaureate|IB Diploma|HSC|SSC|Leaving Certificate|Diploma de Bachillerato)(?![\p{L}])/u,
  },
];

const INSTITUTION_RE =
  /\b(?:University|Universit[yé]|Universidad|Universität|Universita|Università|Universiteit|Uniwersytet|College|Institute|Institut|Instituto|School|Academy|Polytechnic|Politecnico|Polytechnique|Hochschule|Fachhochschule|Conservatory|Seminary|École|Ecole|Escuela|Lycée|Gymnasium|TU\s+\p{Lu}|ETH|EPFL|MIT|UCLA|NYU|IIT|USC|UCL|LSE|KTH)\b/u;

/** Education level named in a line, or null. */
export function degreeLevel(text: string): { level: EducationLevel; match: string; index: number } | null {
  // "Boston, MA" / "Starkville, MS" are states, not degrees
  const t = text.replace(/,\s*(?:MA|MS)(?=\s*(?:\d{5}|$|[|•·–-]|\s{2,}))/g, ',   ');
  for (const d of DEGREES) {
    const m = t.match(d.re);
    if (m) return { level: d.level, match: m[0], index: m.index ?? 0 };
  }
  return null;
}

/** The highest level among the entries, or null. */
export function highestLevel(entries: { level: EducationLevel | null }[]): EducationLevel | null {
  return highestEducationLevel(entries.map((entry) => entry.level));
}

const SEP = /\s*(?:\||\u2022|\u00B7|\t|\s{3,}|\s[\u2013\u2014-]\s|,\s)\s*/;

function institutionOf(line: string): string | null {
  for (const seg of line.split(/\s*(?:\||\u2022|\u00B7|\t|\s{3,}|\s[\u2013\u2014-]\s)\s*/)) {
    if (!INSTITUTION_RE.test(seg)) continue;
    // "University of Texas at Austin, Austin, TX" -> keep the name part
    const parts = seg.split(/,\s*/);
    const idx = parts.findIndex((p) => INSTITUTION_RE.test(p));
    let name = parts[idx];
    // "B.S. in Nursing, University of X" handled by split; strip years
    name = name.replace(/\(?\b(?:19|20)\d{2}\b.*$/, '').trim();
    // "Master of Science at University of X"
    const atPrefix = name.match(/^(.*?)\b(?:at|from)\s+(?=\p{Lu})/u);
    if (atPrefix && !INSTITUTION_RE.test(atPrefix[1])) name = name.slice(atPrefix[0].length);
    if (name && !degreeLevel(name)) return name.replace(/[\s,;:-]+$/, '');
    const after = name.match(new RegExp(`(${INSTITUTION_RE.source}.*)$`, 'u'));
    if (after) return after[1].trim();
  }
  return null;
}

function fieldOf(line: string, deg: { match: string; index: number }): string | null {
  let rest = line
    .slice(deg.index + deg.match.length)
    .replace(/^\s*\(Hons\.?\)/i, '')
    .replace(/^[\s,.:\u2013-]+/, '');
  const generic = rest.match(
    /^(?:of\s+)?(Science|Arts|Applied Science|Fine Arts|Business Administration|Engineering|Education|Laws|Technology|Commerce|Philosophy|Nursing)\b\s*(?:(?:in|,|\u2013|-|:)\s*(.*))?$/i,
  );
  if (generic) rest = generic[2]?.trim() ? generic[2] : generic[1];
  else rest = rest.replace(/^(?:of|in)\s+/i, '');
  const field = rest
    .split(SEP)[0]
    .split(/\s+(?:at|from)\s+/)[0]
    .replace(/\(.*?\)/g, '')
    .replace(/\b(?:19|20)\d{2}\b.*$/, '')
    .replace(/[\s,;:.\u2013-]+$/, '')
    .trim();
  if (!field || INSTITUTION_RE.test(field) || !/\p{L}{2}/u.test(field) || field.length > 80) return null;
  return field;
}

function yearOf(lines: string[], now?: Date): number | null {
  let best: number | null = null;
  for (const l of lines) {
    for (const r of findDateRanges(l, { now, allowSingle: true })) {
      const y = r.current ? null : (r.end ?? r.start).year;
      if (y !== null && (best === null || y > best)) best = y;
    }
  }
  return best;
}

/** Education entries from the lines of an education section. */
export function parseEducation(lines: string[], options: { now?: Date } = {}): EducationEntry[] {
  const L = lines.map((l) => l.trim());
  const degreeLines: number[] = [];
  L.forEach((l, i) => {
    if (l && degreeLevel(l)) degreeLines.push(i);
  });
  const used = new Set<number>();
  const entries: EducationEntry[] = [];
  for (const d of degreeLines) {
    const line = L[d];
    const deg = degreeLevel(line)!;
    let institution = institutionOf(line.slice(0, deg.index) + '   ' + line.slice(deg.index + deg.match.length));
    const near: number[] = [d];
    if (!institution) {
      for (const j of [d - 1, d + 1, d + 2, d - 2]) {
        if (j < 0 || j >= L.length || used.has(j) || degreeLines.includes(j) || !L[j]) continue;
        const inst = institutionOf(L[j]);
        if (inst) {
          institution = inst;
          used.add(j);
          near.push(j);
          break;
        }
      }
    }
    for (const j of [d + 1, d - 1])
      if (
        j >= 0 &&
        j < L.length &&
        !degreeLines.includes(j) &&
        L[j] &&
        !near.includes(j) &&
        /\b(?:19|20)\d{2}\b/.test(L[j]) &&
        L[j].length < 40
      )
        near.push(j);
    entries.push({
      degree:
        deg.match
          .trim()
          .replace(/\s+(?:of|in|en|de|degree|OF|IN)$/, '')
          .replace(/[,\s]+$/, '') || null,
      field: fieldOf(line, deg),
      institution,
      year: yearOf(
        near.map((j) => L[j]),
        options.now,
      ),
      level: deg.level,
    });
  }
  // institutions without a recognised degree
  L.forEach((l, i) => {
    if (!l || used.has(i) || degreeLines.includes(i)) return;
    if (degreeLines.some((d) => Math.abs(d - i) <= 1)) return;
    const inst = institutionOf(l);
    if (inst && l.length < 120) entries.push({ degree: null, field: null, institution: inst, year: yearOf([l], options.now), level: null });
  });
  return entries;
}

/** Degree level mentioned anywhere (used when there is no education section). */
export function educationFromText(text: string, options: { now?: Date } = {}): EducationEntry[] {
  const lines = text
    .split('\n')
    .filter(
      (l) =>
        /\b(?:Bachelor|Master|Ph\.?D|Doctor|MBA|Associate|B\.S\.|M\.S\.|B\.A\.|M\.A\.|BSc|MSc|High School|Diploma)\b/i.test(l) &&
        l.length < 200,
    );
  return parseEducation(lines, options);
}
