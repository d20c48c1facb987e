import { ErrorCode } from './error-codes.js';

/** The one error shape of the API: `{ statusCode, code, message, details?, requestId }`. */
export interface ApiErrorBody {
  statusCode: number;
  code: ErrorCode;
  message: string;
  details?: unknown;
  /** The request's X-Request-Id (set by the exception filter): quote it to find the request in the logs. */
  requestId?: string;
}
