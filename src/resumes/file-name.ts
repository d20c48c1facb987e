/** Longest stored file name, in characters (common file systems allow 255). */
export const MAX_FILE_NAME_LENGTH = 255;

/** Control characters, and the bidirectional overrides that make `cv‮fdp.exe` display as `cvexe.pdf`. */
const UNSAFE = /[\p{Cc}\u200e\u200f\u202a-\u202e\u2066-\u2069]/gu;

/**
 * The name stored for an uploaded file: the last path segment (some clients send a full path),
 * Unicode NFC, control and bidi-override characters removed, at most MAX_FILE_NAME_LENGTH
 * characters with the extension kept. Null when nothing is left.
 */
export function sanitizeFileName(name: string | undefined | null): string | null {
  if (!name) return null;
  const base = name.normalize('NFC').replace(UNSAFE, '').split(/[\\/]/).pop()!.trim();
  if (!base) return null;
  const chars = [...base];
  if (chars.length <= MAX_FILE_NAME_LENGTH) return base;
  const dot = base.lastIndexOf('.');
  const extension = dot > 0 && base.length - dot <= 16 ? [...base.slice(dot)] : [];
  return (
    chars
      .slice(0, MAX_FILE_NAME_LENGTH - extension.length)
      .join('')
      .trimEnd() + extension.join('')
  );
}
