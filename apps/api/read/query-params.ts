import { badRequest } from '../common/error-body.js';
import { isIsoDate } from '../common/dto-rules.js';

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
