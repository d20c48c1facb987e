import mammoth from 'mammoth';
import { PDFParse } from 'pdf-parse';
import { TextDecoder } from 'node:util';
import { DomainError } from '../common/domain-error.js';
import { ErrorCode } from '../common/error-codes.js';
import type { DocumentFormat } from './document-format.js';
import { inspectZip } from './zip-inspector.js';

/**
 * Format-specific text extraction. Runs inside the extraction worker (extraction.worker.ts), so
 * failures are plain domain errors (`ExtractionFailure`, no Nest), passed back as data.
 */
export interface ExtractionLimits {
  maxPdfPages: number;
  maxArchiveUncompressedBytes: number;
}

export interface RawExtraction {
  text: string;
  pages: number | null;
}

export class ExtractionFailure extends DomainError {
  constructor(code: ErrorCode, message: string) {
    super(code, message);
  }
}

export function extractRaw(format: DocumentFormat, bytes: Uint8Array, limits: ExtractionLimits): Promise<RawExtraction> {
  switch (format) {
    case 'pdf':
      return extractPdf(bytes, limits);
    case 'docx':
      return extractDocx(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength), limits);
    case 'txt':
      return Promise.resolve({ text: decodeUtf8(bytes), pages: null });
  }
}

async function extractPdf(bytes: Uint8Array, limits: ExtractionLimits): Promise<RawExtraction> {
  const parser = new PDFParse({ data: bytes, verbosity: 0 });
  try {
    const info = await parser.getInfo();
    if (info.total > limits.maxPdfPages) {
      throw new ExtractionFailure(ErrorCode.TOO_MANY_PAGES, `The PDF has ${info.total} pages; the limit is ${limits.maxPdfPages}`);
    }
    const result = await parser.getText();
    return { text: result.text, pages: result.total };
  } catch (error) {
    if (error instanceof ExtractionFailure) throw error;
    if ((error as Error)?.name === 'PasswordException') {
      throw new ExtractionFailure(ErrorCode.ENCRYPTED_DOCUMENT, 'The PDF is password-protected');
    }
    // The parser's own message is not passed on: it quotes the document's bytes and the parser's internals.
    throw new ExtractionFailure(ErrorCode.CORRUPT_DOCUMENT, 'The PDF could not be read (damaged or not a PDF)');
  } finally {
    await parser.destroy().catch(() => undefined);
  }
}

async function extractDocx(bytes: Buffer, limits: ExtractionLimits): Promise<RawExtraction> {
  // Declared sizes are checked BEFORE anything is inflated: a 1 MiB DOCX can inflate to 1 GiB.
  const zip = inspectZip(bytes);
  if (!zip) throw new ExtractionFailure(ErrorCode.CORRUPT_DOCUMENT, 'The DOCX file is truncated or corrupt');
  if (zip.uncompressedBytes > limits.maxArchiveUncompressedBytes) {
    throw new ExtractionFailure(
      ErrorCode.ARCHIVE_TOO_LARGE,
      `The DOCX would inflate to more than ${limits.maxArchiveUncompressedBytes} bytes`,
    );
  }
  try {
    const result = await mammoth.extractRawText({ buffer: bytes });
    return { text: result.value, pages: null };
  } catch {
    throw new ExtractionFailure(ErrorCode.CORRUPT_DOCUMENT, 'The DOCX could not be read (damaged or not a Word document)');
  }
}

function decodeUtf8(bytes: Uint8Array): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new ExtractionFailure(ErrorCode.INVALID_TEXT_ENCODING, 'The text file is not valid UTF-8');
  }
}
