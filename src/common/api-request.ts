import type { Request } from 'express';
import type { AuthContext } from '../auth/auth-context.js';

/** An Express request as the app sees it: `auth` set by the API-key guard (`id`, the request id, by pino-http). */
export interface ApiRequest extends Request {
  auth?: AuthContext;
}

/** The request id the request logger assigned (X-Request-Id), if it ran. */
export function requestIdOf(req: Request): string | undefined {
  return typeof req.id === 'string' ? req.id : undefined;
}

/** The matched route pattern (`/api/v1/resumes/:id`), never the raw path with its ids; null when no route matched. */
export function routePattern(req: Request): string | null {
  const path: unknown = (req as { route?: { path?: unknown } }).route?.path;
  // Middleware mounted for every path (`{/*splat}`) sets req.route too: that is no route of the API.
  if (typeof path !== 'string' || path.includes('*')) return null;
  return `${req.baseUrl ?? ''}${path}`;
}
