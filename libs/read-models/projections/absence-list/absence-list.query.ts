import { evaluate } from '../../../domain/concern/index.js';
import type { SchoolDoc } from '../directory/directory.documents.js';
import { getSchool, listStudents } from '../directory/directory.query.js';
import { schoolYearsBetween } from '../directory/school-years.js';
import type { AbsenceReaders } from '../concern/absence-readers.js';
import { CalendarCache, sharedCalendarCache } from '../concern/calendar-cache.js';
import { builtInPlanResolver, overridesOf, registrationsOf, requirePlan, type PlanResolver } from '../concern/concern-inputs.js';
import { sumDays } from '../student-absence/day-aggregates.js';
import { listStudentAbsences } from '../student-absence/student-absence.query.js';
import type { AbsenceListRow } from './absence-list.row.js';

export interface AbsenceListOptions {
  /** Students with an open case; the case read model knows them. Default: none. */
  openCaseStudentIds?: ReadonlySet<string>;
  /**
   * Students with a case in phase 3 or later that did not resolve, for Bærum's red rule (see
   * ConcernQueryOptions.caseInPhase3Unresolved). Default: none.
   */
  caseInPhase3UnresolvedStudentIds?: ReadonlySet<string>;
  calendars?: CalendarCache;
  plans?: PlanResolver;
}

/** School days in [from, to], summed over the school years the period touches. */
function schoolDaysIn(school: SchoolDoc, from: string, to: string, calendars: CalendarCache): number {
  let total = 0;
  for (const year of schoolYearsBetween(school.schoolYears, from, to)) {
    total += calendars.calendar(school.schoolId, year).schoolDaysBetween(from > year.start ? from : year.start, to < year.end ? to : year.end);
  }
  return total;
}

/**
 * The absence list of a school for the period `from`–`to` (both inclusive): one row per
 * enrolled student, sorted by group, then name.
 *
 * Totals come from the per-day aggregates of the student-absence read model. `level` reads
 * the list as a report about the period: the concern level evaluated as of `to` with every
 * registration known now (the same answer GET /students/:id/concern?asOf=<to> gives), not the
 * level last recorded by the saga, so a list for a past quarter shows the level at its end.
 *
 * null when the school is not registered. A `from` after `to` is an empty period (all 0).
 */
export async function getAbsenceList(
  readers: AbsenceReaders,
  schoolId: string,
  from: string,
  to: string,
  options: AbsenceListOptions = {},
): Promise<AbsenceListRow[] | null> {
  const school = await getSchool(readers.directory, schoolId);
  if (!school) return null;
  const [students, absences] = await Promise.all([listStudents(readers.directory, schoolId), listStudentAbsences(readers.studentAbsence, schoolId)]);
  const calendars = options.calendars ?? sharedCalendarCache;
  const plan = requirePlan(options.plans ?? builtInPlanResolver, school.planId, school.planVersion);
  const calendar = calendars.calendarOn(school, to);
  const schoolDays = from <= to ? schoolDaysIn(school, from, to, calendars) : 0;
  const byStudent = new Map(absences.map((a) => [a.studentId, a]));

  return students.map((s): AbsenceListRow => {
    const doc = byStudent.get(s.studentId);
    const totals = doc ? sumDays(doc.days, from, to) : { days: 0, daysDocumented: 0, daysUndocumented: 0, lessons: 0, lates: 0, leftEarly: 0 };
    const level = doc
      ? evaluate(registrationsOf(doc), plan, calendar, to, {
          overrides: overridesOf(doc),
          caseInPhase3Unresolved: options.caseInPhase3UnresolvedStudentIds?.has(s.studentId) === true,
        }).level
      : 'green';
    return {
      studentId: s.studentId,
      name: s.name,
      grade: s.grade,
      group: s.group,
      ...totals,
      schoolDays,
      absencePercent: schoolDays > 0 ? Math.round((totals.days * 1000) / schoolDays) / 10 : 0,
      level,
      openCase: options.openCaseStudentIds?.has(s.studentId) === true,
    };
  });
}
