import { Inject, Injectable } from '@nestjs/common';
import mammoth from 'mammoth';
import { PDFParse } from 'pdf-parse';
import { TextDecoder } from 'node:util';
import { ApiError } from '../common/api-error.js';
import { ErrorCode } from '../common/error-codes.js';
import { APP_CONFIG, AppConfig } from '../config/app-config.js';
import { DocumentFormat, sniffFormat } from './document-format.js';
import { normalizeExtractedText } from './text-normalizer.js';
import { inspectZip } from './zip-inspector.js';

export interface ExtractedDocument {
  format: DocumentFormat;
  mimeType: string;
  text: string;
  pages: number | null;
  warnings: string[];
}

const MIME_TYPES: Record<DocumentFormat, string> = {
  pdf: 'application/pdf',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  txt: 'text/plain',
};

/** Turns uploaded bytes into clean text, or a typed 4xx: the type comes from the bytes, with limits. */
@Injectable()
export class DocumentProcessor {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  async extract(bytes: Buffer): Promise<ExtractedDocument> {
    if (bytes.length === 0) throw new ApiError(ErrorCode.EMPTY_FILE, 'The uploaded file is empty');
    if (bytes.length > this.config.maxUploadBytes) {
      throw new ApiError(ErrorCode.FILE_TOO_LARGE, `The file is larger than ${this.config.maxUploadBytes} bytes`);
    }
    const sniffed = sniffFormat(bytes);
    if (sniffed.format === null) {
      throw new ApiError(
        ErrorCode.UNSUPPORTED_MEDIA_TYPE,
        `Unsupported file content (${sniffed.detected}); upload a PDF, DOCX or plain-text resume`,
      );
    }
    const { format } = sniffed;
    const { text: raw, pages, warnings } = await this.withTimeout(this.extractRaw(format, bytes));
    const { text, removedControlChars } = normalizeExtractedText(raw);
    if (removedControlChars) warnings.push(`Removed ${removedControlChars} NUL/control characters`);
    if (!text) {
      if (format === 'pdf') {
        throw new ApiError(ErrorCode.NO_TEXT_LAYER, 'The PDF has no text layer (a scanned image?); OCR is not supported');
      }
      throw new ApiError(ErrorCode.EMPTY_FILE, 'The document contains no text');
    }
    if (text.length > this.config.maxTextChars) {
      throw new ApiError(ErrorCode.TEXT_TOO_LONG, `The extracted text is longer than ${this.config.maxTextChars} characters`);
    }
    return { format, mimeType: MIME_TYPES[format], text, pages, warnings };
  }

  private extractRaw(format: DocumentFormat, bytes: Buffer): Promise<{ text: string; pages: number | null; warnings: string[] }> {
    switch (format) {
      case 'pdf':
        return this.extractPdf(bytes);
      case 'docx':
        return this.extractDocx(bytes);
      case 'txt':
        return Promise.resolve({ text: decodeUtf8(bytes), pages: null, warnings: [] });
    }
  }

  private async extractPdf(bytes: Buffer): Promise<{ text: string; pages: number; warnings: string[] }> {
    // pdf.js takes ownership of the array it is given: pass a copy, keep the caller's buffer intact.
    const parser = new PDFParse({ data: new Uint8Array(bytes), verbosity: 0 });
    try {
      const info = await parser.getInfo();
      if (info.total > this.config.maxPdfPages) {
        throw new ApiError(ErrorCode.TOO_MANY_PAGES, `The PDF has ${info.total} pages; the limit is ${this.config.maxPdfPages}`);
      }
      const result = await parser.getText();
      return { text: result.text, pages: result.total, warnings: [] };
    } catch (error) {
      if (error instanceof ApiError) throw error;
      const name = (error as Error)?.name ?? '';
      if (name === 'PasswordException') {
        throw new ApiError(ErrorCode.ENCRYPTED_DOCUMENT, 'The PDF is password-protected');
      }
      throw new ApiError(ErrorCode.CORRUPT_DOCUMENT, `The PDF could not be read: ${(error as Error).message}`);
    } finally {
      await parser.destroy().catch(() => undefined);
    }
  }

  private async extractDocx(bytes: Buffer): Promise<{ text: string; pages: null; warnings: string[] }> {
    const zip = inspectZip(bytes);
    if (!zip) throw new ApiError(ErrorCode.CORRUPT_DOCUMENT, 'The DOCX file is truncated or corrupt');
    if (zip.uncompressedBytes > this.config.maxArchiveUncompressedBytes) {
      throw new ApiError(
        ErrorCode.ARCHIVE_TOO_LARGE,
        `The DOCX would inflate to more than ${this.config.maxArchiveUncompressedBytes} bytes`,
      );
    }
    try {
      const result = await mammoth.extractRawText({ buffer: bytes });
      return { text: result.value, pages: null, warnings: [] };
    } catch (error) {
      throw new ApiError(ErrorCode.CORRUPT_DOCUMENT, `The DOCX could not be read: ${(error as Error).message}`);
    }
  }

  private async withTimeout<T>(work: Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new ApiError(ErrorCode.EXTRACTION_TIMEOUT, `Text extraction took longer than ${this.config.extractionTimeoutMs} ms`)),
        this.config.extractionTimeoutMs,
      );
    });
    try {
      return await Promise.race([work, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
}

function decodeUtf8(bytes: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    throw new ApiError(ErrorCode.INVALID_TEXT_ENCODING, 'The text file is not valid UTF-8');
  }
}
