/**
 * Blind review (`?blind=true` on resume reads, rankings and searches): the response leaves out who
 * the candidate is, so a screener judges the evidence, not the name. Redacted: name, e-mail, phone,
 * web links (LinkedIn, GitHub, sites: they lead to a profile photo), the file name (usually the
 * person's name) and, in the text, the name, contact lines and personal sections (the same text the
 * vector is made from, `resumeMatchingText`). Kept: location (the location factor scores it),
 * experience, education and skills. The ATS id (`externalId`) goes too. No photo is ever stored (the uploaded file is not kept).
 */
import { escapeRegExp } from '../common/escape-regexp.js';
import type { ParsedResume } from '../resumes/parsing/parsed-resume.js';
import { resumeMatchingText } from '../resumes/matching-text.js';

/** What stands in for a redacted name inside free text (the summary). */
export const REDACTED = '[redacted]';

/** The parsed fields without the person's identity; a name in the summary is blanked too. */
export function blindParsedResume(parsed: ParsedResume): ParsedResume {
  return {
    ...parsed,
    name: null,
    email: null,
    phone: null,
    links: { linkedin: null, github: null, web: [] },
    summary: parsed.summary === null ? null : withoutName(parsed.summary, parsed.name),
  };
}

/**
 * The resume text a blind reader gets: the text the vector is made from (no name, contact lines,
 * links or personal sections), with the first or last name on its own ("Brittany has...") blanked too.
 */
export function blindResumeText(content: string, parsed: ParsedResume): string {
  return withoutName(resumeMatchingText(content, parsed), parsed.name);
}

/** A resume view (or anything shaped like one) with its identifying fields redacted. */
export function blindResumeView<T extends { fileName: string | null; parsed: ParsedResume; text?: string; externalId?: string | null }>(
  view: T,
): T {
  const blind: T = { ...view, fileName: null, parsed: blindParsedResume(view.parsed) };
  // The ATS's candidate id leads straight to the person's record there.
  if (view.externalId !== undefined) blind.externalId = null;
  if (view.text !== undefined) blind.text = blindResumeText(view.text, view.parsed);
  return blind;
}

/** Ranked or searched resumes: the label is the candidate's name (or file name), so it goes. */
export function blindLabels<T extends { label: string | null }>(items: T[]): T[] {
  return items.map((item) => ({ ...item, label: null }));
}

/** The full name, and each of its words of 3+ letters on its own ("Jane" in "Jane led..."), blanked. */
function withoutName(text: string, name: string | null): string {
  const words = (name ?? '')
    .trim()
    .split(/\s+/)
    .filter((word) => word.replace(/\P{L}/gu, '').length >= 3);
  if (!words.length) return text;
  const full = words.map(escapeRegExp).join('\\s+');
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}])(?:${full}|${words.map(escapeRegExp).join('|')})(?![\\p{L}\\p{N}])`, 'giu');
  return text.replace(pattern, REDACTED);
}
