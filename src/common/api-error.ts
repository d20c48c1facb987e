import { HttpException } from '@nestjs/common';
import { DEFAULT_STATUS, ErrorCode } from './error-codes.js';

/** The one error shape of the API: `{ statusCode, code, message, details? }`. */
export interface ApiErrorBody {
  statusCode: number;
  code: ErrorCode;
  message: string;
  details?: unknown;
}

export class ApiError extends HttpException {
  /** Sent as the `Retry-After` header (seconds) when set: the client may try again then. */
  retryAfterSeconds?: number;

  constructor(
    readonly code: ErrorCode,
    message: string,
    details?: unknown,
    status: number = DEFAULT_STATUS[code],
  ) {
    super({ statusCode: status, code, message, ...(details === undefined ? {} : { details }) } satisfies ApiErrorBody, status);
  }

  static retryLater(code: ErrorCode, message: string, retryAfterSeconds: number, details?: unknown): ApiError {
    const error = new ApiError(code, message, details);
    error.retryAfterSeconds = retryAfterSeconds;
    return error;
  }

  static notFound(what: string, id: string): ApiError {
    return new ApiError(ErrorCode.NOT_FOUND, `${what} ${id} not found`);
  }
}
