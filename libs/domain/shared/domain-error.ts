/**
 * Refusals of the domain. Deciders throw these instead of returning a result type so a
 * command handler has one path for "no": catch `DomainError`, map it to HTTP, append nothing.
 *
 * Every code is in error-codes.ts, and `httpStatusOf` is the one mapping to HTTP (the edge's
 * filter uses it): a not-found code (an unknown stream, or an unknown id inside a stream named by
 * the URL such as `:absenceId`) answers 404, every other code 422.
 */
import { isNotFoundCode, type DomainErrorCode, type NotFoundCode } from './error-codes.js';

export class DomainError extends Error {
  override readonly name: string = 'DomainError';
  /** Lets the HTTP edge recognise refusals without importing this class (see http-error.filter.ts). */
  readonly isDomainError = true;
  constructor(
    /** Stable, kebab-case machine code, e.g. `not-a-school-day`. Clients may switch on it. */
    readonly code: DomainErrorCode,
    message: string,
    /** The input field the refusal is about, when there is one (for the error `details`). */
    readonly field?: string,
    /** Extra facts for the error body, e.g. `{ reason: 'weekend' }`. */
    readonly details?: Readonly<Record<string, unknown>>,
  ) {
    super(message);
  }
}

/** The thing a command addresses does not exist (unknown stream, or an unknown id in it). */
export class NotFoundError extends DomainError {
  override readonly name: string = 'NotFoundError';
  constructor(code: NotFoundCode, message: string, field?: string, details?: Readonly<Record<string, unknown>>) {
    super(code, message, field, details);
  }
}

/** 404 for a not-found code, 422 for any other: the one mapping of a domain refusal to HTTP. */
export function httpStatusOf(error: Pick<DomainError, 'code'>): 404 | 422 {
  return isNotFoundCode(error.code) ? 404 : 422;
}

export function isDomainError(value: unknown): value is DomainError {
  return value instanceof DomainError;
}
