import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { mergeMap, Observable } from 'rxjs';
import type { AuthenticatedRequest } from '../auth/auth-context.js';
import { AUDITED, AuditSpec } from './audited.decorator.js';
import { AuditService } from './audit.service.js';

/**
 * Writes the audit entry of an @Audited route after it succeeded and before the response leaves:
 * an action the log cannot record is not reported as done.
 */
@Injectable()
export class AuditInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly audit: AuditService,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const spec = context.getType() === 'http' ? this.reflector.get<AuditSpec | undefined>(AUDITED, context.getHandler()) : undefined;
    if (!spec) return next.handle();
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    return next.handle().pipe(
      mergeMap(async (result: unknown) => {
        const auth = request.auth;
        if (!auth) return result;
        const params = request.params as Record<string, string | undefined>;
        const resultId = (result as { id?: unknown } | null | undefined)?.id;
        await this.audit.record({
          organizationId: auth.organizationId,
          keyId: auth.keyId,
          action: typeof spec.action === 'function' ? spec.action(request) : spec.action,
          resourceType: spec.resourceType ?? null,
          resourceId: spec.resourceId
            ? (spec.resourceId(request, result) ?? null)
            : (params.id ?? (typeof resultId === 'string' ? resultId : null)),
          ip: request.ip ?? null,
          details: spec.details?.(request, result) ?? null,
          readOnly: spec.readOnly ?? false,
        });
        return result;
      }),
    );
  }
}
