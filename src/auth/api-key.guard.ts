import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DomainError } from '../common/domain-error.js';
import { ErrorCode } from '../common/error-codes.js';
import { presentedApiKey } from './api-key-format.js';
import { ApiKeysService } from './api-keys.service.js';
import type { AuthenticatedRequest } from './auth-context.js';
import { PUBLIC_ROUTE, REQUIRED_SCOPES } from './auth.decorators.js';
import { missingScopes, Scope } from './scopes.js';

/** A route that forgot @RequireScopes is an admin route: closed by default, never open. */
const UNDECLARED_ROUTE_SCOPES: Scope[] = ['admin'];

/**
 * Global guard: every route needs a valid, unrevoked API key (`Authorization: Bearer` or
 * `X-API-Key`) with the scopes the route declares, unless it is @Public. Attaches `request.auth`.
 * 401 UNAUTHENTICATED for no/bad/revoked key, 403 FORBIDDEN for a missing scope.
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly keys: ApiKeysService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, targets)) return true;
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const presented = presentedApiKey(request.headers);
    if (!presented) {
      throw new DomainError(ErrorCode.UNAUTHENTICATED, 'An API key is required: send "Authorization: Bearer <key>" or "X-API-Key: <key>"');
    }
    const auth = await this.keys.authenticate(presented);
    if (!auth) throw new DomainError(ErrorCode.UNAUTHENTICATED, 'The API key is unknown or revoked');
    request.auth = auth;
    const required = this.reflector.getAllAndOverride<Scope[]>(REQUIRED_SCOPES, targets) ?? UNDECLARED_ROUTE_SCOPES;
    const missing = missingScopes(auth.scopes, required);
    if (missing.length) {
      throw new DomainError(ErrorCode.FORBIDDEN, `The API key lacks scope ${missing.join(', ')}`, { missingScopes: missing });
    }
    return true;
  }
}
