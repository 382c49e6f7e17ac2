/**
 * Clear patterns (tydelige mønster). plans.md, "Patterns": "the same weekday absent 3 or
 * more times within the last 8 weeks, or absence days touching a weekend or holiday on 3
 * or more occasions within the last 8 weeks". Used by bergen-smoras (seed 003 line 21,
 * «Fravær med tydelige mønster»).
 */
import { isoWeekday, type SchoolCalendar } from '../calendar/index.js';
import type { PatternKind } from '../plans/index.js';
import { lowerBound } from './absence-index.js';

/** The most times one weekday is absent in [fromDay, toDay]. */
export function sameWeekdayCount(absentDays: readonly number[], calendar: SchoolCalendar, fromDay: number, toDay: number): number {
  const perWeekday = [0, 0, 0, 0, 0, 0, 0, 0];
  for (let i = lowerBound(absentDays, fromDay); i < absentDays.length && absentDays[i] <= toDay; i++) {
    if (calendar.nonSchoolReasonOfDay(absentDays[i]) === null) perWeekday[isoWeekday(absentDays[i])]++;
  }
  return Math.max(...perWeekday);
}

const touches = (calendar: SchoolCalendar, day: number) => {
  const r = calendar.nonSchoolReasonOfDay(day);
  return r === 'weekend' || r === 'holiday';
};

/**
 * Occasions in [fromDay, toDay] on which absence touches a weekend or public holiday: the day
 * before or after an absent school day is a weekend or holiday. An occasion is one stretch
 * of days off (a weekend, a holiday, or a weekend joined to a holiday or break), so absence
 * on the Friday and the Monday around one weekend is one occasion, not two. Counting stretches
 * rather than days keeps the rule monotone: more absence never means fewer occasions.
 */
export function weekendOrHolidayOccasions(absentDays: readonly number[], calendar: SchoolCalendar, fromDay: number, toDay: number): number {
  // Each stretch is named by its last day.
  const stretches = new Set<number>();
  for (let i = lowerBound(absentDays, fromDay); i < absentDays.length && absentDays[i] <= toDay; i++) {
    const day = absentDays[i];
    if (calendar.nonSchoolReasonOfDay(day) !== null) continue;
    if (touches(calendar, day - 1)) stretches.add(day - 1);
    if (touches(calendar, day + 1)) {
      let last = day + 1;
      // Walk to the end of the stretch; it ends at a school day or at the end of the year.
      for (;;) {
        const r = calendar.nonSchoolReasonOfDay(last + 1);
        if (r === 'weekend' || r === 'holiday' || r === 'break') last++;
        else break;
      }
      stretches.add(last);
    }
  }
  return stretches.size;
}

export function patternCount(
  kind: PatternKind,
  absentDays: readonly number[],
  calendar: SchoolCalendar,
  fromDay: number,
  toDay: number,
): number {
  return kind === 'same-weekday'
    ? sameWeekdayCount(absentDays, calendar, fromDay, toDay)
    : weekendOrHolidayOccasions(absentDays, calendar, fromDay, toDay);
}
