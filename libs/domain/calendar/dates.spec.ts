import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { addDays, dateOf, daysBetween, fromDayNumber, isIsoDate, isoWeekday, toDayNumber } from './dates.js';

describe('dates as UTC day numbers', () => {
  it('round-trips dates and knows weekdays', () => {
    expect(toDayNumber('1970-01-01')).toBe(0);
    expect(fromDayNumber(toDayNumber('2027-05-17'))).toBe('2027-05-17');
    expect(isoWeekday(toDayNumber('2026-11-23'))).toBe(1); // a Monday
    expect(isoWeekday(toDayNumber('2027-05-16'))).toBe(7); // a Sunday
    expect(isoWeekday(toDayNumber('1969-12-31'))).toBe(3); // negative day numbers too
  });

  it('crosses month, year and DST boundaries by whole days', () => {
    expect(addDays('2027-03-27', 2)).toBe('2027-03-29'); // Norway's DST change is 28 March 2027
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2028-03-01', -1)).toBe('2028-02-29');
    expect(daysBetween('2026-08-17', '2027-06-18')).toBe(305);
  });

  it('takes the Norwegian business date of an instant', () => {
    expect(dateOf('2026-11-04')).toBe('2026-11-04');
    expect(dateOf('2026-11-04T22:59:59Z')).toBe('2026-11-04');
    expect(dateOf('2026-11-04T23:30:00Z')).toBe('2026-11-05'); // 00:30 in Oslo (CET)
    expect(dateOf('2027-06-30T22:30:00.000Z')).toBe('2027-07-01'); // 00:30 in Oslo (CEST)
    expect(dateOf('2026-11-04T23:30:00+00:00')).toBe('2026-11-05');
    expect(dateOf('2026-11-04T23:30:00')).toBe('2026-11-04'); // no zone: as written
  });

  it('rejects what is not a real date', () => {
    expect(isIsoDate('2027-02-29')).toBe(false);
    expect(isIsoDate('2028-02-29')).toBe(true);
    expect(isIsoDate('2027-5-17')).toBe(false);
    expect(() => toDayNumber('2027-13-01')).toThrow(RangeError);
  });

  it('agrees with Date.UTC on every day number (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -20_000, max: 60_000 }), (day) => {
        expect(fromDayNumber(day)).toBe(new Date(day * 86_400_000).toISOString().slice(0, 10));
      }),
    );
  });

  it('round-trips every day number (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -20_000, max: 60_000 }), (day) => {
        const date = fromDayNumber(day);
        expect(isIsoDate(date)).toBe(true);
        expect(toDayNumber(date)).toBe(day);
      }),
    );
  });
});
