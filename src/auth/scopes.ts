/** What an API key may do. A route names the scopes it needs with @RequireScopes. */
export const SCOPES = ['resumes:read', 'resumes:write', 'jobs:read', 'jobs:write', 'matching', 'admin', 'webhooks:manage'] as const;

export type Scope = (typeof SCOPES)[number];

export function isScope(value: string): value is Scope {
  return (SCOPES as readonly string[]).includes(value);
}

/** The scopes of `required` that `granted` lacks (empty: allowed). */
export function missingScopes(granted: readonly string[], required: readonly Scope[]): Scope[] {
  return required.filter((scope) => !granted.includes(scope));
}
