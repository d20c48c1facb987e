/** Document formats HireMatch reads, told apart by their bytes (magic numbers), never by name. */
export type DocumentFormat = 'pdf' | 'docx' | 'txt';

/** Signatures of formats that are refused, named so the 415 says what was sent. */
const BINARY_SIGNATURES: Array<[string, Array<number | null>]> = [
  ['PNG image', [0x89, 0x50, 0x4e, 0x47]],
  ['JPEG image', [0xff, 0xd8, 0xff]],
  ['GIF image', [0x47, 0x49, 0x46, 0x38]],
  ['WebP image', [0x52, 0x49, 0x46, 0x46, null, null, null, null, 0x57, 0x45, 0x42, 0x50]], // RIFF....WEBP
  ['TIFF image', [0x49, 0x49, 0x2a, 0x00]],
  ['TIFF image', [0x4d, 0x4d, 0x00, 0x2a]],
  ['ISO media file (HEIC/AVIF image or video)', [null, null, null, null, 0x66, 0x74, 0x79, 0x70]], // ....ftyp
  ['ELF executable', [0x7f, 0x45, 0x4c, 0x46]],
  ['Mach-O executable', [0xcf, 0xfa, 0xed, 0xfe]],
  ['Mach-O executable', [0xce, 0xfa, 0xed, 0xfe]],
  ['Mach-O executable', [0xfe, 0xed, 0xfa, 0xcf]],
  ['Mach-O executable', [0xfe, 0xed, 0xfa, 0xce]],
  ['Java class or Mach-O universal binary', [0xca, 0xfe, 0xba, 0xbe]],
  ['WebAssembly module', [0x00, 0x61, 0x73, 0x6d]],
  ['legacy Office document (.doc)', [0xd0, 0xcf, 0x11, 0xe0]],
  ['gzip archive', [0x1f, 0x8b]],
  ['7-Zip archive', [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c]],
  ['RAR archive', [0x52, 0x61, 0x72, 0x21, 0x1a, 0x07]],
  ['xz archive', [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00]],
  ['RTF document', [0x7b, 0x5c, 0x72, 0x74, 0x66]],
];

/**
 * Formats that are text but not a resume: markup, data and scripts. Their words would be parsed as
 * a resume (a JSON file gave an empty parse), so they are refused like binary formats.
 */
const TEXT_SIGNATURES: Array<[string, RegExp]> = [
  ['SVG image', /^(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*)*(<!doctype svg[^>]*>\s*)?<svg[\s>]/i],
  ['XML document', /^<\?xml[\s?]/i],
  ['HTML document', /^(<!--[\s\S]*?-->\s*)*<(!doctype html|html|head|body)[\s>]/i],
  // Any other leading tag: a resume does not open with one; an XML or HTML fragment does.
  ['HTML or XML markup', /^<[a-z!?][\w:-]*[\s>/]/i],
  ['PostScript document', /^%!PS/],
  ['executable script', /^#!\s*\//],
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
  // MZ is two printable letters: a text resume may start with them ("MZ Consulting").
  if (!looksLikeText(bytes)) {
    return { format: null, detected: startsWith(bytes, [0x4d, 0x5a]) ? 'Windows executable' : 'binary data' };
  }
  const textKind = sniffTextKind(bytes);
  return textKind ? { format: null, detected: textKind } : { format: 'txt' };
}

/** Names a text format that is not prose (markup, JSON, scripts), or null for plain text. */
function sniffTextKind(bytes: Buffer): string | null {
  const head = bytes
    .subarray(0, 4096)
    .toString('utf8')
    .replace(/^\uFEFF/, '')
    .trimStart();
  for (const [name, pattern] of TEXT_SIGNATURES) if (pattern.test(head)) return name;
  if (looksLikeJson(bytes, head)) return 'JSON document';
  return null;
}

function looksLikeJson(bytes: Buffer, head: string): boolean {
  if (!head.startsWith('{') && !head.startsWith('[')) return false;
  // An object opening with a quoted key is JSON even when cut short; otherwise the whole file must parse.
  if (/^\{\s*("[^"\n]*"\s*:|\})/.test(head)) return true;
  try {
    const value: unknown = JSON.parse(bytes.toString('utf8').replace(/^\uFEFF/, ''));
    return typeof value === 'object' && value !== null;
  } catch {
    return false;
  }
}

function startsWith(bytes: Buffer, signature: Array<number | null>): boolean {
  return bytes.length >= signature.length && signature.every((byte, i) => byte === null || bytes[i] === byte);
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
