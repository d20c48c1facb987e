import { PAGE_MARKER_LINE } from './page-markers.js';

const LIGATURES: Record<string, string> = { ﬀ: 'ff', ﬁ: 'fi', ﬂ: 'fl', ﬃ: 'ffi', ﬄ: 'ffl', ﬅ: 'st', ﬆ: 'st' };

const PAGE_MARKER_LINES = new RegExp(PAGE_MARKER_LINE.source, 'gm');

export interface NormalizedText {
  text: string;
  /** How many NUL / control characters were removed (reported to the client as a warning). */
  removedControlChars: number;
}

/**
 * Cleans extracted text for parsing and embedding while keeping line structure (the parser needs
 * lines to find sections): ligatures, bullets, soft hyphens, words hyphenated across line ends,
 * PDF page markers, control characters and runs of spaces.
 */
export function normalizeExtractedText(raw: string): NormalizedText {
  let removedControlChars = 0;
  const text = raw
    .normalize('NFC')
    .replace(/[\uFB00-\uFB06]/g, (ligature) => LIGATURES[ligature] ?? ligature)
    .replace(/\r\n?/g, '\n')
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, () => {
      removedControlChars++;
      return '';
    })
    .replace(/\u00AD/g, '')
    .replace(PAGE_MARKER_LINES, '')
    .replace(/([a-z])-\n([a-z])/g, '$1$2')
    .replace(/^[ \t]*[•●▪■◦‣∙·*►–]\s+/gm, '- ')
    .replace(/[\u00A0\u2000-\u200B\u202F\u205F\u3000]/g, ' ')
    .replace(/[ \t]+/g, ' ')
    .replace(/ *\n */g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  return { text, removedControlChars };
}
