import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { preprocessForEmbedding } from '../embeddings/text-preprocessing.js';
import { DOCUMENT_CLEANING, PARSER_PREPARATION, cleanDocumentText, prepareForParsing, undoubleSpacing } from './text-cleaning.js';

interface CleanedUpload {
  /** What extraction stores (searched, shown, the source of the matching text). */
  content: string;
  removedControlChars: number;
  /** What the resume parser reads of that stored text. */
  parserView: string;
  /** What the model sees of the stored text (the matching text is cut from it). */
  embeddingInput: string;
  /** What the model sees of a text that never went through extraction (a job, a search query). */
  embeddingInputOfRawText: string;
}

/**
 * Characterisation: an upload went through three cleaners one after another (the document
 * normaliser, the resume parser's cleanResumeText, preprocessForEmbedding), each with its own idea
 * of control characters, zero-width characters, line breaks and page markers. Written against those
 * three before they became one module; these inputs are the ones where they differed. Where the
 * one module gives another result, the line says what it was ("was: ...").
 */
const CASES: [string, string, CleanedUpload][] = [
  [
    'ligatures',
    'Of\uFB01ce \uFB02ow',
    {
      content: 'Office flow',
      removedControlChars: 0,
      parserView: 'Office flow',
      embeddingInput: 'Office flow',
      embeddingInputOfRawText: 'Of\uFB01ce \uFB02ow',
    },
  ],
  [
    'compatibility forms',
    '\uFF21\uFF22\uFF23 Co. 10\u00B2 units \u2460',
    {
      content: '\uFF21\uFF22\uFF23 Co. 10\u00B2 units \u2460',
      removedControlChars: 0,
      parserView: 'ABC Co. 102 units 1',
      embeddingInput: '\uFF21\uFF22\uFF23 Co. 10\u00B2 units \u2460',
      embeddingInputOfRawText: '\uFF21\uFF22\uFF23 Co. 10\u00B2 units \u2460',
    },
  ],
  [
    'C0 control characters',
    'c\u0000d\u0007e\u001Bf',
    { content: 'cdef', removedControlChars: 3, parserView: 'cdef', embeddingInput: 'cdef', embeddingInputOfRawText: 'c d e f' },
  ],
  [
    'zero-width space',
    'a\u200Bb',
    { content: 'a b', removedControlChars: 0, parserView: 'a b', embeddingInput: 'a b', embeddingInputOfRawText: 'a b' },
  ],
  [
    'other zero-width characters and the BOM',
    'a\u200Cb\u200Dc\u2060d\uFEFFe',
    {
      content: 'a\u200Cb\u200Dc\u2060d\uFEFFe',
      removedControlChars: 0,
      parserView: 'abcde',
      embeddingInput: 'a b c\u2060d e',
      embeddingInputOfRawText: 'a b c\u2060d e',
    },
  ],
  [
    'curly quotes',
    '\u2018quoted\u2019 \u201Ctext\u201D it\u02BCs',
    {
      content: '\u2018quoted\u2019 \u201Ctext\u201D it\u02BCs',
      removedControlChars: 0,
      parserView: "'quoted' \"text\" it's",
      embeddingInput: '\u2018quoted\u2019 \u201Ctext\u201D it\u02BCs',
      embeddingInputOfRawText: '\u2018quoted\u2019 \u201Ctext\u201D it\u02BCs',
    },
  ],
  [
    'page markers and footers',
    'top\n-- 1 of 2 --\nmiddle\nPage 2 of 2\nend',
    {
      content: 'top\n\nmiddle\nPage 2 of 2\nend',
      removedControlChars: 0,
      parserView: 'top\n\nmiddle\nend',
      embeddingInput: 'top middle Page 2 of 2 end',
      embeddingInputOfRawText: 'top -- 1 of 2 -- middle Page 2 of 2 end',
    },
  ],
  [
    'a footer between blank lines',
    'Page 1 of 3\n\nA\n\nB\n\npage 2 / 3\n\nC',
    {
      content: 'Page 1 of 3\n\nA\n\nB\n\npage 2 / 3\n\nC',
      removedControlChars: 0,
      parserView: 'A\n\nB\n\nC',
      embeddingInput: 'Page 1 of 3 A B page 2 / 3 C',
      embeddingInputOfRawText: 'Page 1 of 3 A B page 2 / 3 C',
    },
  ],
  [
    'line and paragraph separators',
    'line one\u2028line two\u2029para',
    {
      content: 'line one\u2028line two\u2029para',
      removedControlChars: 0,
      parserView: 'line one\nline two\npara',
      embeddingInput: 'line one line two para',
      embeddingInputOfRawText: 'line one line two para',
    },
  ],
  [
    'form feed and vertical tab',
    'form\u000Cfeed\u000Btab',
    {
      content: 'formfeedtab',
      removedControlChars: 2,
      parserView: 'formfeedtab',
      embeddingInput: 'formfeedtab',
      embeddingInputOfRawText: 'form feed tab',
    },
  ],
  [
    'tabs, runs of spaces, no-break spaces',
    'a\u0009b  c\u00A0d \u00A0\n  e\u2003f\u3000g',
    {
      content: 'a b c d\ne f g',
      removedControlChars: 0,
      parserView: 'a b c d\ne f g',
      embeddingInput: 'a b c d e f g',
      embeddingInputOfRawText: 'a b c d e f g',
    },
  ],
  [
    'bullets',
    '\u2022 Led teams\n\u25CF Built things\n* Star\n\u2013 Dash',
    {
      content: '- Led teams\n- Built things\n- Star\n- Dash',
      removedControlChars: 0,
      parserView: '- Led teams\n- Built things\n- Star\n- Dash',
      embeddingInput: '- Led teams - Built things - Star - Dash',
      embeddingInputOfRawText: '\u2022 Led teams \u25CF Built things * Star \u2013 Dash',
    },
  ],
  [
    'a word hyphenated across a line end',
    'manage-\nment and Self-\nService',
    {
      content: 'management and Self-\nService',
      removedControlChars: 0,
      parserView: 'management and Self-\nService',
      embeddingInput: 'management and Self- Service',
      embeddingInputOfRawText: 'manage- ment and Self- Service',
    },
  ],
  [
    'C1 control characters',
    'x\u0085y\u009Fz',
    {
      content: 'x\u0085y\u009Fz',
      removedControlChars: 0,
      parserView: 'x\u0085y\u009Fz',
      embeddingInput: 'x y z',
      embeddingInputOfRawText: 'x y z',
    },
  ],
  [
    'replacement character',
    'bad \uFFFD byte\uFFFD',
    {
      content: 'bad \uFFFD byte\uFFFD',
      removedControlChars: 0,
      parserView: 'bad   byte',
      embeddingInput: 'bad \uFFFD byte\uFFFD',
      embeddingInputOfRawText: 'bad \uFFFD byte\uFFFD',
    },
  ],
  [
    'DOCX double spacing',
    'A\n\nB\n\nC\n\n\n\nD\n\nE',
    {
      content: 'A\n\nB\n\nC\n\nD\n\nE',
      removedControlChars: 0,
      parserView: 'A\nB\nC\nD\nE',
      embeddingInput: 'A B C D E',
      embeddingInputOfRawText: 'A B C D E',
    },
  ],
  [
    'runs of blank lines',
    'a\n\n\n\nb\n \n \nc',
    {
      content: 'a\n\nb\n\nc',
      removedControlChars: 0,
      parserView: 'a\n\nb\n\nc',
      embeddingInput: 'a b c',
      embeddingInputOfRawText: 'a b c',
    },
  ],
  [
    'carriage returns',
    'a\u000D\nb\u000Dc',
    { content: 'a\nb\nc', removedControlChars: 0, parserView: 'a\nb\nc', embeddingInput: 'a b c', embeddingInputOfRawText: 'a b c' },
  ],
  [
    'a soft hyphen before a combining mark',
    'cafe\u00AD\u0301 cr\u00E8me',
    {
      content: 'cafe\u0301 cr\u00E8me',
      removedControlChars: 0,
      parserView: 'caf\u00E9 cr\u00E8me',
      embeddingInput: 'caf\u00E9 cr\u00E8me',
      embeddingInputOfRawText: 'cafe\u00AD\u0301 cr\u00E8me',
    },
  ],
  [
    'a page marker in full-width digits',
    'x\n-- \uFF11 of \uFF12 --\ny',
    {
      content: 'x\n-- \uFF11 of \uFF12 --\ny',
      removedControlChars: 0,
      // was: 'x\ny' (the parser dropped marker lines again; now extraction alone does, and only
      // pdf-parse's own ASCII markers, which no folding or blanking uncovers later)
      parserView: 'x\n-- 1 of 2 --\ny',
      embeddingInput: 'x -- \uFF11 of \uFF12 -- y',
      embeddingInputOfRawText: 'x -- \uFF11 of \uFF12 -- y',
    },
  ],
  [
    'a page marker behind a zero-width space',
    'x\n--\u200B1 of 2 --\ny',
    {
      content: 'x\n-- 1 of 2 --\ny',
      removedControlChars: 0,
      // was: 'x\ny' (the parser dropped marker lines again; now extraction alone does, and only
      // pdf-parse's own ASCII markers, which no folding or blanking uncovers later)
      parserView: 'x\n-- 1 of 2 --\ny',
      embeddingInput: 'x -- 1 of 2 -- y',
      embeddingInputOfRawText: 'x -- 1 of 2 -- y',
    },
  ],
  [
    'a page marker behind a replacement character',
    'x\n\uFFFD-- 1 of 2 --\ny',
    {
      content: 'x\n\uFFFD-- 1 of 2 --\ny',
      removedControlChars: 0,
      // was: 'x\ny' (the parser dropped marker lines again; now extraction alone does, and only
      // pdf-parse's own ASCII markers, which no folding or blanking uncovers later)
      parserView: 'x\n -- 1 of 2 --\ny',
      embeddingInput: 'x \uFFFD-- 1 of 2 -- y',
      embeddingInputOfRawText: 'x \uFFFD-- 1 of 2 -- y',
    },
  ],
  [
    'a page marker after a line separator',
    'x\u2028-- 1 of 2 --\ny',
    {
      content: 'x\u2028\ny',
      removedControlChars: 0,
      parserView: 'x\n\ny',
      embeddingInput: 'x y',
      embeddingInputOfRawText: 'x -- 1 of 2 -- y',
    },
  ],
  [
    'leading and trailing blank lines',
    '\n\n  \nText\n\n\n',
    { content: 'Text', removedControlChars: 0, parserView: 'Text', embeddingInput: 'Text', embeddingInputOfRawText: 'Text' },
  ],
];

