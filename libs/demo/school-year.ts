/**
 * A Norwegian school year with the usual breaks, computed from its first calendar year:
 * start on the Monday of 15–21 August, end on the Friday of 15–21 June, høstferie in week
 * 40, juleferie from 20 December to 2 January, vinterferie in week 8 and påskeferie from the
 * Monday before Easter to Easter Monday (Bærum's pattern; other municipalities move a week).
 */
import { addDays, fromDayNumber, isoWeekday, toDayNumber, type IsoDate } from '#domain/calendar/dates.js';
import type { SchoolYearInput } from '#domain/calendar/school-calendar.js';

/** The date in [from, from + 6] that falls on ISO weekday `weekday` (1 = Monday). */
function weekdayFrom(from: IsoDate, weekday: number): IsoDate {
  const day = toDayNumber(from);
  return fromDayNumber(day + ((weekday - isoWeekday(day) + 7) % 7));
}

/** Monday of ISO week `week` of `year` (week 1 holds 4 January). */
export function mondayOfIsoWeek(year: number, week: number): IsoDate {
  const jan4 = toDayNumber(`${year}-01-04`);
  return fromDayNumber(jan4 - (isoWeekday(jan4) - 1) + 7 * (week - 1));
}

/** Easter Sunday (Gregorian, anonymous algorithm). */
export function easterSunday(year: number): IsoDate {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** The school year that starts in August of `startYear`. */
export function norwegianSchoolYear(startYear: number): Required<SchoolYearInput> {
  const next = startYear + 1;
  const easter = easterSunday(next);
  const hostferie = mondayOfIsoWeek(startYear, 40);
  const vinterferie = mondayOfIsoWeek(next, 8);
  return {
    start: weekdayFrom(`${startYear}-08-15`, 1),
    end: weekdayFrom(`${next}-06-15`, 5),
    breaks: [
      { from: hostferie, to: addDays(hostferie, 4), name: 'Høstferie' },
      { from: `${startYear}-12-20`, to: `${next}-01-02`, name: 'Juleferie' },
      { from: vinterferie, to: addDays(vinterferie, 4), name: 'Vinterferie' },
      { from: addDays(easter, -6), to: addDays(easter, 1), name: 'Påskeferie' },
    ],
  };
}

/**
 * The school year `date` falls in. In the summer holiday that is the year just ended (its
 * data all lie in the past), not the one about to start.
 */
export function schoolYearContaining(date: IsoDate): Required<SchoolYearInput> {
  const year = Number(date.slice(0, 4));
  const thisYear = norwegianSchoolYear(year);
  return date >= thisYear.start ? thisYear : norwegianSchoolYear(year - 1);
}
