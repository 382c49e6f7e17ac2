/**
 * Request bodies are JSON only. A body of another type would otherwise reach handlers
 * as `undefined` and fail validation with a misleading "field missing"; 415 says what is
 * wrong. Bodiless requests pass whatever their Content-Type.
 */
import type { NextFunction, HttpRequest as Request, HttpResponse as Response } from './http-types.js';
import { httpError } from './error-body.js';

export function jsonOnly(req: Request, _res: Response, next: NextFunction): void {
  const hasBody =
    (req.headers['content-length'] !== undefined && req.headers['content-length'] !== '0') ||
    req.headers['transfer-encoding'] !== undefined;
  const type = (req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  if (hasBody && type !== 'application/json' && !/^application\/[\w.+-]+\+json$/.test(type)) {
    next(httpError(415, 'Request bodies must be JSON (Content-Type: application/json)'));
    return;
  }
  next();
}
