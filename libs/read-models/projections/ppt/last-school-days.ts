/**
 * "The last 20 school days up to asOf" (api.md, PPT statistics) on a school's calendars.
 * A window early in a school year reaches back into the previous one, as absence does not
 * stop at the summer holiday.
 */
import type { SchoolYear } from '#domain/events/index.js';
import { sharedCalendarCache, type CalendarCache } from '../concern/calendar-cache.js';

/** The last `n` school days on or before `date`, oldest first; fewer when the calendars known do not reach back that far. */
export function lastSchoolDays(
  school: { readonly schoolId: string; readonly schoolYears: readonly SchoolYear[] },
  date: string,
  n: number,
  calendars: CalendarCache = sharedCalendarCache,
): string[] {
  const newestFirst = school.schoolYears
    .filter((y) => y.start <= date)
    .sort((a, b) => (a.start < b.start ? 1 : a.start > b.start ? -1 : 0));
  const days: string[] = [];
  let upTo = date;
  for (const year of newestFirst) {
    if (days.length >= n) break;
    const taken = calendars.calendar(school.schoolId, year).previousSchoolDays(upTo, n - days.length);
    days.unshift(...taken);
    // Should two years overlap, each day still counts once.
    if (taken.length > 0) upTo = dayBefore(taken[0]);
  }
  return days;
}

function dayBefore(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}
