/** Document formats HireMatch reads, told apart by their bytes (magic numbers), never by name. */
export type DocumentFormat = 'pdf' | 'docx' | 'txt';

const BINARY_SIGNATURES: Array<[string, number[]]> = [
  ['PNG image', [0x89, 0x50, 0x4e, 0x47]],
  ['JPEG image', [0xff, 0xd8, 0xff]],
  ['GIF image', [0x47, 0x49, 0x46, 0x38]],
  ['Windows executable', [0x4d, 0x5a]],
  ['ELF executable', [0x7f, 0x45, 0x4c, 0x46]],
  ['legacy Office document (.doc)', [0xd0, 0xcf, 0x11, 0xe0]],
  ['gzip archive', [0x1f, 0x8b]],
  ['RTF document', [0x7b, 0x5c, 0x72, 0x74, 0x66]],
];

export type SniffResult = { format: DocumentFormat } | { format: null; detected: string };

export function sniffFormat(bytes: Buffer): SniffResult {
  if (startsWith(bytes, [0x25, 0x50, 0x44, 0x46, 0x2d])) return { format: 'pdf' }; // %PDF-
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) {
    // A DOCX is a zip holding word/document.xml; any other zip (xlsx, jar, ...) is refused.
    return bytes.includes('word/document.xml') ? { format: 'docx' } : { format: null, detected: 'zip archive (not a DOCX)' };
  }
  for (const [name, signature] of BINARY_SIGNATURES) {
    if (startsWith(bytes, signature)) return { format: null, detected: name };
  }
  return looksLikeText(bytes) ? { format: 'txt' } : { format: null, detected: 'binary data' };
}

function startsWith(bytes: Buffer, signature: number[]): boolean {
  return bytes.length >= signature.length && signature.every((byte, i) => bytes[i] === byte);
}

/** Text has few control bytes; a stray NUL or two (bad exports) is still text and gets stripped. */
function looksLikeText(bytes: Buffer): boolean {
  const sample = bytes.subarray(0, 8192);
  let control = 0;
  for (const byte of sample) {
    if (byte < 0x09 || (byte > 0x0d && byte < 0x20 && byte !== 0x1b)) control++;
  }
  return control <= sample.length * 0.02;
}
