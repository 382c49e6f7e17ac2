import { describe, expect, it } from '@jest/globals';
import { isoWeekOf } from './weekly-trend.query.js';

describe('isoWeekOf', () => {
  it('numbers weeks as ISO 8601 does, the Thursday deciding the year', () => {
    expect(isoWeekOf('2026-12-03')).toBe('2026-W49');
    expect(isoWeekOf('2026-12-28')).toBe('2026-W53');
    expect(isoWeekOf('2027-01-03')).toBe('2026-W53');
    expect(isoWeekOf('2027-01-04')).toBe('2027-W01');
    expect(isoWeekOf('2025-12-29')).toBe('2026-W01');
  });
});
