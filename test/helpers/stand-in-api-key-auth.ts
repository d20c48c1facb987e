import { CanActivate, ExecutionContext, Injectable, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import type { ApiRequest, RequestAuth } from '../../src/common/api-request.js';

/** The header a test sends to act as an API key: the `request.auth` the key would give, as JSON. */
export const TEST_AUTH_HEADER = 'x-test-auth';

export function testAuth(auth: Partial<RequestAuth> & Pick<RequestAuth, 'keyId'>): Record<string, string> {
  return { [TEST_AUTH_HEADER]: JSON.stringify({ organizationId: 'org-test', scopes: [], ...auth }) };
}

/**
 * Stands in for the API-key guard (built in parallel, issue 12) where a spec needs `request.auth`:
 * a global guard, registered before the app's own, that attaches what the test header says.
 */
@Injectable()
class StandInApiKeyGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const req = context.switchToHttp().getRequest<ApiRequest>();
    const raw = req.headers[TEST_AUTH_HEADER];
    if (typeof raw === 'string') req.auth = JSON.parse(raw) as RequestAuth;
    return true;
  }
}

@Module({ providers: [{ provide: APP_GUARD, useClass: StandInApiKeyGuard }] })
export class StandInApiKeyAuthModule {}
