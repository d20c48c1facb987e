import { composeUnicode, runSteps, type CleaningStep } from '../text-cleaning/text-cleaning.js';

/**
 * The embedding-specific steps. Unlike document cleaning they keep no line structure and blank
 * rather than drop what they remove (C0 and C1 controls, zero-width characters, the BOM), so words
 * on either side stay apart; and they serve texts that never went through extraction (job texts,
 * search queries), which is why composing Unicode comes first here too.
 */
const EMBEDDING_PREPARATION: readonly CleaningStep[] = [
  composeUnicode,
  // eslint-disable-next-line no-control-regex
  { name: 'blank non-printing characters', apply: (text) => text.replace(/[\u0000-\u001F\u007F-\u009F\u200B-\u200D\uFEFF]/g, ' ') },
  { name: 'flatten whitespace to single spaces', apply: (text) => text.replace(/\s+/g, ' ').trim() },
];

/**
 * What the model sees and what the cache key is built from: Unicode NFC, no control characters,
 * whitespace collapsed. Two texts that differ only in layout embed (and cache) identically.
 */
export function preprocessForEmbedding(text: string): string {
  return runSteps(text, EMBEDDING_PREPARATION);
}
