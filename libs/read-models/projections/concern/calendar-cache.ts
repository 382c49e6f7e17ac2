/**
 * School calendars built once per school and school year. Building one walks the whole year
 * (holidays, breaks, prefix sums), which costs more than evaluating a student, and an absence
 * list evaluates hundreds of students of one school.
 */
import { createSchoolCalendar, type SchoolCalendar } from '#domain/calendar/index.js';
import type { SchoolYear } from '#domain/events/index.js';
import type { SchoolDoc } from '../directory/directory.documents.js';
import { schoolYearFor } from '#domain/calendar/school-years.js';

export class CalendarCache {
  private readonly calendars = new Map<string, SchoolCalendar>();

  /** @param maxEntries bound on cached calendars; the cache is emptied when it is passed. */
  constructor(private readonly maxEntries = 1000) {}

  /**
   * The calendar of `schoolYear` at `schoolId`. Keyed by the year's content too, so a moved
   * break (SchoolCalendarChanged) is a new key and never reads a stale calendar.
   */
  calendar(schoolId: string, schoolYear: SchoolYear): SchoolCalendar {
    const key = `${schoolId}\u0000${JSON.stringify([schoolYear.start, schoolYear.end, schoolYear.breaks ?? []])}`;
    let calendar = this.calendars.get(key);
    if (!calendar) {
      if (this.calendars.size >= this.maxEntries) this.calendars.clear();
      calendar = createSchoolCalendar(schoolYear);
      this.calendars.set(key, calendar);
    }
    return calendar;
  }

  /** The calendar to read `date` in at `school`: the school year containing it (school-years.ts). */
  calendarOn(school: Pick<SchoolDoc, 'schoolId' | 'schoolYear' | 'schoolYears'>, date: string): SchoolCalendar {
    return this.calendar(school.schoolId, schoolYearFor(school.schoolYears, date) ?? school.schoolYear);
  }
}

/** The process-wide cache queries use unless given their own. */
export const sharedCalendarCache = new CalendarCache();
