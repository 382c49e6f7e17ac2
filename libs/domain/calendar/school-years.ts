/**
 * A school's school years over time. SchoolCalendarChanged carries the year now in force;
 * keeping the earlier ones lets a query about a past date use the calendar that was valid
 * then (breaks and the year's first day differ from year to year).
 */
import type { SchoolYear } from '../events/index.js';

/** A plain copy with `breaks` always present (documents must not share objects with events). */
export function copySchoolYear(year: SchoolYear): SchoolYear {
  return { start: year.start, end: year.end, breaks: (year.breaks ?? []).map((b) => ({ from: b.from, to: b.to, name: b.name })) };
}

/**
 * `years` with `year` in force: an entry overlapping it is the same school year being
 * corrected (a moved break, a shifted first day) and is replaced; otherwise it is added.
 * Oldest first.
 */
export function withSchoolYear(years: readonly SchoolYear[], year: SchoolYear): SchoolYear[] {
  const kept = years.filter((y) => y.end < year.start || y.start > year.end).map(copySchoolYear);
  kept.push(copySchoolYear(year));
  return kept.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
}

/**
 * The school year to read `date` in: the one containing it; else the last one that started
 * before it (a date in the summer after a year counts against that year, where the calendar
 * reports it as outside the school year); else the first one.
 */
export function schoolYearFor(years: readonly SchoolYear[], date: string): SchoolYear | undefined {
  let before: SchoolYear | undefined;
  for (const y of years) {
    if (y.start <= date && date <= y.end) return y;
    if (y.start <= date) before = y;
  }
  return before ?? years[0];
}

/** The school years overlapping [from, to], oldest first. */
export function schoolYearsBetween(years: readonly SchoolYear[], from: string, to: string): SchoolYear[] {
  return years.filter((y) => y.start <= to && y.end >= from);
}
