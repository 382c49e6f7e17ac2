import { describe, expect, it } from '@jest/globals';
import { resolvePeriod } from './periods.js';

const years = [{ start: '2026-08-17', end: '2027-06-18' }];

describe('period presets (api.md, Files to take away)', () => {
  it('reads quarters, months, terms by the school calendar and school years', () => {
    expect(resolvePeriod('2026-Q4', years)).toEqual({ from: '2026-10-01', to: '2026-12-31' });
    expect(resolvePeriod('2027-Q1', years)).toEqual({ from: '2027-01-01', to: '2027-03-31' });
    expect(resolvePeriod('2026-09', years)).toEqual({ from: '2026-09-01', to: '2026-09-30' });
    expect(resolvePeriod('2028-02', years)).toEqual({ from: '2028-02-01', to: '2028-02-29' });
    expect(resolvePeriod('autumn-2026', years)).toEqual({ from: '2026-08-17', to: '2026-12-31' });
    expect(resolvePeriod('spring-2027', years)).toEqual({ from: '2027-01-01', to: '2027-06-18' });
    expect(resolvePeriod('2026-27', years)).toEqual({ from: '2026-08-17', to: '2027-06-18' });
    // A year the school has no calendar for: the usual Norwegian school year stands in.
    expect(resolvePeriod('2030-31', years)).toEqual({ from: '2030-08-01', to: '2031-07-31' });
    expect(resolvePeriod('autumn-2030', years)).toEqual({ from: '2030-08-01', to: '2030-12-31' });
  });
  it('names no period for what is not one', () => {
    for (const bad of ['2026-Q5', '2026-13', '2026-28', 'autumn', 'winter-2026', '26-Q1', ''])
      expect(resolvePeriod(bad, years)).toBeUndefined();
  });
});
