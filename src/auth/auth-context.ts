import type { Request } from 'express';
import type { Scope } from './scopes.js';

/**
 * Who is calling: set on `request.auth` by the API key guard for every authenticated request.
 * Logs, metrics and rate limits read it; keep this shape.
 */
export interface AuthContext {
  organizationId: string;
  keyId: string;
  scopes: Scope[];
  /** The organisation's own limit per key, when it has one (else the service default applies). */
  rateLimitPerMinute?: number;
}

export type AuthenticatedRequest = Request & { auth?: AuthContext };
