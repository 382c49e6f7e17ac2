import { describe, expect, it } from '@jest/globals';
import { createSchoolCalendar } from '#domain/calendar/index.js';
import { easterSunday, mondayOfIsoWeek, norwegianSchoolYear, schoolYearContaining } from './school-year.js';

describe('norwegianSchoolYear', () => {
  it('gives the 2025/26 year from 18 August to 19 June with the four breaks', () => {
    const year = norwegianSchoolYear(2025);
    expect(year.start).toBe('2025-08-18');
    expect(year.end).toBe('2026-06-19');
    expect(year.breaks).toEqual([
      { from: '2025-09-29', to: '2025-10-03', name: 'Høstferie' },
      { from: '2025-12-20', to: '2026-01-02', name: 'Juleferie' },
      { from: '2026-02-16', to: '2026-02-20', name: 'Vinterferie' },
      { from: '2026-03-30', to: '2026-04-06', name: 'Påskeferie' },
    ]);
  });

  it('gives a calendar of about 190 school days that the school decider accepts', () => {
    const calendar = createSchoolCalendar(norwegianSchoolYear(2026));
    expect(calendar.totalSchoolDays).toBeGreaterThan(180);
    expect(calendar.totalSchoolDays).toBeLessThan(195);
    expect(calendar.isSchoolDay('2026-11-23')).toBe(true);
    expect(calendar.nonSchoolReason('2027-02-22')).toBe('break');
  });

  it('computes Easter and ISO weeks', () => {
    expect(easterSunday(2026)).toBe('2026-04-05');
    expect(easterSunday(2027)).toBe('2027-03-28');
    expect(mondayOfIsoWeek(2026, 1)).toBe('2025-12-29');
    expect(mondayOfIsoWeek(2026, 40)).toBe('2026-09-28');
  });
});

describe('schoolYearContaining', () => {
  it('is the year that began in August for an autumn date', () => {
    expect(schoolYearContaining('2026-11-23')).toMatchObject({ start: '2026-08-17', end: '2027-06-18' });
  });

  it('is the year just ended in the summer holiday', () => {
    expect(schoolYearContaining('2026-07-10')).toMatchObject({ start: '2025-08-18', end: '2026-06-19' });
  });
});
