/** Small guards for the rules every decider shares; each throws a coded `DomainError`. */
import type { RuleCode } from './error-codes.js';
import { DomainError } from './domain-error.js';

export function requireText(value: unknown, field: string): string {
  if (typeof value !== 'string' || value.trim() === '') {
    throw new DomainError('invalid-field', `${field} must be a non-empty text`, field);
  }
  return value;
}

export function requireOneOf<T extends string>(value: unknown, allowed: readonly T[], field: string, code: RuleCode = 'invalid-field'): T {
  if (typeof value !== 'string' || !(allowed as readonly string[]).includes(value)) {
    throw new DomainError(code, `${field} must be one of ${allowed.join(', ')}, got ${JSON.stringify(value)}`, field);
  }
  return value as T;
}

export function requirePositiveInteger(value: unknown, field: string, code: RuleCode): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
    throw new DomainError(code, `${field} must be a whole number of at least 1, got ${JSON.stringify(value)}`, field);
  }
  return value;
}

export function requireNonEmptyList<T>(value: unknown, field: string): T[] {
  if (!Array.isArray(value) || value.length === 0) {
    throw new DomainError('invalid-field', `${field} must list at least one entry`, field);
  }
  return value as T[];
}

/** A text that may be empty (a note nobody filled in is still a note). */
export function requireString(value: unknown, field: string): string {
  if (typeof value !== 'string') throw new DomainError('invalid-field', `${field} must be a text`, field);
  return value;
}
