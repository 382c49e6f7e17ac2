/**
 * Business dates are plain 'YYYY-MM-DD' strings. Lexical order equals calendar order for
 * that format, so comparisons need no Date objects (and no time zone can shift a day).
 */
import { DomainError } from './domain-error.js';

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** True for a real calendar date in 'YYYY-MM-DD' (rejects 2026-02-30). */
export function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const m = DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const probe = new Date(Date.UTC(y, mo - 1, d));
  return probe.getUTCFullYear() === y && probe.getUTCMonth() === mo - 1 && probe.getUTCDate() === d;
}

/** True for an ISO 8601 instant with an explicit offset (e.g. '2026-03-02T08:15:00Z'). */
export function isIsoInstant(value: unknown): value is string {
  return typeof value === 'string' && INSTANT.test(value) && !Number.isNaN(Date.parse(value)) && isIsoDate(value.slice(0, 10));
}

/**
 * The calendar date of a field that may be a date or an instant (`at` on contacts and
 * withdrawals may be either). Instants are read in UTC; a client that cares about the
 * Norwegian date of a late-evening event should send the date.
 */
export function businessDate(value: string): string {
  return isIsoDate(value) ? value : new Date(value).toISOString().slice(0, 10);
}

/** Throws `invalid-date` unless `value` is a 'YYYY-MM-DD' date. */
export function requireDate(value: unknown, field: string): string {
  if (!isIsoDate(value)) throw new DomainError('invalid-date', `${field} must be a date YYYY-MM-DD, got ${JSON.stringify(value)}`, field);
  return value;
}

/** Throws `invalid-date` unless `value` is a date or an ISO instant. */
export function requireDateOrInstant(value: unknown, field: string): string {
  if (!isIsoDate(value) && !isIsoInstant(value)) {
    throw new DomainError('invalid-date', `${field} must be a date YYYY-MM-DD or an ISO 8601 instant, got ${JSON.stringify(value)}`, field);
  }
  return value;
}

/**
 * Records are written after the fact, so past dates are normal; a date after `today` is a
 * typing error, refused so it cannot skew statistics counted by business date.
 */
export function requireNotFuture(value: string, today: string, field: string): void {
  if (businessDate(value) > today) {
    throw new DomainError('date-in-future', `${field} ${value} lies after today (${today})`, field);
  }
}

/** Whole years from `birthDate` to `on` (both YYYY-MM-DD): the age on that day. */
export function ageOn(birthDate: string, on: string): number {
  const years = Number(on.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return on.slice(5) >= birthDate.slice(5) ? years : years - 1;
}

/**
 * The business date of a record made now: the given date (validated, not after today), or
 * today when none is given (api.md: "openedOn (default today)").
 */
export function dateOrToday(value: string | undefined, today: string, field: string): string {
  if (value === undefined) return today;
  requireNotFuture(requireDate(value, field), today, field);
  return value;
}
