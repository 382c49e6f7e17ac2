/**
 * The parts of Express's request and response this code uses. @types/express is not a
 * dependency (and package.json is not ours to change), so these are declared here over
 * node's own types.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

export type HttpRequest = IncomingMessage & {
  method: string;
  originalUrl: string;
  baseUrl: string;
  params: Record<string, string>;
  query: Record<string, unknown>;
  body: unknown;
  ip?: string;
  /** The path without the query (Express). */
  path?: string;
  route?: { path?: unknown };
  /** Set by pino-http. */
  id?: unknown;
};

export type HttpResponse = ServerResponse & {
  status(code: number): HttpResponse;
  json(body: unknown): HttpResponse;
};

export type NextFunction = (error?: unknown) => void;
