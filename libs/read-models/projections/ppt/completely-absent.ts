/**
 * "Helt borte fra skolen" (baerum, seed 004 line 59, PPT's table), read as api.md puts it:
 * absent every school day of the last 20 school days. Only whole-day absence counts (lessons
 * are never converted into days, plans.md "Common model"); `dayAbsenceDatesOf` (case-doc.ts) keeps only those.
 */
export const COMPLETELY_ABSENT_SCHOOL_DAYS = 20;

/**
 * True when `schoolDays` is a full window and the student was away all of it. A window the
 * calendars cannot fill (the school's first weeks in the system) proves nothing, so it is false.
 */
export function isCompletelyAbsent(
  dayAbsences: ReadonlySet<string>,
  schoolDays: readonly string[],
  windowLength: number = COMPLETELY_ABSENT_SCHOOL_DAYS,
): boolean {
  if (schoolDays.length < windowLength) return false;
  return schoolDays.every((day) => dayAbsences.has(day));
}
