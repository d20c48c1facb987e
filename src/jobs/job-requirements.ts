import { EDUCATION_LEVELS, type EducationLevel } from '../common/education-levels.js';
import { PREFERRED_CUE, cueOf, labelOf, sentenceRanges } from '../skills/requirement-cues.js';

/**
 * Facts a job ad states in prose, read when the client did not send them as fields.
 * Pure functions: the JobsService wires them in.
 */

/** Degree wording, highest level first. Abbreviations are matched case-sensitively (below). */
const EDUCATION_PATTERNS: Array<[EducationLevel, RegExp]> = [
  ['doctorate', /\b(?:ph\.?\s?d\b|doctorate|doctoral\b)/i],
  [
    'master',
    /\b(?:master's(?!\p{L})|(?<!scrum\s)masters?\s+(?:degree|of|in|or|and)\b|msc\b|m\.sc\b|mba\b|m\.s\.(?!\p{L})|(?:graduate|postgraduate|post-graduate|advanced)\s+degree)/iu,
  ],
  [
    'bachelor',
    /\b(?:bachelor'?s?\b|bsc\b|b\.sc\b|b\.s\.(?!\p{L})|b\.a\.(?!\p{L})|ba\s+degree|undergraduate\s+degree|(?:university|college|four-year|4-year)\s+degree|(?<!(?:master'?s?|associate'?s?|doctoral|graduate|postgraduate|advanced|bachelor'?s?)\s+)degree\s+in\b)/iu,
  ],
  ['associate', /\b(?:associate'?s?\s+degree|associate\s+of\b|(?<!(?:high|secondary)\s+school\s+)diploma\b)/i],
  [
    'secondary',
    /\b(?:(?:high[\s-]school|hs|secondary[\s-]school)\s+(?:diploma|degree|education|graduate|graduation|certificate|or\s+(?:equivalent|ged))|ged\b|secondary\s+education)/i,
  ],
];

/**
 * Upper-case degree abbreviations ("MS in Statistics", "BS/MS", "BSN required"). "MS" alone is
 * only a degree in a degree context, never in "MS Office"/"MS Excel" or a state ("Jackson, MS").
 */
const DEGREE_ABBREVIATIONS: Array<[EducationLevel, RegExp]> = [
  ['doctorate', /(?<![\p{L}])(?:DPhil|EdD|DNP|PharmD)(?![\p{L}])/u],
  ['master', /(?<![\p{L}])(?:MSN|MEng|MEd|MPH|MSW|MPA|MFA|MAT)(?![\p{L}])/u],
  ['bachelor', /(?<![\p{L}])(?:BSN|BEng|BBA|BFA|BSc)(?![\p{L}])/u],
];
/** "MS"/"M.S." or "BS"/"B.S."/"BA" followed or preceded by degree wording. */
const SHORT_DEGREE = /(?<![\p{L}.])(M\.?S|B\.?S|B\.?A)\.?(?![\p{L}])/gu;
const MICROSOFT_PRODUCT =
  /^\.?\s*(?:Office|Excel|Word|Access|Project|Teams|SQL|Dynamics|Outlook|PowerPoint|Visio|SharePoint|Azure|Windows|Power\s?BI|365|Exchange|DOS|Paint|Publisher|Server|Intune)\b/;
const DEGREE_CONTEXT_AFTER =
  /^\.?\s*(?:degree|in\s+\p{L}|or\s+(?:Ph\.?\s?D|M\.?S|B\.?S|B\.?A|master|bachelor|doctorate|higher|equivalent)|\/\s*(?:Ph\.?\s?D|M\.?S|B\.?S|B\.?A)|(?:and|&)\s+(?:Ph\.?\s?D|M\.?S))/iu;
const DEGREE_CONTEXT_BEFORE = /(?:Ph\.?\s?D|M\.?S|B\.?S|B\.?A|master'?s?|bachelor'?s?|degree)\.?\s*(?:or|\/|and|&|,)\s*$/iu;

function abbreviationLevels(text: string): EducationLevel[] {
  const out: EducationLevel[] = [];
  for (const [level, re] of DEGREE_ABBREVIATIONS) if (re.test(text)) out.push(level);
  for (const m of text.matchAll(SHORT_DEGREE)) {
    const after = text.slice(m.index + m[0].length);
    const before = text.slice(0, m.index);
    if (MICROSOFT_PRODUCT.test(after)) continue;
    if (!DEGREE_CONTEXT_AFTER.test(after) && !DEGREE_CONTEXT_BEFORE.test(before)) continue;
    out.push(m[1].startsWith('M') ? 'master' : 'bachelor');
  }
  return out;
}

/** A clause that is only a cue ("preferred", "is a plus") qualifies the clause before it. */
const CUE_ONLY =
  /^\s*(?:(?:is|are|would\s+be|strongly|highly|also|very)\s+)*(?:preferred|a\s+plus|(?:big|huge|definite|strong)\s+plus|plus|desired|desirable|ideally|optional|helpful|beneficial|an?\s+advantage|advantageous|nice\s+to\s+have|a\s+bonus|bonus)\s*[.!]?\s*$/i;

/**
 * The parts of a job ad that state requirements: lines under a "Nice to have:" / "Preferred
 * qualifications" heading, lines labelled that way, and sentences or clauses with a preference cue
 * ("MS or PhD preferred", "CPA a plus") are left out.
 */
export function requiredParts(text: string): string[] {
  const out: string[] = [];
  let preferredSection = false;
  for (const line of (text ?? '')
    .normalize('NFKC')
    .replace(/[\u2018\u2019\u02BC]/g, "'")
    .split(/\r?\n/)) {
    if (!line.trim()) continue;
    const label = labelOf(line);
    if (label.standalone) {
      preferredSection = label.labelMode === 'preferred';
      continue;
    }
    if (preferredSection || label.labelMode === 'preferred') continue;
    const body = line.slice(label.labelLength);
    for (const [from, to] of sentenceRanges(body)) {
      const sentence = body.slice(from, to);
      if (!PREFERRED_CUE.test(sentence)) {
        out.push(sentence);
        continue;
      }
      // "Bachelor's degree required, Master's preferred" / "Bachelor's degree, MBA a plus"
      const clauses = sentence.split(/,|\s+but\s+|\s+while\s+|\s+with\s+(?=(?:an?\s+)?(?:master|ph\.?\s?d|mba|graduate))/i);
      const keep = clauses.map((clause) => cueOf(clause, false) !== 'preferred');
      clauses.forEach((clause, i) => {
        if (CUE_ONLY.test(clause) && i > 0) keep[i - 1] = false;
      });
      clauses.forEach((clause, i) => keep[i] && out.push(clause));
    }
  }
  return out;
}

/**
 * The lowest level the text asks for ("Bachelor's or Master's" asks for a bachelor). Preferences
 * ("Nice to have: MS or PhD", "Master's preferred") are not requirements, and "High School" in a
 * name ("Cedar Ridge High School is hiring") is not a diploma requirement.
 */
export function detectRequiredEducation(text: string): EducationLevel | null {
  const found = new Set<EducationLevel>();
  for (const part of requiredParts(text)) {
    for (const [level, pattern] of EDUCATION_PATTERNS) if (pattern.test(part)) found.add(level);
    for (const level of abbreviationLevels(part)) found.add(level);
  }
  return EDUCATION_LEVELS.find((level) => found.has(level)) ?? null;
}

/** "5+ years", "at least 3 years", "3-5 years of experience" -> the minimum asked for. */
export function detectMinYears(text: string): number | null {
  const pattern = /(?:at least|minimum(?: of)?|min\.?)?\s*(\d{1,2})(?:\s*[-–to]+\s*\d{1,2})?\s*\+?\s*(?:years?|yrs?)\b/gi;
  const values = [...text.matchAll(pattern)].map((match) => Number(match[1])).filter((n) => n > 0 && n <= 40);
  return values.length ? Math.min(...values) : null;
}

export function detectRemote(text: string): boolean {
  return /\b(fully remote|remote[- ]first|100% remote|remote position|work from home|remote\b(?! sensing))/i.test(text);
}
