/**
 * Counts and times every HTTP answer (errors and 404s included) when the response is
 * finished. The route label is Express's matched pattern, so `/cases/c-1` and
 * `/cases/c-2` share one series; unmatched paths share `unmatched`.
 */
import type { NextFunction, HttpRequest as Request, HttpResponse as Response } from '../common/http-types.js';
import type { AppMetrics } from './metrics.js';

export function httpMetricsMiddleware(metrics: AppMetrics) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const stop = process.hrtime.bigint();
    res.on('finish', () => {
      const labels = { method: req.method, route: routeOf(req), status: String(res.statusCode) };
      metrics.httpRequests.inc(labels);
      metrics.httpDuration.observe(labels, Number(process.hrtime.bigint() - stop) / 1e9);
    });
    next();
  };
}

export function routeOf(req: Request): string {
  const path = (req.route as { path?: unknown } | undefined)?.path;
  return typeof path === 'string' ? `${req.baseUrl}${path}` : 'unmatched';
}
