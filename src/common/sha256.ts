import { createHash } from 'node:crypto';

export function sha256(...parts: string[]): string {
  const hash = createHash('sha256');
  // A separator that cannot occur in text keeps ("ab","c") and ("a","bc") apart.
  parts.forEach((part, i) => hash.update(i ? `\u0000${part}` : part));
  return hash.digest('hex');
}

/** sha256 of raw bytes (an uploaded file), hex. */
export function sha256Bytes(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
