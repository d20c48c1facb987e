import { ApiError, type ErrorCode } from './api-error.js';

/** An error as the console shows it: a sentence for the recruiter, and the server's own words for support. */
export interface DescribedError {
  message: string;
  /** The API's message and request id, when there is one. */
  detail?: string;
  code?: string;
}

const MB = 1024 * 1024;

/** Bytes named in a message ("larger than 10485760 bytes") as "10 MB". */
function sizeIn(message: string | undefined): string | null {
  const bytes = Number(/(\d+) bytes/.exec(message ?? '')?.[1]);
  return Number.isFinite(bytes) && bytes > 0 ? `${Math.round((bytes / MB) * 10) / 10} MB` : null;
}

function listOf(details: unknown): string[] {
  return Array.isArray(details) ? details.filter((line): line is string => typeof line === 'string') : [];
}

type Sentence = (error: ApiError) => string;

/**
 * One sentence per error code of the API (ErrorCode in openapi.json: the type and the unit spec both
 * check that none is missing). The server's message is kept as the detail. Codes the API does not
 * have yet may be worded ahead (the index signature): those of the webhooks and idempotency work.
 */
export const ERROR_SENTENCES: { [code in ErrorCode]: Sentence } & { [code: string]: Sentence } = {
  UNAUTHENTICATED: () => 'This API key is not valid: it is unknown or has been revoked. Sign in again with a current key.',
  FORBIDDEN: (error) => {
    const missing = listOf((error.body.details as { missingScopes?: unknown } | undefined)?.missingScopes);
    return `Your API key is not allowed to do this${missing.length ? `: it lacks the scope ${missing.join(', ')}` : ''}. Ask an admin for a key with that scope.`;
  },
  NOT_FOUND: () => 'This record does not exist any more: it was deleted or erased.',
  VALIDATION_FAILED: (error) => {
    const lines = listOf(error.body.details);
    return `Some of the input is not valid${lines.length ? `: ${lines.join('; ')}` : ''}.`;
  },
  FILE_REQUIRED: () => 'No file was sent. Choose a PDF, DOCX or TXT resume.',
  EMPTY_FILE: () => 'This file is empty.',
  FILE_TOO_LARGE: (error) => `This file is too large${sizeIn(error.body.message) ? `: the limit is ${sizeIn(error.body.message)}` : ''}.`,
  UNSUPPORTED_MEDIA_TYPE: () => 'This is not a resume format HireMatch reads. Upload a PDF, a Word document (DOCX) or a plain-text file.',
  CORRUPT_DOCUMENT: () => 'This file is damaged, or is not the document it claims to be: it could not be read.',
  ENCRYPTED_DOCUMENT: () => 'This PDF is password-protected. Remove the password and upload it again.',
  NO_TEXT_LAYER: () => 'This PDF is a scanned image: it has no text layer to read. Upload a PDF with selectable text, or a DOCX.',
  ARCHIVE_TOO_LARGE: () => 'This document unpacks to far more data than a resume holds, so it was refused.',
  TOO_MANY_PAGES: () => 'This PDF has more pages than a resume can have, so it was refused.',
  TEXT_TOO_LONG: () => 'This document holds more text than a resume can, so it was refused.',
  INVALID_TEXT_ENCODING: () => 'This text file is not in UTF-8. Save it as UTF-8 text and upload it again.',
  EXTRACTION_TIMEOUT: () => 'Reading this document took too long; it may be malformed.',
  WORK_BUDGET_EXCEEDED: () => 'This text is too long to analyse in one go. Shorten it and try again.',
  EMBEDDING_NOT_READY: () => 'This record has no meaning vector yet (the language model has not processed it). Keyword mode works now.',
  EMBEDDING_UNAVAILABLE: () => 'The language model is not available right now, so search by meaning is down. Keyword search still works.',
  OVERLOADED: () => 'The server is busy analysing other documents. Try again in a few seconds.',
  INVALID_WEIGHTS: () => 'The score weights are not valid.',
  PAYLOAD_TOO_LARGE: () => 'This request is too large.',
  MALFORMED_JSON: () => 'The request was malformed (not valid JSON).',
  BODY_TOO_COMPLEX: () => 'The request was too deeply nested or had too many fields.',
  INVALID_CHARACTERS: () => 'The text contains a character that cannot be stored (a NUL character).',
  DATABASE_UNAVAILABLE: () => 'The database cannot be reached right now. Try again shortly.',
  CACHE_UNAVAILABLE: () => 'The cache cannot be reached right now. Try again shortly.',
  RATE_LIMITED: () => 'Too many requests with this key. Wait a minute and try again.',
  REQUEST_ABORTED: () => 'The request was cancelled.',
  INTERNAL_ERROR: () => 'Something went wrong on the server.',
  EXTERNAL_ID_IN_USE: () => 'Another record of your organisation already has this external id.',
  IDEMPOTENCY_KEY_REUSED: () => 'This request repeats an earlier one with different content (same Idempotency-Key).',
  IDEMPOTENCY_KEY_IN_PROGRESS: () => 'The same request is still being processed. Try again in a moment.',
  RESUME_FILE_CONFLICT: () => 'This file is already stored as another candidate than the one its external id names.',
  IDEMPOTENCY_KEY_INVALID: () => 'The Idempotency-Key of this request is not valid (1 to 255 printable characters).',
  WEBHOOK_URL_FORBIDDEN: () => 'This webhook address is not allowed: it must be a public http(s) address.',
  WEBHOOK_URL_INVALID: () => 'This webhook address is not a valid http(s) URL (no user name or password in it).',
  TOO_MANY_FILES: () => 'Too many files in one upload. Send them in smaller batches.',
  BATCH_TOO_LARGE: () => 'These files are too large together. Send them in smaller batches.',
  INGEST_FAILED: () => 'This file could not be processed after several attempts.',
};

function isKnownCode(code: string | undefined): code is ErrorCode {
  return code !== undefined && Object.hasOwn(ERROR_SENTENCES, code);
}

/** Any failure (an ApiError, a network failure, a bug) as words for the recruiter. */
export function describeError(error: unknown): DescribedError {
  if (!(error instanceof ApiError)) {
    return { message: 'Something went wrong in the console.', detail: error instanceof Error ? error.message : String(error) };
  }
  if (error.status === 0) {
    return { message: 'The HireMatch server could not be reached. Check that it is running, then try again.' };
  }
  const detail = [error.body.message, error.body.requestId ? `request id ${error.body.requestId}` : null].filter(Boolean).join(' · ');
  const code = error.code;
  if (isKnownCode(code)) return { message: ERROR_SENTENCES[code](error), detail: detail || undefined, code };
  // A code this console does not know yet (a newer server), or no API body at all.
  return { message: error.body.message ?? `The server answered with an unexpected error (HTTP ${error.status}).`, detail, code };
}
