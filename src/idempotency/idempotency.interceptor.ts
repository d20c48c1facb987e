import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Response } from 'express';
import { createHash } from 'node:crypto';
import { catchError, from, mergeMap, Observable, of, throwError } from 'rxjs';
import type { AuthenticatedRequest } from '../auth/auth-context.js';
import { DomainError } from '../common/domain-error.js';
import { ErrorCode } from '../common/error-codes.js';
import { sha256Bytes } from '../common/sha256.js';
import { IdempotencyStore } from './idempotency.store.js';

export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key';
export const REPLAYED_HEADER = 'Idempotency-Replayed';
/** Where @UseInterceptors keeps its list (Nest's INTERCEPTORS_METADATA). */
const INTERCEPTORS_METADATA = '__interceptors__';
const VALID_KEY = /^[\x20-\x7E]{1,255}$/;
/** Set on a request once an interceptor instance has taken (or deferred) its Idempotency-Key. */
const SEEN = Symbol('idempotency');

interface MulterFile {
  fieldname: string;
  originalname?: string;
  size?: number;
  buffer?: Buffer;
}
type IdempotentRequest = AuthenticatedRequest & {
  [SEEN]?: 'deferred' | 'handled';
  file?: MulterFile;
  files?: MulterFile[] | Record<string, MulterFile[]>;
};

/**
 * `Idempotency-Key` on POST routes (as Stripe does): the first 2xx answer (status and JSON body) for
 * (organisation, key) is stored for 24 h and replayed to a repeat with `Idempotency-Replayed: true`.
 * The same key with another request (method, path, body; for multipart: the fields and each file's
 * bytes) is 422 IDEMPOTENCY_KEY_REUSED; a repeat while the first runs is 409
 * IDEMPOTENCY_KEY_IN_PROGRESS. Errors are not stored: the key is released and a fixed request may
 * use it again.
 *
 * Registered globally, it runs before a route's own interceptors, so before multer has read a
 * multipart body. A route that takes files lists it AFTER its multer interceptor
 * (`@UseInterceptors(FileInterceptor('file'), IdempotencyInterceptor)`): the global instance then
 * leaves the request to that one, which sees the files.
 */
@Injectable()
export class IdempotencyInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly store: IdempotencyStore,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const request = context.switchToHttp().getRequest<IdempotentRequest>();
    const header = request.headers[IDEMPOTENCY_KEY_HEADER];
    const organizationId = request.auth?.organizationId;
    if (request.method !== 'POST' || header === undefined || !organizationId || request[SEEN] === 'handled') return next.handle();
    if (request[SEEN] === undefined && this.routeListsItself(context)) {
      request[SEEN] = 'deferred';
      return next.handle();
    }
    request[SEEN] = 'handled';
    const key = Array.isArray(header) ? header.join(', ') : header;
    if (!VALID_KEY.test(key)) {
      throw new DomainError(ErrorCode.IDEMPOTENCY_KEY_INVALID, 'Idempotency-Key must be 1 to 255 printable ASCII characters');
    }
    const response = context.switchToHttp().getResponse<Response>();
    return from(this.store.claim(organizationId, key, fingerprint(request))).pipe(
      mergeMap((claim) => {
        switch (claim.kind) {
          case 'reused':
            throw new DomainError(
              ErrorCode.IDEMPOTENCY_KEY_REUSED,
              'This Idempotency-Key was used for a different request in the last 24 h',
            );
          case 'in-progress':
            throw DomainError.retryLater(
              ErrorCode.IDEMPOTENCY_KEY_IN_PROGRESS,
              'The first request with this Idempotency-Key is still running; retry shortly',
              1,
            );
          case 'replay':
            response.status(claim.statusCode);
            response.setHeader(REPLAYED_HEADER, 'true');
            return of(claim.body ?? undefined);
          case 'claimed':
            return next.handle().pipe(
              mergeMap(async (body: unknown) => {
                const status = response.statusCode;
                if (status >= 200 && status < 300) await this.store.complete(organizationId, key, status, toJson(body));
                else await this.store.release(organizationId, key);
                return body;
              }),
              catchError((error: unknown) => from(this.store.release(organizationId, key)).pipe(mergeMap(() => throwError(() => error)))),
            );
        }
      }),
    );
  }

  /** Whether the route lists this interceptor itself (after its multer interceptor). */
  private routeListsItself(context: ExecutionContext): boolean {
    const listed = [
      ...(this.reflector.get<unknown[] | undefined>(INTERCEPTORS_METADATA, context.getClass()) ?? []),
      ...(this.reflector.get<unknown[] | undefined>(INTERCEPTORS_METADATA, context.getHandler()) ?? []),
    ];
    return listed.includes(IdempotencyInterceptor);
  }
}

/** sha256 of what makes two requests the same: method, path with query, body (keys sorted) and files' bytes. */
function fingerprint(request: IdempotentRequest): string {
  const files = [
    ...(request.file ? [request.file] : []),
    ...(Array.isArray(request.files) ? request.files : Object.values(request.files ?? {}).flat()),
  ].map((file) => [file.fieldname, file.originalname ?? null, file.buffer ? sha256Bytes(file.buffer) : (file.size ?? null)]);
  const canonical = JSON.stringify([request.method, request.originalUrl, sorted(request.body ?? null), files]);
  return createHash('sha256').update(canonical).digest('hex');
}

function sorted(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sorted);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, sorted((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}

/** The answer as it is sent (dates as strings), to store and replay. */
function toJson(body: unknown): unknown {
  return body === undefined ? null : (JSON.parse(JSON.stringify(body)) as unknown);
}
