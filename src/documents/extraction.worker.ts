import { parentPort } from 'node:worker_threads';
import { ErrorCode } from '../common/error-codes.js';
import type { DocumentFormat } from './document-format.js';
import { ExtractionFailure, ExtractionLimits, extractRaw } from './extractors.js';
import { cleanDocumentText } from '../text-cleaning/text-cleaning.js';

/** Worker thread entry: extracts one document per message, so a pathological file can be killed. */
export interface ExtractionRequest {
  id: number;
  format: DocumentFormat;
  bytes: Uint8Array;
  limits: ExtractionLimits;
}

export type ExtractionResponse =
  | { id: number; ok: true; text: string; pages: number | null; removedControlChars: number }
  | { id: number; ok: false; code: ErrorCode; message: string };

parentPort?.on('message', (request: ExtractionRequest) => void extractOne(request));

async function extractOne(request: ExtractionRequest): Promise<void> {
  let response: ExtractionResponse;
  try {
    const raw = await extractRaw(request.format, request.bytes, request.limits);
    // Cleaned here too: NFC and a dozen regexes over up to MAX_UPLOAD_BYTES of text are CPU work
    // the API's event loop must not do.
    const { text, removedControlChars } = cleanDocumentText(raw.text);
    response = { id: request.id, ok: true, text, pages: raw.pages, removedControlChars };
  } catch (error) {
    const failure =
      error instanceof ExtractionFailure ? error : new ExtractionFailure(ErrorCode.CORRUPT_DOCUMENT, (error as Error).message);
    response = { id: request.id, ok: false, code: failure.code, message: failure.message };
  }
  parentPort!.postMessage(response);
}

// Parsers are loaded (module imports above): the pool starts its timeout only after this.
parentPort?.postMessage({ ready: true });
