import { describe, expect, it } from '@jest/globals';
import { businessDate, isIsoDate, isIsoInstant, requireDate, requireDateOrInstant, requireNotFuture } from './dates.js';
import { DomainError } from './domain-error.js';

describe('dates', () => {
  it('accepts real calendar dates only', () => {
    expect(isIsoDate('2026-02-28')).toBe(true);
    expect(isIsoDate('2028-02-29')).toBe(true);
    expect(isIsoDate('2026-02-29')).toBe(false);
    expect(isIsoDate('2026-2-1')).toBe(false);
    expect(isIsoDate(20260201)).toBe(false);
  });
  it('accepts instants with an offset', () => {
    expect(isIsoInstant('2026-03-02T08:15:00Z')).toBe(true);
    expect(isIsoInstant('2026-03-02T08:15:00.123+01:00')).toBe(true);
    expect(isIsoInstant('2026-03-02T08:15:00')).toBe(false);
    expect(isIsoInstant('2026-03-02')).toBe(false);
  });
  it('reads the business date of a date or a UTC instant', () => {
    expect(businessDate('2026-03-02')).toBe('2026-03-02');
    expect(businessDate('2026-03-02T23:30:00-02:00')).toBe('2026-03-03');
  });
  it('throws coded errors naming the field', () => {
    expect(() => requireDate('2026-13-01', 'date')).toThrow(
      expect.objectContaining({ code: 'invalid-date', field: 'date' }) as unknown as Error,
    );
    expect(() => requireDateOrInstant('yesterday', 'at')).toThrow(DomainError);
    expect(() => requireNotFuture('2026-11-24', '2026-11-23', 'at')).toThrow(
      expect.objectContaining({ code: 'date-in-future' }) as unknown as Error,
    );
    expect(() => requireNotFuture('2026-11-23T22:00:00Z', '2026-11-23', 'at')).not.toThrow();
  });
});
