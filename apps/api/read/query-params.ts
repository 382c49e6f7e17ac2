import { badRequest } from '../common/error-body.js';
import { ID_PATTERN, isIsoDate } from '../common/dto-rules.js';

/** An optional `YYYY-MM-DD` query parameter; a 400 naming it when malformed. */
export function dateParam(value: unknown, field: string): string | undefined {
  if (value === undefined || value === '') return undefined;
  if (isIsoDate(value)) return value;
  throw badRequest(`Invalid ${field}`, [{ field, messages: [`${field} must be a date YYYY-MM-DD`] }]);
}

export function oneOfParam<T extends string>(value: unknown, field: string, allowed: readonly T[]): T | undefined {
  if (value === undefined || value === '') return undefined;
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
  throw badRequest(`Invalid ${field}`, [{ field, messages: [`${field} must be one of ${allowed.join(', ')}`] }]);
}

/** `days` calendar days before `date` (UTC day arithmetic; dates are business dates). */
export function daysBefore(date: string, days: number): string {
  const t = Date.parse(`${date}T00:00:00Z`) - days * 86_400_000;
  return new Date(t).toISOString().slice(0, 10);
}

/** The longest search text or filter a list takes: a name, not a document (a 10,000-character `q` is a 400). */
export const MAX_QUERY = 100;

/** A text filter (`q`, `group`): a string of at most MAX_QUERY characters, or absent. */
export function textQuery(value: unknown, field: string): string | undefined {
  if (value === undefined || value === '') return undefined;
  if (typeof value !== 'string' || value.length > MAX_QUERY) {
    throw badRequest(`Invalid ${field}`, [{ field, messages: [`${field} must be text of at most ${MAX_QUERY} characters`] }]);
  }
  return value;
}

/** An id filter: absent (400 when `required`), or an id of letters, digits, - _ . */
export function idQuery(value: unknown, field: string, required = false): string | undefined {
  if (value === undefined || value === '') {
    if (required) throw badRequest(`Missing ${field}`, [{ field, messages: [`${field} is required`] }]);
    return undefined;
  }
  if (typeof value === 'string' && ID_PATTERN.test(value)) return value;
  throw badRequest(`Invalid ${field}`, [{ field, messages: [`${field} must be an id of letters, digits, - _ .`] }]);
}
