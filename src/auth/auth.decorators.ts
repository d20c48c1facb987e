import { applyDecorators, createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiSecurity } from '@nestjs/swagger';
import { DomainError } from '../common/domain-error.js';
import { ApiErrorResponses } from '../common/api-error-responses.js';
import { ErrorCode } from '../common/error-codes.js';
import type { AuthContext, AuthenticatedRequest } from './auth-context.js';
import type { Scope } from './scopes.js';

export const PUBLIC_ROUTE = 'hirematch:public';
export const REQUIRED_SCOPES = 'hirematch:scopes';
/** Swagger security scheme names (app.setup.ts declares them). */
export const BEARER_SCHEME = 'bearer';
export const API_KEY_SCHEME = 'api-key';

/** Open to everyone, no key: health probes, metrics, docs. */
export const Public = () => SetMetadata(PUBLIC_ROUTE, true);

/** The scopes a key needs for this route (all of them); Swagger shows the route as secured. */
export const RequireScopes = (...scopes: [Scope, ...Scope[]]) =>
  applyDecorators(
    SetMetadata(REQUIRED_SCOPES, scopes),
    ApiBearerAuth(BEARER_SCHEME),
    ApiSecurity(API_KEY_SCHEME),
    // 401 UNAUTHENTICATED: no key, an unknown or a revoked key; 403 FORBIDDEN: the key lacks a scope.
    ApiErrorResponses(ErrorCode.UNAUTHENTICATED, ErrorCode.FORBIDDEN),
  );

function authOf(context: ExecutionContext): AuthContext {
  const auth = context.switchToHttp().getRequest<AuthenticatedRequest>().auth;
  // Only reachable on a route marked @Public that asks for the caller: a programming error, not a 500 leak.
  if (!auth) throw new DomainError(ErrorCode.UNAUTHENTICATED, 'This route needs an API key');
  return auth;
}

/** The caller's key, organisation and scopes (set by ApiKeyGuard). */
export const CurrentAuth = createParamDecorator((_: unknown, context: ExecutionContext): AuthContext => authOf(context));

/** The organisation every query of the request is scoped to: the API key's. */
export const CurrentOrganization = createParamDecorator((_: unknown, context: ExecutionContext): string => authOf(context).organizationId);
