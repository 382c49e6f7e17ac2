import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { addDays, fromDayNumber, toDayNumber } from './dates.js';
import { createSchoolCalendar, type SchoolBreak } from './school-calendar.js';

// A 2026/27 school year with the usual breaks, but no påskeferie, so the Easter days show
// as public holidays rather than as a break.
const breaks: SchoolBreak[] = [
  { from: '2026-10-05', to: '2026-10-09', name: 'Høstferie' },
  { from: '2026-12-21', to: '2027-01-01', name: 'Juleferie' },
  { from: '2027-02-22', to: '2027-02-26', name: 'Vinterferie' },
];
const calendar = createSchoolCalendar({ start: '2026-08-17', end: '2027-06-18', breaks });

describe('createSchoolCalendar', () => {
  it('closes the Easter days 2027 (skjærtorsdag to 2. påskedag)', () => {
    expect(calendar.isSchoolDay('2027-03-24')).toBe(true); // Wednesday before Easter
    expect(calendar.nonSchoolReason('2027-03-25')).toBe('holiday');
    expect(calendar.holidayName('2027-03-25')).toBe('Skjærtorsdag');
    expect(calendar.holidayName('2027-03-26')).toBe('Langfredag');
    expect(calendar.nonSchoolReason('2027-03-28')).toBe('holiday'); // Første påskedag, a Sunday
    expect(calendar.holidayName('2027-03-29')).toBe('Andre påskedag');
    expect(calendar.isSchoolDay('2027-03-29')).toBe(false);
    expect(calendar.isSchoolDay('2027-03-30')).toBe(true);
    expect(calendar.schoolDaysBetween('2027-03-22', '2027-03-29')).toBe(3);
  });

  it('closes 17 May, Kristi himmelfart and pinse', () => {
    expect(calendar.nonSchoolReason('2027-05-17')).toBe('holiday');
    // In 2027 Grunnlovsdagen and Andre pinsedag fall on the same Monday.
    expect(calendar.holidayName('2027-05-17')).toBe('Grunnlovsdagen / Andre pinsedag');
    expect(calendar.holidayName('2027-05-06')).toBe('Kristi himmelfartsdag');
    expect(calendar.isSchoolDay('2027-05-06')).toBe(false);
    expect(calendar.isSchoolDay('2027-05-07')).toBe(true);
    expect(calendar.holidays().map((h) => h.date)).toEqual([
      '2026-12-25',
      '2026-12-26',
      '2027-01-01',
      '2027-03-25',
      '2027-03-26',
      '2027-03-28',
      '2027-03-29',
      '2027-05-01',
      '2027-05-06',
      '2027-05-16',
      '2027-05-17',
    ]);
  });

  it('treats observances and bank days as school days', () => {
    expect(calendar.isSchoolDay('2027-02-05')).toBe(true); // Friday before Samefolkets dag
    expect(calendar.holidayName('2027-02-08')).toBeNull();
    expect(calendar.isSchoolDay('2027-06-07')).toBe(true); // Unionsoppløsningen, an observance
  });

  it("closes the school's own winter break", () => {
    expect(calendar.nonSchoolReason('2027-02-23')).toBe('break');
    expect(calendar.breakName('2027-02-23')).toBe('Vinterferie');
    expect(calendar.schoolDaysBetween('2027-02-22', '2027-02-26')).toBe(0);
    expect(calendar.schoolDays('2027-02-18', '2027-03-02')).toEqual(['2027-02-18', '2027-02-19', '2027-03-01', '2027-03-02']);
    // Inside a break a weekend is still a weekend.
    expect(calendar.nonSchoolReason('2026-12-26')).toBe('holiday');
    expect(calendar.nonSchoolReason('2026-12-27')).toBe('weekend');
  });

  it('closes weekends', () => {
    expect(calendar.nonSchoolReason('2026-11-21')).toBe('weekend');
    expect(calendar.nonSchoolReason('2026-11-22')).toBe('weekend');
    expect(calendar.nonSchoolReason('2026-11-23')).toBeNull();
  });

  it('knows no school days outside the school year', () => {
    expect(calendar.nonSchoolReason('2026-08-16')).toBe('outside-school-year');
    expect(calendar.nonSchoolReason('2027-06-21')).toBe('outside-school-year');
    expect(calendar.isSchoolDay('2026-08-17')).toBe(true);
    expect(calendar.isSchoolDay('2027-06-18')).toBe(true);
    expect(calendar.schoolDaysBetween('2026-07-01', '2026-08-18')).toBe(2);
    expect(calendar.schoolDaysBetween('2027-06-17', '2027-08-01')).toBe(2);
    expect(calendar.schoolDaysBetween('2027-06-18', '2027-06-17')).toBe(0);
  });

  it('counts the whole year: weekdays minus weekday holidays minus the other break days', () => {
    // 2026-08-17 (Mon) … 2027-06-18 (Fri) is 43 weeks and 5 days → 220 weekdays. Public
    // holidays on weekdays: 25 Dec, 1 Jan, 25, 26, 29 Mar, 6 May, 17 May → 7. Break weekdays
    // that are not holidays: høstferie 5, juleferie 10 − 2, vinterferie 5 → 18.
    expect(calendar.totalSchoolDays).toBe(220 - 7 - 18);
    expect(calendar.schoolDaysBetween(calendar.start, calendar.end)).toBe(calendar.totalSchoolDays);
  });

  it('adds school days for deadlines', () => {
    expect(calendar.addSchoolDays('2027-03-24', 0)).toBe('2027-03-24');
    expect(calendar.addSchoolDays('2027-03-24', 1)).toBe('2027-03-30');
    expect(calendar.addSchoolDays('2027-03-27', 0)).toBe('2027-03-30'); // a Saturday: next school day
    expect(calendar.addSchoolDays('2027-03-27', 1)).toBe('2027-03-30');
    expect(calendar.addSchoolDays('2027-02-19', 3)).toBe('2027-03-03'); // over the winter break
    expect(calendar.addSchoolDays('2026-08-01', 0)).toBe('2026-08-17'); // before the year
    // Past the end the calendar knows only weekends and public holidays.
    expect(calendar.addSchoolDays('2027-06-17', 3)).toBe('2027-06-22');
    expect(calendar.addSchoolDays('2027-06-26', 0)).toBe('2027-06-28');
    expect(() => calendar.addSchoolDays('2027-03-24', -1)).toThrow(RangeError);
  });

  it('lists the previous school days, oldest first', () => {
    expect(calendar.previousSchoolDays('2027-03-30', 3)).toEqual(['2027-03-23', '2027-03-24', '2027-03-30']);
    expect(calendar.previousSchoolDays('2027-03-28', 2)).toEqual(['2027-03-23', '2027-03-24']);
    expect(calendar.previousSchoolDays('2026-08-18', 5)).toEqual(['2026-08-17', '2026-08-18']);
  });

  it('rejects a year or break that ends before it starts', () => {
    expect(() => createSchoolCalendar({ start: '2027-06-18', end: '2026-08-17' })).toThrow(RangeError);
    expect(() =>
      createSchoolCalendar({ start: '2026-08-17', end: '2027-06-18', breaks: [{ from: '2026-10-09', to: '2026-10-05', name: 'x' }] }),
    ).toThrow(RangeError);
  });

  it('counts fast exactly as a naive day-by-day count (property)', () => {
    const startDay = toDayNumber('2026-08-01');
    const breakArb = fc
      .tuple(fc.integer({ min: 0, max: 400 }), fc.integer({ min: 0, max: 14 }))
      .map(([offset, len]) => ({ from: fromDayNumber(startDay + offset), to: fromDayNumber(startDay + offset + len), name: 'b' }));
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 60 }),
        fc.integer({ min: 200, max: 400 }),
        fc.array(breakArb, { maxLength: 5 }),
        fc.integer({ min: -30, max: 450 }),
        fc.integer({ min: -30, max: 450 }),
        (startOffset, yearLength, randomBreaks, a, b) => {
          const start = fromDayNumber(startDay + startOffset);
          const cal = createSchoolCalendar({ start, end: addDays(start, yearLength), breaks: randomBreaks });
          const from = fromDayNumber(startDay + Math.min(a, b));
          const to = fromDayNumber(startDay + Math.max(a, b));
          let naive = 0;
          for (let d = toDayNumber(from); d <= toDayNumber(to); d++) {
            if (cal.nonSchoolReason(fromDayNumber(d)) === null) naive++;
          }
          expect(cal.schoolDaysBetween(from, to)).toBe(naive);
          expect(cal.schoolDays(from, to)).toHaveLength(naive);
        },
      ),
      { numRuns: 200 },
    );
  });
});
