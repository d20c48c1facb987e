/**
 * Plain TypeScript on purpose: the extraction worker thread imports these codes and must not load
 * @nestjs/common for an enum.
 */

/** Every error the API returns carries one of these codes: clients switch on them, not on text. */
export enum ErrorCode {
  VALIDATION_FAILED = 'VALIDATION_FAILED',
  FORBIDDEN = 'FORBIDDEN',
  NOT_FOUND = 'NOT_FOUND',
  FILE_REQUIRED = 'FILE_REQUIRED',
  FILE_TOO_LARGE = 'FILE_TOO_LARGE',
  EMPTY_FILE = 'EMPTY_FILE',
  UNSUPPORTED_MEDIA_TYPE = 'UNSUPPORTED_MEDIA_TYPE',
  CORRUPT_DOCUMENT = 'CORRUPT_DOCUMENT',
  ENCRYPTED_DOCUMENT = 'ENCRYPTED_DOCUMENT',
  NO_TEXT_LAYER = 'NO_TEXT_LAYER',
  ARCHIVE_TOO_LARGE = 'ARCHIVE_TOO_LARGE',
  TOO_MANY_PAGES = 'TOO_MANY_PAGES',
  TEXT_TOO_LONG = 'TEXT_TOO_LONG',
  INVALID_TEXT_ENCODING = 'INVALID_TEXT_ENCODING',
  EXTRACTION_TIMEOUT = 'EXTRACTION_TIMEOUT',
  EMBEDDING_NOT_READY = 'EMBEDDING_NOT_READY',
  EMBEDDING_UNAVAILABLE = 'EMBEDDING_UNAVAILABLE',
  INVALID_WEIGHTS = 'INVALID_WEIGHTS',
  PAYLOAD_TOO_LARGE = 'PAYLOAD_TOO_LARGE',
  /** The body is not valid JSON (the parser's own message is never echoed). */
  MALFORMED_JSON = 'MALFORMED_JSON',
  /** The JSON body nests deeper or holds more keys than JSON_MAX_DEPTH / JSON_MAX_KEYS allow. */
  BODY_TOO_COMPLEX = 'BODY_TOO_COMPLEX',
  /** A text field, query parameter or search term holds a NUL character (PostgreSQL text cannot store it). */
  INVALID_CHARACTERS = 'INVALID_CHARACTERS',
  DATABASE_UNAVAILABLE = 'DATABASE_UNAVAILABLE',
  CACHE_UNAVAILABLE = 'CACHE_UNAVAILABLE',
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  RATE_LIMITED = 'RATE_LIMITED',
  /** A text or request over the embedding work budget (characters or windows). */
  WORK_BUDGET_EXCEEDED = 'WORK_BUDGET_EXCEEDED',
  /** The embedding queue is over its budget: retry after Retry-After. */
  OVERLOADED = 'OVERLOADED',
  /** The client went away before its work ran (never seen by that client; logged). */
  REQUEST_ABORTED = 'REQUEST_ABORTED',
  INTERNAL_ERROR = 'INTERNAL_ERROR',
  /** A webhook URL that is not an absolute http(s) URL, or carries credentials or a fragment. */
  WEBHOOK_URL_INVALID = 'WEBHOOK_URL_INVALID',
  /** A webhook URL whose host is or resolves to a private, loopback or link-local address (SSRF), or does not resolve. */
  WEBHOOK_URL_FORBIDDEN = 'WEBHOOK_URL_FORBIDDEN',
  /** An externalId given to a job (PATCH) that another job of the organisation already has. */
  EXTERNAL_ID_IN_USE = 'EXTERNAL_ID_IN_USE',
  /** The uploaded bytes already are one resume, and the externalId names another. */
  RESUME_FILE_CONFLICT = 'RESUME_FILE_CONFLICT',
  /** The Idempotency-Key header is empty, longer than 255 characters or not printable ASCII. */
  IDEMPOTENCY_KEY_INVALID = 'IDEMPOTENCY_KEY_INVALID',
  /** The Idempotency-Key was used for a different request (method, path or body) in the last 24 h. */
  IDEMPOTENCY_KEY_REUSED = 'IDEMPOTENCY_KEY_REUSED',
  /** The first request with this Idempotency-Key is still running. */
  IDEMPOTENCY_KEY_IN_PROGRESS = 'IDEMPOTENCY_KEY_IN_PROGRESS',
  /** A bulk upload holds more files (or zip entries) than INGEST_MAX_FILES. */
  TOO_MANY_FILES = 'TOO_MANY_FILES',
  /** A bulk upload's files add up to more than INGEST_MAX_TOTAL_BYTES. */
  BATCH_TOO_LARGE = 'BATCH_TOO_LARGE',
  /** A file of an ingest job kept failing for an unexpected reason (ingest file error only, never an HTTP answer). */
  INGEST_FAILED = 'INGEST_FAILED',
}

