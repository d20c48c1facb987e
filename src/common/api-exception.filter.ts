import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { ApiError, ApiErrorBody } from './api-error.js';
import { ErrorCode } from './error-codes.js';

const STATUS_CODES: Partial<Record<number, ErrorCode>> = {
  [HttpStatus.BAD_REQUEST]: ErrorCode.VALIDATION_FAILED,
  [HttpStatus.NOT_FOUND]: ErrorCode.NOT_FOUND,
  [HttpStatus.PAYLOAD_TOO_LARGE]: ErrorCode.PAYLOAD_TOO_LARGE,
  [HttpStatus.UNSUPPORTED_MEDIA_TYPE]: ErrorCode.UNSUPPORTED_MEDIA_TYPE,
};

/** Maps every thrown error to the one `{statusCode, code, message}` shape. */
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
    const body = this.toBody(exception);
    if (exception instanceof ApiError && exception.retryAfterSeconds !== undefined) {
      response.setHeader('Retry-After', String(exception.retryAfterSeconds));
    }
    if (body.statusCode >= 500) this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    response.status(body.statusCode).json(body);
  }

  private toBody(exception: unknown): ApiErrorBody {
    if (!(exception instanceof HttpException)) {
      return { statusCode: 500, code: ErrorCode.INTERNAL_ERROR, message: 'Internal server error' };
    }
    const statusCode = exception.getStatus();
    const raw = exception.getResponse();
    if (typeof raw === 'object' && raw !== null && 'code' in raw) return raw as ApiErrorBody;
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

function isHealthReport(body: unknown): boolean {
  return typeof body === 'object' && body !== null && 'status' in body && 'details' in body;
}
