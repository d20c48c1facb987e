import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { ApiErrorBody } from './api-error.js';
import { requestIdOf } from './api-request.js';
import { categorizeError } from './dependency-errors.js';
import { DomainError } from './domain-error.js';
import { DEFAULT_STATUS, ErrorCode } from './error-codes.js';

/** Seconds a client is asked to wait before retrying a 503 (the outages seen recover in seconds). */
export const RETRY_AFTER_SECONDS = 5;

const STATUS_CODES: Partial<Record<number, ErrorCode>> = {
  [HttpStatus.BAD_REQUEST]: ErrorCode.VALIDATION_FAILED,
  [HttpStatus.NOT_FOUND]: ErrorCode.NOT_FOUND,
  [HttpStatus.PAYLOAD_TOO_LARGE]: ErrorCode.PAYLOAD_TOO_LARGE,
  [HttpStatus.UNSUPPORTED_MEDIA_TYPE]: ErrorCode.UNSUPPORTED_MEDIA_TYPE,
};

/**
 * Maps every thrown error to the one `{statusCode, code, message}` shape: domain errors by their code,
 * Nest's own HTTP exceptions (routing, multer, body parser) by their status.
 */
@Catch()
export class ApiExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger(ApiExceptionFilter.name);

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<Response>();
    // Terminus answers 503 with its own report (status/info/error/details): probes read that shape.
    if (exception instanceof HttpException && isHealthReport(exception.getResponse())) {
      response.status(exception.getStatus()).json(exception.getResponse());
      return;
    }
    const body = { ...this.toBody(exception), requestId: requestIdOf(host.switchToHttp().getRequest()) };
    if (exception instanceof DomainError && exception.retryAfterSeconds !== undefined) {
      response.setHeader('Retry-After', String(exception.retryAfterSeconds));
    }
    if (body.statusCode === 503) {
      if (!response.getHeader('Retry-After')) response.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
      // The cause is logged without the error's message: driver messages can quote request values.
      if (!(exception instanceof HttpException)) this.logger.warn(`${body.code}: ${describeError(exception)}`);
    } else if (body.statusCode >= 500) {
      // The request log line (pino-http) reports a 5xx at error level with this error and its stack; a 4xx has neither.
      response.err = exception instanceof Error ? exception : new Error(String(exception));
    }
    response.status(body.statusCode).json(body);
  }

  private toBody(exception: unknown): ApiErrorBody {
    if (exception instanceof DomainError) {
      const { code, message, details } = exception;
      return { statusCode: DEFAULT_STATUS[code], code, message, ...(details === undefined ? {} : { details }) };
    }
    if (!(exception instanceof HttpException)) {
      switch (categorizeError(exception)) {
        case 'database-unavailable':
          return { statusCode: 503, code: ErrorCode.DATABASE_UNAVAILABLE, message: 'The database is unavailable; retry later' };
        case 'cache-unavailable':
          return { statusCode: 503, code: ErrorCode.CACHE_UNAVAILABLE, message: 'The cache is unavailable; retry later' };
        case 'invalid-value':
          // A value the validators let through but PostgreSQL refuses (a safety net, not the first check).
          return { statusCode: 400, code: ErrorCode.VALIDATION_FAILED, message: 'A value in the request cannot be stored or compared' };
        default:
          return { statusCode: 500, code: ErrorCode.INTERNAL_ERROR, message: 'Internal server error' };
      }
    }
    const statusCode = exception.getStatus();
    const raw = exception.getResponse();
    const message = typeof raw === 'string' ? raw : (raw as { message?: unknown }).message;
    let code = STATUS_CODES[statusCode] ?? (statusCode >= 500 ? ErrorCode.INTERNAL_ERROR : ErrorCode.VALIDATION_FAILED);
    // Multer reports an oversized upload as a 413 "File too large"; an oversized JSON body is a 413 too.
    if (code === ErrorCode.PAYLOAD_TOO_LARGE && message === 'File too large') code = ErrorCode.FILE_TOO_LARGE;
    return {
      statusCode,
      code,
      message: Array.isArray(message) ? message.join('; ') : typeof message === 'string' ? message : exception.message,
      ...(Array.isArray(message) ? { details: message } : {}),
    };
  }
}

/** Error class and code, never the message (it may quote what the client sent). */
function describeError(error: unknown): string {
  if (typeof error !== 'object' || error === null) return typeof error;
  const { name, code } = error as { name?: unknown; code?: unknown };
  return [name, code].filter((part) => typeof part === 'string').join(' ') || 'error';
}

function isHealthReport(body: unknown): boolean {
  return typeof body === 'object' && body !== null && 'status' in body && 'details' in body;
}
