import type { NextFunction, Request, Response } from 'express';
import { routePattern } from '../common/api-request.js';
import type { AppMetrics } from './app-metrics.js';

/**
 * Express middleware observing every request's duration by route PATTERN (bounded label values:
 * `/api/v1/resumes/:id`, never one series per id), `unmatched` when no route answered.
 */
export function httpMetricsMiddleware(metrics: AppMetrics) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const stop = metrics.httpRequestDuration.startTimer();
    let observed = false;
    const observe = () => {
      if (observed) return;
      observed = true;
      stop({ method: req.method, route: routePattern(req) ?? 'unmatched', status_code: String(res.statusCode) });
    };
    res.once('finish', observe);
    res.once('close', observe);
    next();
  };
}
