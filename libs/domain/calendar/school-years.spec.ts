import { describe, expect, it } from '@jest/globals';
import { schoolYearFor, schoolYearsBetween, withSchoolYear } from './school-years.js';

const y2026 = { start: '2026-08-17', end: '2027-06-18', breaks: [] };
const y2027 = { start: '2027-08-16', end: '2028-06-16', breaks: [] };

describe('school years', () => {
  it('adds a new year and replaces an overlapping one (the same year corrected)', () => {
    const moved = { ...y2026, start: '2026-08-18' };
    expect(withSchoolYear([y2026], y2027)).toEqual([y2026, y2027]);
    expect(withSchoolYear([y2026, y2027], moved)).toEqual([moved, y2027]);
  });

  it('reads a date in the year containing it, a summer date in the year before, an early date in the first', () => {
    const years = [y2026, y2027];
    expect(schoolYearFor(years, '2027-09-01')).toBe(y2027);
    expect(schoolYearFor(years, '2027-07-10')).toBe(y2026);
    expect(schoolYearFor(years, '2025-01-01')).toBe(y2026);
    expect(schoolYearFor([], '2027-01-01')).toBeUndefined();
  });

  it('finds the years a period touches', () => {
    expect(schoolYearsBetween([y2026, y2027], '2027-06-01', '2027-09-01')).toEqual([y2026, y2027]);
    expect(schoolYearsBetween([y2026, y2027], '2027-06-19', '2027-08-15')).toEqual([]);
  });
});
