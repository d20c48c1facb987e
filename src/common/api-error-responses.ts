import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiProperty, ApiPropertyOptional, ApiResponse, getSchemaPath } from '@nestjs/swagger';
import { DEFAULT_STATUS, ErrorCode } from './error-codes.js';

/** `details` of EMBEDDING_UNAVAILABLE: why the model could not be used. */
export class EmbeddingUnavailableDetails {
  @ApiProperty({
    enum: ['model_not_loaded', 'breaker_open', 'model_error'],
    description: '`model_not_loaded`: still loading or failed to load; `breaker_open`: recent failures, retried later; `model_error`',
  })
  reason!: 'model_not_loaded' | 'breaker_open' | 'model_error';
}

/** The one error body of the API (ApiErrorBody in api-error.ts), for the OpenAPI document. */
@ApiExtraModels(EmbeddingUnavailableDetails)
export class ApiErrorView {
  @ApiProperty({ type: 'integer', example: 400, description: 'The HTTP status, repeated' })
  statusCode!: number;

  @ApiProperty({ enum: ErrorCode, enumName: 'ErrorCode', description: 'Stable machine-readable code: switch on this, not on `message`' })
  code!: ErrorCode;

  @ApiProperty({ example: 'title must be longer than or equal to 2 characters' })
  message!: string;

  @ApiPropertyOptional({
    description: 'VALIDATION_FAILED: one line per violated constraint. EMBEDDING_UNAVAILABLE: the reason',
    oneOf: [{ type: 'array', items: { type: 'string' } }, { $ref: getSchemaPath(EmbeddingUnavailableDetails) }],
  })
  details?: string[] | EmbeddingUnavailableDetails;
}

/** A message as the API writes it, per code: the examples in the OpenAPI document. */
const EXAMPLE_MESSAGES: Record<ErrorCode, string> = {
  [ErrorCode.VALIDATION_FAILED]: 'title must be longer than or equal to 2 characters',
  [ErrorCode.NOT_FOUND]: 'Job 00000000-0000-4000-8000-000000000999 not found',
  [ErrorCode.FILE_REQUIRED]: 'Send the resume as multipart/form-data field "file"',
  [ErrorCode.FILE_TOO_LARGE]: 'The file is larger than 10485760 bytes',
  [ErrorCode.EMPTY_FILE]: 'The uploaded file is empty',
  [ErrorCode.UNSUPPORTED_MEDIA_TYPE]: 'Unsupported file content (JSON document); upload a PDF, DOCX or plain-text resume',
  [ErrorCode.CORRUPT_DOCUMENT]: 'The PDF could not be read: Invalid PDF structure',
  [ErrorCode.ENCRYPTED_DOCUMENT]: 'The PDF is password-protected',
  [ErrorCode.NO_TEXT_LAYER]: 'The PDF has no text layer (a scanned image?); OCR is not supported',
  [ErrorCode.ARCHIVE_TOO_LARGE]: 'The DOCX would inflate to more than 52428800 bytes',
  [ErrorCode.TOO_MANY_PAGES]: 'The PDF has 120 pages; the limit is 50',
  [ErrorCode.TEXT_TOO_LONG]: 'The extracted text is longer than 200000 characters',
  [ErrorCode.INVALID_TEXT_ENCODING]: 'The text file is not valid UTF-8',
  [ErrorCode.EXTRACTION_TIMEOUT]: 'Text extraction took longer than 15000 ms',
  [ErrorCode.EMBEDDING_NOT_READY]: 'The record has no embedding yet',
  [ErrorCode.EMBEDDING_UNAVAILABLE]:
    'Embedding model is unavailable (circuit breaker open); vector search is unavailable (keyword mode still works)',
  [ErrorCode.INVALID_WEIGHTS]: 'At least one weight must be greater than zero',
  [ErrorCode.PAYLOAD_TOO_LARGE]: 'request entity too large',
  [ErrorCode.MALFORMED_JSON]: 'The request body is not valid JSON',
  [ErrorCode.BODY_TOO_COMPLEX]: 'The JSON body nests deeper than 10 levels or holds more than 2000 keys and items',
  [ErrorCode.INVALID_CHARACTERS]: 'query must not contain NUL (\\u0000) characters',
  [ErrorCode.DATABASE_UNAVAILABLE]: 'The database is unavailable; retry later',
  [ErrorCode.CACHE_UNAVAILABLE]: 'The cache is unavailable; retry later',
  [ErrorCode.UNAUTHENTICATED]: 'Missing or invalid API key: send Authorization: Bearer <key> or X-API-Key',
  [ErrorCode.FORBIDDEN]: 'This API key lacks scope resumes:write',
  [ErrorCode.RATE_LIMITED]: 'Too many requests: retry after 12 s',
  [ErrorCode.WORK_BUDGET_EXCEEDED]: 'A text is longer than 50000 characters (EMBEDDING_MAX_TEXT_CHARS)',
  [ErrorCode.OVERLOADED]: 'The embedding queue is full; retry after 2 s',
  [ErrorCode.REQUEST_ABORTED]: 'The client closed the connection before the answer',
  [ErrorCode.INTERNAL_ERROR]: 'Internal server error',
  [ErrorCode.WEBHOOK_URL_INVALID]: 'url must be an absolute http or https URL without credentials',
  [ErrorCode.WEBHOOK_URL_FORBIDDEN]: 'The webhook host resolves to a private address (127.0.0.1); see WEBHOOK_ALLOWED_HOSTS',
  [ErrorCode.EXTERNAL_ID_IN_USE]: 'Job 0d5c8f7a-3b1e-4c62-9a7f-6e2d1b4c9f30 already has this externalId',
  [ErrorCode.RESUME_FILE_CONFLICT]:
    'This file is already resume 5b3f6f0e-8a51-4a7e-9d0c-2f1f0b8e4a11; the externalId names another resume (7c1e2d3f-1111-4222-8333-944455556666)',
  [ErrorCode.IDEMPOTENCY_KEY_INVALID]: 'Idempotency-Key must be 1 to 255 printable ASCII characters',
  [ErrorCode.IDEMPOTENCY_KEY_REUSED]: 'This Idempotency-Key was used for a different request in the last 24 h',
  [ErrorCode.IDEMPOTENCY_KEY_IN_PROGRESS]: 'The first request with this Idempotency-Key is still running; retry shortly',
  [ErrorCode.TOO_MANY_FILES]: 'The upload holds more than 500 files (INGEST_MAX_FILES)',
  [ErrorCode.BATCH_TOO_LARGE]: 'The files add up to more than 104857600 bytes (INGEST_MAX_TOTAL_BYTES)',
  [ErrorCode.INGEST_FAILED]: 'The file could not be processed after 3 attempts',
};

