import { ParseUUIDPipe } from '@nestjs/common';
import { DomainError } from './domain-error.js';
import { ErrorCode } from './error-codes.js';

/** `@Param('id', uuidParam)`: a malformed id is a 400 VALIDATION_FAILED, not a database error. */
export const uuidParam = new ParseUUIDPipe({ exceptionFactory: () => new DomainError(ErrorCode.VALIDATION_FAILED, 'id must be a UUID') });
