/**
 * Refusals of the domain. Deciders throw these instead of returning a result type so a
 * command handler has one path for "no": catch `DomainError`, map it to HTTP, append nothing.
 *
 * The HTTP edge maps `NotFoundError` (an unknown stream, or an unknown id inside a stream
 * named by the URL such as `:absenceId`) to 404 and every other `DomainError` to 422.
 * `httpStatusOf` says the same thing in code so the mapping lives in one place.
 */
export class DomainError extends Error {
  override readonly name: string = 'DomainError';
  /** Lets the HTTP edge recognise refusals without importing this class (see http-error.filter.ts). */
  readonly isDomainError = true;
  constructor(
    /** Stable, kebab-case machine code, e.g. `not-a-school-day`. Clients may switch on it. */
    readonly code: string,
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
}

/** 404 for `NotFoundError`, 422 for any other `DomainError`. */
export function httpStatusOf(error: DomainError): 404 | 422 {
  return error instanceof NotFoundError ? 404 : 422;
}

export function isDomainError(value: unknown): value is DomainError {
  return value instanceof DomainError;
}