const EXAMPLE_DETAILS: Partial<Record<ErrorCode, unknown>> = {
  [ErrorCode.VALIDATION_FAILED]: ['title must be longer than or equal to 2 characters'],
  [ErrorCode.EMBEDDING_UNAVAILABLE]: { reason: 'breaker_open' },
};

/**
 * Documents the errors a route can answer with: one response per HTTP status, the one error shape,
 * the codes in its description and one example per code. Statuses come from DEFAULT_STATUS.
 */
export function ApiErrorResponses(...codes: ErrorCode[]): MethodDecorator & ClassDecorator {
  const byStatus = new Map<number, ErrorCode[]>();
  for (const code of codes) byStatus.set(DEFAULT_STATUS[code], [...(byStatus.get(DEFAULT_STATUS[code]) ?? []), code]);
  return applyDecorators(
    ApiExtraModels(ApiErrorView),
    ...[...byStatus].map(([status, group]) =>
      ApiResponse({
        status,
        description: `Error codes: ${group.map((code) => `\`${code}\``).join(', ')}`,
        type: ApiErrorView,
        examples: Object.fromEntries(
          group.map((code) => [
            code,
            {
              summary: code,
              value: {
                statusCode: status,
                code,
                message: EXAMPLE_MESSAGES[code],
                ...(EXAMPLE_DETAILS[code] === undefined ? {} : { details: EXAMPLE_DETAILS[code] }),
              },
            },
          ]),
        ),
      }),
    ),
  );
}

/** Errors of every route that reads a JSON body: a constraint violated, or a body over the 8 MB limit. */
export const JSON_BODY_ERRORS = [
  ErrorCode.VALIDATION_FAILED,
  ErrorCode.MALFORMED_JSON,
  ErrorCode.BODY_TOO_COMPLEX,
  ErrorCode.INVALID_CHARACTERS,
  ErrorCode.PAYLOAD_TOO_LARGE,
] as const;
