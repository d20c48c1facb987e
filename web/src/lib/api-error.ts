import type { components } from '../api/schema.js';

export type ErrorCode = components['schemas']['ErrorCode'];

/** The API's one error body (`ApiErrorView`), as far as the console relies on it. */
export interface ApiErrorBody {
  statusCode?: number;
  code?: string;
  message?: string;
  details?: unknown;
  requestId?: string;
}

/**
 * A failed API call: the HTTP status (0 when the server could not be reached) and the error body.
 * Views show it through describeError (error-messages.ts), never the raw body.
 */
export class ApiError extends Error {
  readonly status: number;
  readonly body: ApiErrorBody;

  constructor(status: number, body: ApiErrorBody = {}) {
    super(body.message ?? (status ? `HTTP ${status}` : 'The server could not be reached'));
    this.name = 'ApiError';
    this.status = status;
    this.body = body;
  }

  get code(): string | undefined {
    return this.body.code;
  }

  /** The error body of a response, or an empty one when it is not the API's JSON (a proxy's HTML page). */
  static fromBody(status: number, body: unknown): ApiError {
    return new ApiError(status, typeof body === 'object' && body !== null ? body : {});
  }
}
