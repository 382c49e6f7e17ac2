/**
 * Spells of absence: runs of consecutive school days with a day-absence. hemsedal-trafikklys
 * (seed 000 line 28, «hyppig korttidsfravær»; plans.md: "3 or more separate absence spells
 * of 1–2 days within a month") counts the short ones.
 */
import type { SchoolCalendar } from '../calendar/index.js';

/**
 * Spells whose length lies in [minDays, maxDays] and whose last day lies in [fromDay, toDay].
 * Spells are found over all of `absentDays` (ascending), so a long spell that began before
 * the window is not mistaken for a short one. Two absent days are consecutive when no school
 * day lies between them (Friday and Monday are; a weekend or holiday does not break a spell).
 * Days that are not school days are left out: they cannot be school absence.
 */
export function countSpells(
  absentDays: readonly number[],
  calendar: SchoolCalendar,
  fromDay: number,
  toDay: number,
  minDays: number,
  maxDays: number,
): number {
  let count = 0;
  let runLength = 0;
  let previous = Number.NaN;
  const close = () => {
    if (runLength >= minDays && runLength <= maxDays && previous >= fromDay && previous <= toDay) count++;
  };
  for (const day of absentDays) {
    if (calendar.nonSchoolReasonOfDay(day) !== null) continue;
    // Both are school days: exactly two school days in [previous, day] means adjacent.
    if (runLength > 0 && calendar.schoolDaysBetweenDays(previous, day) === 2) {
      runLength++;
    } else {
      if (runLength > 0) close();
      runLength = 1;
    }
    previous = day;
  }
  if (runLength > 0) close();
  return count;
}
