import { HttpException } from '@nestjs/common';
import { DEFAULT_STATUS, ErrorCode } from './error-codes.js';

/** The one error shape of the API: `{ statusCode, code, message, details?, requestId }`. */
export interface ApiErrorBody {
  statusCode: number;
  code: ErrorCode;
  message: string;
  details?: unknown;
  /** The request's X-Request-Id (set by the exception filter): quote it to find the request in the logs. */
  requestId?: string;
}

export class ApiError extends HttpException {
  constructor(
    readonly code: ErrorCode,
    message: string,
    details?: unknown,
    status: number = DEFAULT_STATUS[code],
  ) {
    super({ statusCode: status, code, message, ...(details === undefined ? {} : { details }) } satisfies ApiErrorBody, status);
  }

  static notFound(what: string, id: string): ApiError {
    return new ApiError(ErrorCode.NOT_FOUND, `${what} ${id} not found`);
  }
}
