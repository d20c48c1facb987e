/**
 * What the model sees and what the cache key is built from: Unicode NFC, no control characters,
 * whitespace collapsed. Two texts that differ only in layout embed (and cache) identically.
 */
export function preprocessForEmbedding(text: string): string {
  return (
    text
      .normalize('NFC')
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u001F\u007F-\u009F\u200B-\u200D\uFEFF]/g, ' ')
      .replace(/\s+/g, ' ')
      .trim()
  );
}
