/**
 * Every code a decider in this library can throw, so the edge and clients have one list.
 * `NotFoundError` codes answer 404; the rest answer 422.
 */
export const NOT_FOUND_CODES = [
  'school-not-found',
  'student-not-found',
  'case-not-found',
  'absence-not-found',
  'measure-not-found',
  'consent-not-found',
  'override-not-found',
  'task-not-found',
] as const;

export const RULE_CODES = [
  // input that passed the DTO but still breaks a domain rule
  'invalid-date',
  'invalid-field',
  'invalid-school-year',
  'invalid-level',
  'invalid-grade',
  'invalid-kind',
  'invalid-lessons',
  'invalid-minutes',
  'invalid-phase',
  'invalid-evaluate-by',
  'date-in-future',
  // school stream
  'school-already-registered',
  'unknown-routine',
  'group-required',
  'school-level-mismatch',
  // student stream
  'student-already-enrolled',
  'not-a-school-day',
  'absence-already-registered',
  'duplicate-day-absence',
  'absence-retracted',
  'nothing-to-correct',
  'already-documented',
  'override-already-withdrawn',
  'override-expired',
  'invalid-until',
  'contact-already-recorded',
  'task-not-open',
  'task-fulfilled-by-record',
  // case stream
  'case-already-opened',
  'case-closed',
  'case-not-closed',
  'measure-already-exists',
  'evaluation-before-measure-start',
  'consent-already-exists',
  'consent-already-withdrawn',
  'withdrawal-before-consent',
  'consent-required',
  'student-consent-needs-age',
  'phase-unchanged',
  'duplicate-id',
  // privacy (api.md, Privacy of a child's data)
  'already-erased',
  'student-erased',
  'archived',
  'case-blocked',
  'already-blocked',
] as const;

export type NotFoundCode = (typeof NOT_FOUND_CODES)[number];
export type RuleCode = (typeof RULE_CODES)[number];
export type DomainErrorCode = NotFoundCode | RuleCode;

export function isNotFoundCode(code: string): code is NotFoundCode {
  return (NOT_FOUND_CODES as readonly string[]).includes(code);
}

export function isDomainErrorCode(code: unknown): code is DomainErrorCode {
  return typeof code === 'string' && (isNotFoundCode(code) || (RULE_CODES as readonly string[]).includes(code));
}
