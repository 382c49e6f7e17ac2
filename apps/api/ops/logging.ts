/**
 * Structured JSON logs (nestjs-pino). A request's line carries its id, method, route
 * pattern, status, duration and the actor's id: never bodies, never query strings (they
 * may hold ids combined with dates, but also free text), never names, never the token.
 * The Authorization header is redacted in case a serializer is ever widened.
 */
import type { Params } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import type { Options } from 'pino-http';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AuthenticatedRequest } from '../auth/authenticated-request.js';
import { routeOf } from './http-metrics.middleware.js';

const REQUEST_ID = /^[\w-]{8,64}$/;
/** The longest string a log field keeps: a line must not grow with what a caller sends (security finding 10). */
export const MAX_LOG_FIELD = 200;

/** Each string field of a log line cut to MAX_LOG_FIELD characters, nested objects too (one level). */
export function cutLogFields(fields: Record<string, unknown>): Record<string, unknown> {
  const cut = (value: unknown): unknown =>
    typeof value === 'string' && value.length > MAX_LOG_FIELD ? `${value.slice(0, MAX_LOG_FIELD)}…(${value.length})` : value;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields)) {
    // Plain objects only: a request or response is left to its serializer.
    out[key] =
      value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype
        ? Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([k, v]) => [k, cut(v)]))
        : cut(value);
  }
  return out;
}

export function loggingParams(enabled: boolean, destination?: DestinationStream): Params {
  const options: Options = {
    level: enabled ? 'info' : 'silent',
    formatters: { log: cutLogFields },
    redact: { paths: ['req.headers.authorization', 'req.headers.cookie', 'headers.authorization'], censor: '[redacted]' },
    // A caller's X-Request-Id is kept when it looks like an id, so traces join up.
    genReqId: (req: IncomingMessage, res: ServerResponse) => {
      const given = req.headers['x-request-id'];
      const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
      res.setHeader('X-Request-Id', id);
      return id;
    },
    serializers: {
      req: (req: { id: unknown; method: unknown }) => ({ id: req.id, method: req.method }),
      res: (res: { statusCode: unknown }) => ({ statusCode: res.statusCode }),
      err: (err: { type?: unknown }) => ({ type: err.type }),
    },
    // Called at the start too, when route and actor are not known yet: add them once, at the end.
    customProps: (req: IncomingMessage, res: ServerResponse) => {
      if (!res.headersSent) return {};
      const request = req as AuthenticatedRequest;
      return { route: routeOf(request), actorId: request.principal?.id };
    },
    customLogLevel: (_req, res, err) => (err || res.statusCode >= 500 ? 'error' : 'info'),
    customSuccessMessage: () => 'request completed',
    customErrorMessage: () => 'request failed',
  };
  return { pinoHttp: destination ? [options, destination] : options };
}
