import type { Token } from './tokenize.js';
import { CEFR_LEVELS, type CefrLevel } from './skill-types.js';

/**
 * Proficiency wording -> CEFR level. CEFR codes ("C1", "B2+") count as written; the words follow the
 * usual self-assessment scales (LinkedIn / ILR style: elementary, limited working, professional
 * working, full professional, native or bilingual) mapped to the CEFR band recruiters read them as.
 */
const LEVEL_WORDS: Array<[RegExp, CefrLevel]> = [
  [/^(?:native|mother\s+tongue|native\s+speaker|first\s+language|bilingual)$/, 'C2'],
  [/^(?:fluent|fluently|fluency|full\s+professional|advanced|proficient|excellent|business\s+fluent)$/, 'C1'],
  [/^(?:upper\s+intermediate|professional\s+working|very\s+good)$/, 'B2'],
  [/^(?:intermediate|conversational|working\s+knowledge|limited\s+working)$/, 'B1'],
  [/^(?:basic|elementary|basics)$/, 'A2'],
  [/^(?:beginner|beginners)$/, 'A1'],
];

/** Words that say a natural language is meant (not "German engineering", "French fries"). */
const LANGUAGE_CUE =
  /^(?:languages?|speak|speaks|speaking|spoken|speaker|speakers|write|writes|writing|written|read|reads|reading|fluent|fluently|fluency|native|bilingual|proficiency|proficient|command|cefr|level|tongue|conversational|intermediate|advanced|basic|mother|oral|verbal|verbally|communicate|communication|skills?|[abc][12]\+?)$/;

/** CEFR level named by the token (or two tokens) at `i`, or null. */
function levelAt(tokens: Token[], i: number): CefrLevel | null {
  const one = tokens[i]?.key ?? '';
  const code = /^([abc][12])\+?$/.exec(one);
  if (code) return code[1].toUpperCase() as CefrLevel;
  const two = `${one} ${tokens[i + 1]?.key ?? ''}`;
  for (const [re, level] of LEVEL_WORDS) if (re.test(two) || re.test(one)) return level;
  return null;
}

/**
 * The CEFR level stated next to a language mention at tokens [from, to): first in the 3 tokens after
 * it ("German (C1)", "English - fluent"), else in the 4 tokens before it ("fluent English", "C1
 * German"), never past another language (`isLanguage`), a sentence end or (backwards) a comma.
 */
export function statedLevel(
  text: string,
  tokens: Token[],
  from: number,
  to: number,
  isLanguage: (i: number) => boolean,
): CefrLevel | undefined {
  const blocked = (a: Token, b: Token) => /[.;!?\n]/.test(text.slice(a.end, b.start));
  for (let i = to; i < Math.min(tokens.length, to + 3); i++) {
    if (isLanguage(i) || blocked(tokens[i - 1], tokens[i])) break;
    const level = levelAt(tokens, i);
    if (level) return level;
  }
  // backwards a comma ends the phrase too: "French - basic, Italian" says nothing of Italian
  for (let i = from - 1; i >= Math.max(0, from - 4); i--) {
    if (isLanguage(i) || blocked(tokens[i], tokens[i + 1]) || text.slice(tokens[i].end, tokens[i + 1].start).includes(',')) break;
    const level = levelAt(tokens, i);
    if (level) return level;
  }
  return undefined;
}

/** A word within 8 tokens of the mention, in the same sentence, says a language is meant. */
export function hasLanguageCue(text: string, tokens: Token[], from: number, to: number): boolean {
  for (let i = to; i < Math.min(tokens.length, to + 8); i++) {
    if (/[.;!?\n]/.test(text.slice(tokens[i - 1].end, tokens[i].start))) break;
    if (LANGUAGE_CUE.test(tokens[i].key)) return true;
  }
  for (let i = from - 1; i >= Math.max(0, from - 8); i--) {
    if (/[.;!?\n]/.test(text.slice(tokens[i].end, tokens[i + 1].start))) break;
    if (LANGUAGE_CUE.test(tokens[i].key)) return true;
  }
  return false;
}

/** The higher of two levels (a resume may state one twice). */
export function higherLevel(a: CefrLevel | undefined, b: CefrLevel | undefined): CefrLevel | undefined {
  if (!a || !b) return a ?? b;
  return CEFR_LEVELS.indexOf(a) >= CEFR_LEVELS.indexOf(b) ? a : b;
}
