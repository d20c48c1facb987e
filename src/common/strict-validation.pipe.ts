import { ArgumentMetadata, ValidationPipe } from '@nestjs/common';
import { DomainError } from './domain-error.js';
import { ErrorCode } from './error-codes.js';
import { findNulCharacter, isValidatedClass, unknownProperties } from './request-shape.js';

/**
 * The global ValidationPipe, with two checks on the RAW body or query before class-transformer sees
 * it: unknown keys (class-transformer walks and de-duplicates every raw key in O(n^2) before
 * `forbidNonWhitelisted` could reject them) and NUL characters, which PostgreSQL text cannot store.
 * Messages name the schema's keys only, never what the client sent.
 */
export class StrictValidationPipe extends ValidationPipe {
  override async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    if ((metadata.type === 'body' || metadata.type === 'query') && isValidatedClass(metadata.metatype)) {
      const where = metadata.type === 'body' ? 'the body' : 'the query';
      const unknown = unknownProperties(value, metadata.metatype);
      if (unknown) {
        const at = unknown.path ? `${where} (in ${unknown.path})` : where;
        throw new DomainError(ErrorCode.VALIDATION_FAILED, `Unknown property in ${at}; allowed: ${unknown.allowed.join(', ')}`);
      }
      const nul = findNulCharacter(value);
      if (nul) throw new DomainError(ErrorCode.INVALID_CHARACTERS, `${nul} must not contain NUL (\\u0000) characters`);
    }
    return super.transform(value, metadata);
  }
}
