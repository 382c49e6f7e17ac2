import { describe, expect, it } from '@jest/globals';
import { DomainError, NotFoundError, httpStatusOf, isDomainError } from './domain-error.js';
import { NOT_FOUND_CODES, RULE_CODES } from './error-codes.js';

describe('DomainError', () => {
  it('carries code, message, field and details', () => {
    const e = new DomainError('not-a-school-day', '2026-11-21 is not a school day', 'date', { reason: 'weekend' });
    expect(e).toBeInstanceOf(Error);
    expect([e.code, e.message, e.field, e.details, e.name]).toEqual([
      'not-a-school-day',
      '2026-11-21 is not a school day',
      'date',
      { reason: 'weekend' },
      'DomainError',
    ]);
    expect(isDomainError(e)).toBe(true);
    expect(isDomainError(new Error('x'))).toBe(false);
  });
  it('maps not-found to 404 and every other refusal to 422', () => {
    expect(httpStatusOf(new NotFoundError('case-not-found', 'no case'))).toBe(404);
    expect(httpStatusOf(new DomainError('case-closed', 'closed'))).toBe(422);
    expect(new NotFoundError('student-not-found', 'y')).toBeInstanceOf(DomainError);
  });
  it('keeps the two code lists apart', () => {
    expect(NOT_FOUND_CODES.filter((c) => (RULE_CODES as readonly string[]).includes(c))).toEqual([]);
  });
});
