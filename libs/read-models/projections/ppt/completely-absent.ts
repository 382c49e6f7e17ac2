/**
 * "Helt borte fra skolen" (baerum, seed 004 line 59, PPT's table), read as api.md puts it:
 * absent every school day of the last 20 school days. Only whole-day absence counts (lessons
 * are never converted into days, plans.md "Common model").
 */
import type { StudentRegistration } from '../cases/case-doc.js';

export const COMPLETELY_ABSENT_SCHOOL_DAYS = 20;

/** The dates with an active day-absence. */
export function dayAbsenceDates(registrations: Readonly<Record<string, StudentRegistration>>): Set<string> {
  const dates = new Set<string>();
  for (const r of Object.values(registrations)) if (r.kind === 'day') dates.add(r.date);
  return dates;
}

/**
 * True when `schoolDays` is a full window and the student was away all of it. A window the
 * calendars cannot fill (the school's first weeks in the system) proves nothing, so it is false.
 */
export function isCompletelyAbsent(
  registrations: Readonly<Record<string, StudentRegistration>>,
  schoolDays: readonly string[],
  windowLength: number = COMPLETELY_ABSENT_SCHOOL_DAYS,
): boolean {
  if (schoolDays.length < windowLength) return false;
  const absent = dayAbsenceDates(registrations);
  return schoolDays.every((day) => absent.has(day));
}
