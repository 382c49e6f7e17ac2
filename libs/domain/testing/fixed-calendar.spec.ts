import { describe, expect, it } from '@jest/globals';
import { fixedCalendar } from './fixed-calendar.js';

describe('fixedCalendar (test stand-in)', () => {
  const cal = fixedCalendar({
    start: '2026-08-17',
    end: '2027-06-18',
    breaks: [{ from: '2026-09-28', to: '2026-10-02', name: 'Høstferie' }],
    holidays: { '2027-05-17': 'Grunnlovsdag' },
  });
  it('answers school days and why others are not', () => {
    expect(cal.isSchoolDay('2026-11-20')).toBe(true);
    expect(cal.nonSchoolReason('2026-11-21')).toEqual({ kind: 'weekend' });
    expect(cal.nonSchoolReason('2026-09-30')).toEqual({ kind: 'break', name: 'Høstferie' });
    expect(cal.nonSchoolReason('2027-05-17')).toEqual({ kind: 'holiday', name: 'Grunnlovsdag' });
    expect(cal.nonSchoolReason('2026-08-14')).toEqual({ kind: 'outside-school-year' });
  });
});