/** The HTTP status each code is answered with. */
export const DEFAULT_STATUS: Record<ErrorCode, number> = {
  [ErrorCode.VALIDATION_FAILED]: 400,
  [ErrorCode.NOT_FOUND]: 404,
  [ErrorCode.FILE_REQUIRED]: 400,
  [ErrorCode.FILE_TOO_LARGE]: 413,
  [ErrorCode.EMPTY_FILE]: 400,
  [ErrorCode.UNSUPPORTED_MEDIA_TYPE]: 415,
  [ErrorCode.CORRUPT_DOCUMENT]: 422,
  [ErrorCode.ENCRYPTED_DOCUMENT]: 422,
  [ErrorCode.NO_TEXT_LAYER]: 422,
  [ErrorCode.ARCHIVE_TOO_LARGE]: 413,
  [ErrorCode.TOO_MANY_PAGES]: 413,
  [ErrorCode.TEXT_TOO_LONG]: 413,
  [ErrorCode.INVALID_TEXT_ENCODING]: 422,
  [ErrorCode.EXTRACTION_TIMEOUT]: 422,
  [ErrorCode.EMBEDDING_NOT_READY]: 409,
  [ErrorCode.EMBEDDING_UNAVAILABLE]: 503,
  [ErrorCode.INVALID_WEIGHTS]: 400,
  [ErrorCode.PAYLOAD_TOO_LARGE]: 413,
  [ErrorCode.INTERNAL_ERROR]: 500,
  [ErrorCode.MALFORMED_JSON]: 400,
  [ErrorCode.BODY_TOO_COMPLEX]: 400,
  [ErrorCode.INVALID_CHARACTERS]: 400,
  [ErrorCode.DATABASE_UNAVAILABLE]: 503,
  [ErrorCode.CACHE_UNAVAILABLE]: 503,
  [ErrorCode.UNAUTHENTICATED]: 401,
  [ErrorCode.FORBIDDEN]: 403,
  [ErrorCode.RATE_LIMITED]: 429,
  [ErrorCode.WORK_BUDGET_EXCEEDED]: 413,
  [ErrorCode.OVERLOADED]: 503,
  [ErrorCode.REQUEST_ABORTED]: 499,
  [ErrorCode.WEBHOOK_URL_INVALID]: 400,
  [ErrorCode.WEBHOOK_URL_FORBIDDEN]: 400,
  [ErrorCode.EXTERNAL_ID_IN_USE]: 409,
  [ErrorCode.RESUME_FILE_CONFLICT]: 409,
  [ErrorCode.IDEMPOTENCY_KEY_INVALID]: 400,
  [ErrorCode.IDEMPOTENCY_KEY_REUSED]: 422,
  [ErrorCode.IDEMPOTENCY_KEY_IN_PROGRESS]: 409,
  [ErrorCode.TOO_MANY_FILES]: 413,
  [ErrorCode.BATCH_TOO_LARGE]: 413,
  [ErrorCode.INGEST_FAILED]: 500,
};
