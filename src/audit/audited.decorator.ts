import { SetMetadata } from '@nestjs/common';
import type { AuthenticatedRequest } from '../auth/auth-context.js';

export const AUDITED = 'hirematch:audited';

export interface AuditSpec {
  /** The action, or how to tell it from the request (a read that includes the text is an export). */
  action: string | ((request: AuthenticatedRequest) => string);
  resourceType?: string;
  /** Resource id: the route's `:id` when present, else the response's `id`, else this picks it. */
  resourceId?: (request: AuthenticatedRequest, result: unknown) => string | null | undefined;
  /** Counts only: never personal data. */
  details?: (request: AuthenticatedRequest, result: unknown) => Record<string, number | string | boolean>;
  /**
   * The route changes nothing (a search): its entry is still written before the response leaves,
   * but committed without waiting for the disk (AuditEntry.readOnly).
   */
  readOnly?: boolean;
}

/** Records a successful call of this route in the audit log (who, what, which resource, when, from where). */
export const Audited = (spec: AuditSpec) => SetMetadata(AUDITED, spec);
