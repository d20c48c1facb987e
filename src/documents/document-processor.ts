import { Inject, Injectable, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { DomainError } from '../common/domain-error.js';
import { ErrorCode } from '../common/error-codes.js';
import { APP_CONFIG, AppConfig } from '../config/app-config.js';
import { DocumentFormat, sniffFormat } from './document-format.js';
import { ExtractionWorkers } from './extraction-workers.js';

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

/**
 * Turns uploaded bytes into clean text, or a typed 4xx. The type comes from the bytes (never the
 * name or the client's MIME type); parsing runs in worker threads with a time and memory limit.
 */
@Injectable()
export class DocumentProcessor implements OnModuleInit, OnApplicationShutdown {
  private readonly workers: ExtractionWorkers;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.workers = new ExtractionWorkers({
      size: config.extractionWorkers,
      timeoutMs: config.extractionTimeoutMs,
      maxHeapMb: config.extractionMaxHeapMb,
    });
  }

  onModuleInit(): void {
    this.workers.warmUp();
  }

  async extract(bytes: Buffer): Promise<ExtractedDocument> {
    if (bytes.length === 0) throw new DomainError(ErrorCode.EMPTY_FILE, 'The uploaded file is empty');
    if (bytes.length > this.config.maxUploadBytes) {
      throw new DomainError(ErrorCode.FILE_TOO_LARGE, `The file is larger than ${this.config.maxUploadBytes} bytes`);
    }
    const sniffed = sniffFormat(bytes);
    if (sniffed.format === null) {
      throw new DomainError(
        ErrorCode.UNSUPPORTED_MEDIA_TYPE,
        `Unsupported file content (${sniffed.detected}); upload a PDF, DOCX or plain-text resume`,
      );
    }
    const { format } = sniffed;
    // An ExtractionFailure (a DomainError) carries its code to the exception filter as it is.
    const extracted = await this.workers.run(format, bytes, {
      maxPdfPages: this.config.maxPdfPages,
      maxArchiveUncompressedBytes: this.config.maxArchiveUncompressedBytes,
    });
    const warnings: string[] = [];
    const { text, removedControlChars, pages } = extracted;
    if (removedControlChars) warnings.push(`Removed ${removedControlChars} NUL/control characters`);
    if (!text) {
      if (format === 'pdf') {
        throw new DomainError(ErrorCode.NO_TEXT_LAYER, 'The PDF has no text layer (a scanned image?); OCR is not supported');
      }
      throw new DomainError(ErrorCode.EMPTY_FILE, 'The document contains no text');
    }
    if (text.length > this.config.maxTextChars) {
      throw new DomainError(ErrorCode.TEXT_TOO_LONG, `The extracted text is longer than ${this.config.maxTextChars} characters`);
    }
    return { format, mimeType: MIME_TYPES[format], text, pages, warnings };
  }

  onApplicationShutdown(): Promise<void> {
    return this.workers.close();
  }
}
