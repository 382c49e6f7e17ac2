/**
 * "The last 20 school days up to asOf" (api.md, PPT statistics) on a school's calendars.
 * A window early in a school year reaches back into the previous one, as absence does not
 * stop at the summer holiday.
 */
import { createSchoolCalendar, type SchoolCalendar } from '../../../domain/calendar/index.js';
import type { SchoolYear } from '../../../domain/events/index.js';

// Building a calendar computes a year of holidays; a statistics request needs one per school,
// so they are kept by their defining data (bounded: calendars change once a year).
const calendars = new Map<string, SchoolCalendar>();
const MAX_CALENDARS = 1000;

export function calendarOf(year: SchoolYear): SchoolCalendar {
  const key = JSON.stringify([year.start, year.end, year.breaks]);
  let calendar = calendars.get(key);
  if (!calendar) {
    if (calendars.size >= MAX_CALENDARS) calendars.clear();
    calendar = createSchoolCalendar(year);
    calendars.set(key, calendar);
  }
  return calendar;
}

/** The last `n` school days on or before `date`, oldest first; fewer when the calendars known do not reach back that far. */
export function lastSchoolDays(schoolYears: readonly SchoolYear[], date: string, n: number): string[] {
  const newestFirst = schoolYears.filter((y) => y.start <= date).sort((a, b) => (a.start < b.start ? 1 : a.start > b.start ? -1 : 0));
  const days: string[] = [];
  let before = date;
  for (const year of newestFirst) {
    if (days.length >= n) break;
    const taken = calendarOf(year).previousSchoolDays(before, n - days.length);
    days.unshift(...taken);
    // Years must not overlap; should two, count each day once.
    if (taken.length > 0) before = dayBefore(taken[0]);
  }
  return days;
}

function dayBefore(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}
