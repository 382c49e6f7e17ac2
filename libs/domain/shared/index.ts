export { DomainError, NotFoundError, httpStatusOf, isDomainError } from './domain-error.js';
export { NOT_FOUND_CODES, RULE_CODES } from './error-codes.js';
export type { NotFoundCode, RuleCode, DomainErrorCode } from './error-codes.js';
export { isIsoDate, isIsoInstant, businessDate, requireDate, requireDateOrInstant, requireNotFuture, dateOrToday } from './dates.js';
export { requireText, requireOneOf, requirePositiveInteger, requireNonEmptyList, requireString } from './require.js';
export { fold } from './decider.js';
export type { Decider, Command } from './decider.js';
