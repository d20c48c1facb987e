/**
 * Text cleaning: every step that tidies text, each defined once and named, and the pipelines built
 * from them. An upload runs DOCUMENT_CLEANING once, in the extraction worker: the result is what is
 * stored, searched and shown. The resume parser then runs PARSER_PREPARATION over that stored text:
 * only what its line-by-line reading needs beyond it, no step the document cleaning already did.
 * The model's input is flattened by embeddings/text-preprocessing.ts, which also serves job texts and
 * search queries that never pass through here.
 */
import { PAGE_FOOTER_LINE, PAGE_MARKER_LINE } from './page-markers.js';

export interface CleaningStep {
  readonly name: string;
  readonly apply: (text: string) => string;
}

const step = (name: string, apply: (text: string) => string): CleaningStep => ({ name, apply });

/** The text after each step in turn. */
export function runSteps(text: string, steps: readonly CleaningStep[]): string {
  return steps.reduce((current, { apply }) => apply(current), text);
}

/** C0 control characters but tab, line feed and carriage return, and DEL: never text. */
// eslint-disable-next-line no-control-regex
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

const LIGATURES: Record<string, string> = { ﬀ: 'ff', ﬁ: 'fi', ﬂ: 'fl', ﬃ: 'ffi', ﬄ: 'ffl', ﬅ: 'st', ﬆ: 'st' };

// --- characters ---------------------------------------------------------------------------------

export const composeUnicode = step('compose Unicode (NFC)', (text) => text.normalize('NFC'));

/** NFKC: full-width letters, superscripts and circled digits become their plain forms. */
const foldCompatibilityForms = step('fold compatibility forms (NFKC)', (text) => text.normalize('NFKC'));

const expandLigatures = step('expand ligatures', (text) => text.replace(/[\uFB00-\uFB06]/g, (ligature) => LIGATURES[ligature] ?? ligature));

const dropControlCharacters = step('drop control characters', (text) => text.replace(CONTROL_CHARACTERS, ''));

/** Soft hyphens mark where a word may break; PDF text keeps them where it did. */
const dropSoftHyphens = step('drop soft hyphens', (text) => text.replace(/\u00AD/g, ''));

/** Joiners, the word joiner and the byte-order mark: invisible, and they split the parser's words. */
const dropZeroWidthCharacters = step('drop zero-width characters', (text) =>
  // eslint-disable-next-line no-misleading-character-class -- each zero-width code point is removed on its own, U+200D joins nothing here
  text.replace(/[\u200C\u200D\u2060\uFEFF]/g, ''),
);

/** U+FFFD stands where a decoder met bytes it could not read. */
const blankReplacementCharacters = step('blank replacement characters', (text) => text.replace(/\uFFFD/g, ' '));

const straightenQuotes = step('straighten quotes', (text) => text.replace(/[\u2018\u2019\u02BC]/g, "'").replace(/[\u201C\u201D]/g, '"'));

// --- spaces -------------------------------------------------------------------------------------

/** No-break, typographic and ideographic spaces, and the zero-width space, become a space. */
const unifySpaces = step('unify spaces', (text) => text.replace(/[\u00A0\u2000-\u200B\u202F\u205F\u3000]/g, ' '));

const collapseSpaces = step('collapse runs of spaces and tabs', (text) => text.replace(/[ \t]+/g, ' '));

const trimLines = step('trim lines', (text) => text.replace(/ *\n */g, '\n'));

const trimLineEnds = step('trim line ends', (text) =>
  text
    .split('\n')
    .map((line) => line.replace(/[ \u00A0]+$/, ''))
    .join('\n'),
);

const trimText = step('trim the text', (text) => text.trim());

// --- lines --------------------------------------------------------------------------------------

const unifyLineBreaks = step('unify line breaks', (text) => text.replace(/\r\n?/g, '\n'));

const breakAtLineSeparators = step('break at line and paragraph separators', (text) => text.replace(/[\u2028\u2029]/g, '\n'));

/** pdf-parse writes "-- 2 of 5 --" between pages: not the document's text. */
const dropPageMarkers = step('drop page markers', (text) => text.replace(new RegExp(PAGE_MARKER_LINE.source, 'gm'), ''));

/** "Page 2 of 5" footers are the document's text (they stay stored) but no part of a resume. */
const dropPageFooterLines = step('drop page footer lines', (text) =>
  text
    .split('\n')
    .filter((line) => !PAGE_FOOTER_LINE.test(line))
    .join('\n'),
);

const joinHyphenatedWords = step('join words hyphenated across a line end', (text) => text.replace(/([a-z])-\n([a-z])/g, '$1$2'));

const normaliseBullets = step('normalise bullets', (text) => text.replace(/^[ \t]*[•●▪■◦‣∙·*►–]\s+/gm, '- '));

const collapseBlankLines = step('collapse runs of blank lines', (text) => text.replace(/\n{3,}/g, '\n\n'));

const trimBlankLines = step('trim blank lines at the start and end', (text) => text.replace(/^\n+|\n+$/g, ''));

/**
 * DOCX extractors emit a blank line after every paragraph; that hides which lines belong together
 * (title / company / dates). When most lines are followed by a blank one, drop one blank per gap.
 */
export function undoubleSpacing(text: string): string {
  const lines = text.split('\n');
  let content = 0;
  let followedByBlank = 0;
  for (let i = 0; i < lines.length; i++) {
    if (!lines[i].trim()) continue;
    content++;
    if (i + 1 < lines.length && !lines[i + 1].trim()) followedByBlank++;
  }
  if (content < 4 || followedByBlank / content < 0.7) return text;
  return text.replace(/\n[ \t]*\n/g, '\n');
}

// --- pipelines ----------------------------------------------------------------------------------

/** Extracted text -> the stored text: line structure kept (the parser reads lines to find sections). */
export const DOCUMENT_CLEANING: readonly CleaningStep[] = [
  composeUnicode,
  expandLigatures,
  unifyLineBreaks,
  dropControlCharacters,
  dropSoftHyphens,
  dropPageMarkers,
  joinHyphenatedWords,
  normaliseBullets,
  unifySpaces,
  collapseSpaces,
  trimLines,
  collapseBlankLines,
  trimText,
];

/**
 * The stored text -> what the resume parser reads. Blank lines are collapsed again at the end: the
 * footers, line separators and double spacing this pipeline removes leave runs of them.
 */
export const PARSER_PREPARATION: readonly CleaningStep[] = [
  foldCompatibilityForms,
  straightenQuotes,
  dropZeroWidthCharacters,
  breakAtLineSeparators,
  blankReplacementCharacters,
  dropPageFooterLines,
  trimLineEnds,
  trimBlankLines,
  step('undo double spacing', undoubleSpacing),
  collapseBlankLines,
];

export interface CleanedDocument {
  text: string;
  /** How many NUL / control characters were removed (reported to the client as a warning). */
  removedControlChars: number;
}

/** Extracted text (pdf-parse, mammoth, UTF-8) -> the text stored for a document. */
export function cleanDocumentText(raw: string): CleanedDocument {
  return { text: runSteps(raw, DOCUMENT_CLEANING), removedControlChars: raw.match(CONTROL_CHARACTERS)?.length ?? 0 };
}

/** A document's stored text (cleanDocumentText) -> the text the resume parser reads. */
export function prepareForParsing(documentText: string): string {
  return runSteps(documentText, PARSER_PREPARATION);
}
