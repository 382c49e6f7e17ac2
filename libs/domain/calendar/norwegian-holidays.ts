/**
 * Norwegian public holidays (helligdager), from date-holidays' data for Norway.
 *
 * Only type 'public' counts: schools are closed on the Easter days (skjærtorsdag,
 * langfredag, 1. and 2. påskedag), Kristi himmelfartsdag, 1. and 2. pinsedag, 1. and 17.
 * mai, and Christmas and New Year's Day. Observances (e.g. Samefolkets dag) and bank days
 * (julaften, nyttårsaften) are school days unless the school lists them as a break.
 */
import Holidays from 'date-holidays';
import type { IsoDate } from './dates.js';

const norway = new Holidays('NO');

// Looking up a year in date-holidays costs ~1 ms; a calendar asks for each year it spans,
// and many calendars (one per school) share years, so cache per year for the process.
const byYear = new Map<number, ReadonlyMap<IsoDate, string>>();

/** The public holidays of `year`: date → name(s). Two holidays on one date are joined with " / " (2027-05-17 is both Grunnlovsdagen and Andre pinsedag). */
export function norwegianPublicHolidays(year: number): ReadonlyMap<IsoDate, string> {
  const cached = byYear.get(year);
  if (cached) return cached;
  const result = new Map<IsoDate, string>();
  for (const h of norway.getHolidays(year)) {
    if (h.type !== 'public') continue;
    // `h.date` is the local date in Norway ('2027-05-17 00:00:00'); its first ten characters
    // are the calendar date, so no time-zone conversion is involved.
    const date = h.date.slice(0, 10);
    const previous = result.get(date);
    result.set(date, previous ? `${previous} / ${h.name}` : h.name);
  }
  byYear.set(year, result);
  return result;
}
