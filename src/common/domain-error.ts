import { ErrorCode } from './error-codes.js';

/**
 * An error the API answers with its code: domain code throws it, and the one exception filter
 * (api-exception.filter.ts) maps it to the error shape and the code's HTTP status. Plain
 * TypeScript, so scoring functions and the extraction worker thread throw it without loading Nest.
 */
export class DomainError extends Error {
  /** Sent as the `Retry-After` header (seconds) when set: the client may try again then. */
  retryAfterSeconds?: number;

  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = new.target.name;
  }

  static retryLater(code: ErrorCode, message: string, retryAfterSeconds: number, details?: unknown): DomainError {
    const error = new DomainError(code, message, details);
    error.retryAfterSeconds = retryAfterSeconds;
    return error;
  }

  static notFound(what: string, id: string): DomainError {
    return new DomainError(ErrorCode.NOT_FOUND, `${what} ${id} not found`);
  }
}
