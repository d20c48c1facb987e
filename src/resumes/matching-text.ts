import { escapeRegExp } from '../common/escape-regexp.js';
import { blankContactDetails, hasContactDetails } from './parsing/contact.js';
import type { ParsedResume } from './parsing/parsed-resume.js';
import { detectHeading, type SectionName } from './parsing/sections.js';

/**
 * Sections left out of the matching text: hobbies, referees and personal details (date of birth,
 * nationality, marital status on many European CVs) are proxies for age, religion or origin, and
 * referees are other people's data.
 */
const PERSONAL_SECTIONS: ReadonlySet<SectionName> = new Set(['interests', 'references', 'contact']);

/** A line this short that carries contact details is a contact line (address, e-mail, phone): drop it whole. */
const CONTACT_LINE_MAX_CHARS = 200;

/**
 * The text a resume is embedded from: the resume without the candidate's name, contact lines and
 * personal sections (PERSONAL_SECTIONS).
 * Names and addresses say nothing about fit but carry gender, ethnicity and neighbourhood, and
 * embedding retrieval has been shown to rank resumes differently by name alone; location is scored
 * on its own by the location factor. The stored `content` keeps everything (keyword search, display).
 */
export function resumeMatchingText(content: string, parsed: Pick<ParsedResume, 'name'>): string {
  const name = parsed.name?.trim();
  const namePattern = name && name.length >= 3 ? new RegExp(escapeRegExp(name).replace(/\s+/g, '\\s+'), 'giu') : null;
  const kept: string[] = [];
  let personal = false;
  for (const raw of content.split('\n')) {
    const heading = detectHeading(raw);
    if (heading) personal = PERSONAL_SECTIONS.has(heading.name);
    if (personal) continue;
    let line = raw;
    if (namePattern && line.search(namePattern) >= 0) {
      // What is left of a name line ("Name, RN, BSN" -> "RN, BSN") loses its leading separators.
      line = line
        .replace(namePattern, ' ')
        .replace(/^[\s,;|·•–—-]+/, '')
        .replace(/[ \t]{2,}/g, ' ');
    }
    if (hasContactDetails(line)) {
      if (line.length <= CONTACT_LINE_MAX_CHARS) continue;
      line = blankContactDetails(line).replace(/[ \t]{2,}/g, ' ');
    }
    line = line.trimEnd();
    // Blank lines are kept as single separators, never at the start.
    if (line.trim()) kept.push(line);
    else if (kept.length > 0 && kept[kept.length - 1] !== '') kept.push('');
  }
  return kept.join('\n').trim();
}