describe('cleanDocumentText', () => {
  it('fixes ligatures, bullets, hyphenation and page markers, and counts control chars', () => {
    const { text, removedControlChars } = cleanDocumentText('Of\uFB01ce manage-\nment\n• Led teams\n\n-- 1 of 2 --\nA\u0000B');
    assert.equal(text, 'Office management\n- Led teams\n\nAB');
    assert.equal(removedControlChars, 1);
  });
});

describe('prepareForParsing', () => {
  it('reads an upload without the page markers, soft hyphens and control characters extraction dropped', () => {
    assert.equal(prepareForParsing(cleanDocumentText('a\r\nb\u00ad\n-- 1 of 2 --\nc\u0000d').text), 'a\nb\n\ncd');
  });

  it('undoes DOCX double spacing', () => {
    assert.equal(undoubleSpacing('A\n\nB\n\nC\n\n\n\nD\n\nE'), 'A\nB\nC\n\nD\nE');
  });

  it('runs no step the document cleaning ran, but the final collapse of blank lines its own removals leave', () => {
    const again = PARSER_PREPARATION.filter((step) => DOCUMENT_CLEANING.includes(step)).map((step) => step.name);
    assert.deepEqual(again, ['collapse runs of blank lines']);
  });
});

describe('text cleaning of an upload where the three cleaners differed', () => {
  for (const [name, raw, expected] of CASES) {
    it(name, () => {
      const { text, removedControlChars } = cleanDocumentText(raw);
      assert.deepEqual(
        {
          content: text,
          removedControlChars,
          parserView: prepareForParsing(text),
          embeddingInput: preprocessForEmbedding(text),
          embeddingInputOfRawText: preprocessForEmbedding(raw),
        },
        expected,
      );
    });
  }
});
