/**
 * Deadlines. plans.md, "Common model": "Deadlines are counted in school days unless a plan
 * says weeks"; 'days' are calendar days, for plans that count them so (Hemsedal's «hver 14.
 * dag»).
 */
import { addDays, type IsoDate, type SchoolCalendar } from '../calendar/index.js';
import type { Deadline } from '../plans/index.js';

export function addDeadline(calendar: SchoolCalendar, from: IsoDate, deadline: Deadline): IsoDate {
  switch (deadline.unit) {
    case 'school-days':
      return calendar.addSchoolDays(from, deadline.amount);
    case 'weeks':
      return addDays(from, deadline.amount * 7);
    case 'days':
      return addDays(from, deadline.amount);
  }
}
