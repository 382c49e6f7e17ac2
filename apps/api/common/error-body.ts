/**
 * The contract's error shape (api.md, "Errors"): `{ statusCode, error, message, details? }`.
 *
 * `details` by status:
 * - 400 from validation: `[{ field, messages }]`, one entry per bad field, nested fields as
 *   dotted paths (`participants.0.role`); headers are named as fields too (`If-Match`).
 * - 404 / 422 from the domain: `{ code }`, the domain error's machine-readable code
 *   (e.g. `consent-required`), so clients need not parse `message`.
 * - 409 from optimistic concurrency: `{ code: 'wrong-expected-revision', expected, actual }`.
 * - 500: `{ errorId }`, the id under which the error was logged.
 */
import { HttpException } from '@nestjs/common';
import { STATUS_CODES } from 'node:http';

export interface FieldError {
  field: string;
  messages: string[];
}

export interface ErrorBody {
  statusCode: number;
  error: string;
  message: string;
  details?: unknown;
}

export function errorBody(statusCode: number, message: string, details?: unknown): ErrorBody {
  const body: ErrorBody = { statusCode, error: STATUS_CODES[statusCode] ?? 'Error', message };
  if (details !== undefined) body.details = details;
  return body;
}

/** An HttpException whose response already has the contract's shape. */
export function httpError(statusCode: number, message: string, details?: unknown): HttpException {
  return new HttpException(errorBody(statusCode, message, details), statusCode);
}

/** 400 naming the offending fields. */
export function badRequest(message: string, fields: FieldError[]): HttpException {
  return httpError(400, message, fields);
}
