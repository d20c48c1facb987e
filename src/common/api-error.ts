import { ErrorCode } from './error-codes.js';

/** The one error shape of the API: `{ statusCode, code, message, details? }`. */
export interface ApiErrorBody {
  statusCode: number;
  code: ErrorCode;
  message: string;
  details?: unknown;
}
