/**
 * Wording that marks part of a job ad as required or merely preferred, and the line / sentence
 * structure those cues apply to. Shared by the job-skill split (SkillExtractor.extractJobSkills)
 * and the job-requirement readers (src/jobs/job-requirements.ts).
 */

export type RequirementMode = 'required' | 'preferred';

export const PREFERRED_CUE =
  /\b(?:nice[\s-]to[\s-]haves?|good[\s-]to[\s-]have|preferred|preferably|preference|desir(?:ed|able)|bonus(?:\s+points)?|(?:is|are|would\s+be|a|big|huge|definite|strong)\s+plus|plus\s*$|ideally|optional|advantageous|an?\s+advantage|not\s+required|helpful|beneficial|would\s+be\s+(?:great|nice)|extra\s+credit)\b/i;
export const REQUIRED_CUE =
  /\b(?:required|requirements?|must[\s-]haves?|must|mandatory|essential|minimum\s+qualifications?|basic\s+qualifications?|need\s+to\s+have|you\s+(?:have|bring|will\s+need)|what\s+you\s+need|qualifications)\b/i;

/** 'preferred' / 'required' cue in a heading or sentence, or null. */
export function cueOf(text: string, heading: boolean): RequirementMode | null {
  const pref = PREFERRED_CUE.test(text);
  const req = REQUIRED_CUE.test(text);
  if (pref && /\bnot\s+required\b/i.test(text)) return 'preferred';
  if (pref && req) return heading ? 'preferred' : /\bpreferred\s+qualifications?\b/i.test(text) ? 'preferred' : null;
  if (pref) return 'preferred';
  if (req) return heading || /\b(?:required|must|mandatory|essential)\b/i.test(text) ? 'required' : null;
  return null;
}

/**
 * Half-open [start, end) ranges of the sentences of one line. A sentence ends at `.`, `!`, `?` or
 * `;` followed by whitespace or the end of the text, so dots inside a token ("Node.js", "e.g.x",
 * "3.5") do not split it. Every character of the input belongs to exactly one range.
 */
export function sentenceRanges(text: string): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  const end = /[.!?;]+(?=\s|$)/g;
  let from = 0;
  let m: RegExpExecArray | null;
  while ((m = end.exec(text))) {
    const to = m.index + m[0].length;
    if (to > from) out.push([from, to]);
    from = to;
  }
  if (from < text.length) out.push([from, text.length]);
  return out;
}

/** Layout of one line of a job ad: a label ("Nice to have:") and what follows it. */
export interface LabelledLine {
  /** Length of the label including its colon and following spaces (0 when there is no label). */
  labelLength: number;
  /** Cue of the label, or of the whole line when it is a colon-less heading ("Preferred qualifications"). */
  labelMode: RequirementMode | null;
  /**
   * The line is a heading on its own ("Nice to have:", "Preferred Qualifications"): its cue applies
   * to the following lines until the next heading. Otherwise a label's cue applies to its line only.
   */
  standalone: boolean;
}

/** A label is a short phrase before a colon with no sentence punctuation in it. */
const LABEL_RE = /^(\s*[^:.;!?]{2,60}):\s*/;
/** Colon-less headings start with their cue ("Nice to have", "Preferred qualifications", "Bonus points"). */
const HEADING_NOUN_END = /\b(?:qualifications?|skills|requirements?|experience|extras?)\s*$/i;

/** Reads the label / heading structure of one line. */
export function labelOf(line: string): LabelledLine {
  const trimmed = line.trim();
  const label = line.match(LABEL_RE);
  if (label) {
    const body = line.slice(label[0].length);
    return { labelLength: label[0].length, labelMode: cueOf(label[1], true), standalone: !body.trim() };
  }
  if (trimmed.length <= 60 && !/[.,;!?]/.test(trimmed) && trimmed.split(/\s+/).length <= 6) {
    const mode = cueOf(trimmed, true);
    const lead = trimmed.replace(/^[^\p{L}]+/u, '');
    const cueFirst = [PREFERRED_CUE, REQUIRED_CUE].some((re) => re.exec(lead)?.index === 0);
    if (mode && (cueFirst || HEADING_NOUN_END.test(lead))) return { labelLength: line.length, labelMode: mode, standalone: true };
  }
  return { labelLength: 0, labelMode: null, standalone: false };
}
