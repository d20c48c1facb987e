/**
 * Tokenizer shared by the skill index (aliases) and the extractor (documents), so that both sides
 * split text the same way. Tokens keep the symbols that matter for technology names:
 * `c++`, `c#`, `.net`, `node.js`, `asp.net`, `5s`; `&` is its own token, normalised to `and`.
 * Hyphens and slashes separate tokens (`CI/CD` -> `ci`,`cd`; `scikit-learn` -> `scikit`,`learn`)
 * but may sit inside a multi-token phrase.
 */
import { stemmer } from 'stemmer';

export interface Token {
  /** Lowercased lookup key (`&` -> `and`). */
  key: string;
  /** Original text. */
  text: string;
  start: number;
  end: number;
}

const TOKEN_RE = /\.?[\p{L}\p{N}]+(?:[.'][\p{L}\p{N}]+)*(?:\+\+|#|\+)?|&/gu;

/** Normalises text before tokenizing: NFKC, typographic apostrophes, no soft hyphens. */
export function normalizeText(text: string): string {
  return (
    text
      .normalize('NFKC')
      .replace(/[\u2018\u2019\u02BC]/g, "'")
      // eslint-disable-next-line no-misleading-character-class -- each zero-width code point is removed on its own, U+200D joins nothing here
      .replace(/[\u00AD\u200B\u200C\u200D\uFEFF]/g, '')
  );
}

export function tokenize(text: string): Token[] {
  const out: Token[] = [];
  TOKEN_RE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = TOKEN_RE.exec(text))) {
    let t = m[0];
    let start = m.index;
    // a leading dot only belongs to the token at a word start (".NET"), not "end.Next"
    if (t.startsWith('.') && start > 0 && /[\p{L}\p{N}]/u.test(text[start - 1])) {
      t = t.slice(1);
      start++;
    }
    const key = t === '&' ? 'and' : t.toLowerCase();
    out.push({ key, text: t, start, end: start + t.length });
  }
  return out;
}

/** Keys of an alias, as the index stores them. */
export function aliasKeys(alias: string): string[] {
  return tokenize(normalizeText(alias)).map((t) => t.key);
}

/** True when the text between two tokens may sit inside a multi-word skill phrase. */
export function joinableGap(gap: string): boolean {
  if (gap.length > 6) return false;
  if (!/^[ \t\r\n\-\u2010\u2011/]*$/.test(gap)) return false;
  return (gap.match(/\n/g)?.length ?? 0) <= 1;
}

/**
 * Porter stem of a token key ("teams" -> "team", "managing" -> "manag"); keys with digits or
 * symbols ("c++", "node.js") stay as they are. The builder stems ESCO labels the same way.
 */
export function stemOf(key: string): string {
  if (!/^[a-z]+$/.test(key)) return key;
  let stem = stems.get(key);
  if (stem === undefined) {
    stem = stemmer(key);
    if (stems.size < 200_000) stems.set(key, stem);
  }
  return stem;
}
/** Stems already computed: the dictionary's labels repeat a few thousand words, and so do documents. */
const stems = new Map<string, string>();

/** Stemmed keys of an ESCO label, as the label index stores them. */
export function stemKeys(label: string): string[] {
  return aliasKeys(label).map(stemOf);
}
