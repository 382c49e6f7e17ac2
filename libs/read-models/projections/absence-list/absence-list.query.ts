import { evaluate } from '#domain/concern/index.js';
import type { SchoolCalendar } from '#domain/calendar/index.js';
import type { ConcernLevel, Plan } from '#domain/plans/index.js';
import type { SchoolDoc } from '../directory/directory.documents.js';
import { getSchool } from '../directory/directory.query.js';
import { GroupThenNameOrder } from '../directory/sort-order.js';
import { schoolYearsBetween } from '#domain/calendar/school-years.js';
import type { AbsenceReaders } from '../concern/absence-readers.js';
import { CalendarCache, sharedCalendarCache } from '../concern/calendar-cache.js';
import { builtInPlanResolver, overridesOf, requirePlan, type PlanResolver } from '#domain/concern/concern-inputs.js';
import { registrationsFromPackedDays, sumPackedDays } from '../student-absence/packed-days.js';
import { listStudentDays } from '../student-absence/student-absence.query.js';
import type { StudentDaysDoc } from '../student-absence/student-absence.documents.js';
import type { AbsenceListRow } from './absence-list.row.js';
import { BoundedCache } from '#event-store/cache/bounded-cache.js';
import { deepFreeze } from '../../deep-freeze.js';
import { FrozenMemo } from '../../frozen-memo.js';

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

/** The class-list order by school: ranks remembered from the last collator sort (sort-order.ts). */
const listOrder = new GroupThenNameOrder();

/**
 * Levels already evaluated, by plan, calendar and lean document, then by evaluation date and
 * Bærum's phase-3 flag. The lean documents come from a read-cached collection
 * (CollectionSpec.readCache): shared and frozen, so a list asked for again evaluates only the
 * students whose registrations changed since (a changed document is a new object).
 */
const evaluated = new WeakMap<Plan, WeakMap<SchoolCalendar, FrozenMemo<StudentDaysDoc, ConcernLevel>>>();

function levelOf(s: StudentDaysDoc, plan: Plan, calendar: SchoolCalendar, to: string, caseInPhase3Unresolved: boolean): ConcernLevel {
  let byCalendar = evaluated.get(plan);
  if (!byCalendar) evaluated.set(plan, (byCalendar = new WeakMap()));
  let levels = byCalendar.get(calendar);
  if (!levels) byCalendar.set(calendar, (levels = new FrozenMemo()));
  return levels.get(
    s,
    `${to}${caseInPhase3Unresolved ? '+' : '-'}`,
    () => evaluate(registrationsFromPackedDays(s, to), plan, calendar, to, { overrides: overridesOf(s), caseInPhase3Unresolved }).level,
  );
}

/**
 * The last answer per school and period, with what it was made from. A list asked for again while
 * the same shared documents, plan, calendar (kept by its content) and case sets stand is the same
 * list: the leader opens it many times a day and it changes only when a student's registrations
 * do. Checked by identity (the read cache hands out one frozen object per stored document), never
 * by time. The school's document counts only through its plan and calendar.
 */
interface Answer {
  students: readonly StudentDaysDoc[];
  plan: Plan;
  calendar: SchoolCalendar;
  schoolDays: number;
  openCase: ReadonlySet<string> | undefined;
  phase3: ReadonlySet<string> | undefined;
  rows: readonly AbsenceListRow[];
}

/**
 * About 300 bytes a row, and as much again for its JSON text, which `jsonAnswer` keeps as long as
 * the answer lives: a 600-student list is some 400 KB.
 */
const answers = new BoundedCache<string, Answer>('absence-lists', 16 * 1024 * 1024, (a) => 256 + a.rows.length * 640);

function sameMembers(a: ReadonlySet<string> | undefined, b: ReadonlySet<string> | undefined): boolean {
  if (a === b) return true;
  if ((a?.size ?? 0) !== (b?.size ?? 0)) return false;
  for (const id of a ?? []) if (!b?.has(id)) return false;
  return true;
}

function sameAnswer(a: Answer, b: Omit<Answer, 'rows'>): boolean {
  if (a.plan !== b.plan || a.calendar !== b.calendar || a.schoolDays !== b.schoolDays) return false;
  if (a.students.length !== b.students.length || !a.students.every((s, i) => s === b.students[i])) return false;
  return sameMembers(a.openCase, b.openCase) && sameMembers(a.phase3, b.phase3);
}

/** School days in [from, to], summed over the school years the period touches. */
function schoolDaysIn(school: SchoolDoc, from: string, to: string, calendars: CalendarCache): number {
  let total = 0;
  for (const year of schoolYearsBetween(school.schoolYears, from, to)) {
    total += calendars
      .calendar(school.schoolId, year)
      .schoolDaysBetween(from > year.start ? from : year.start, to < year.end ? to : year.end);
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
): Promise<readonly AbsenceListRow[] | null> {
  const school = await getSchool(readers.directory, schoolId);
  if (!school) return null;
  // One query for the whole school: the lean per-day documents carry name, grade and group
  // too (see StudentDaysDoc), so the list never parses the full registration documents.
  const students = await listStudentDays(readers.studentAbsence, schoolId);
  const calendars = options.calendars ?? sharedCalendarCache;
  const plan = requirePlan(options.plans ?? builtInPlanResolver, school.planId, school.planVersion);
  const calendar = calendars.calendarOn(school, to);
  const schoolDays = from <= to ? schoolDaysIn(school, from, to, calendars) : 0;
  const inputs = {
    students,
    plan,
    calendar,
    schoolDays,
    openCase: options.openCaseStudentIds,
    phase3: options.caseInPhase3UnresolvedStudentIds,
  };
  // Only shared (frozen) documents can be recognised again; a store without a read cache hands out fresh ones.
  const shared = students.every((s) => Object.isFrozen(s));
  const key = `${schoolId}\u0000${from}\u0000${to}`;
  const known = shared ? answers.getIf(key, (a) => sameAnswer(a, inputs)) : undefined;
  if (known) return known.rows;

  const rows = students.map((s): AbsenceListRow => {
    const totals = sumPackedDays(s, from, to);
    const level = levelOf(s, plan, calendar, to, options.caseInPhase3UnresolvedStudentIds?.has(s.studentId) === true);
    return {
      studentId: s.studentId,
      name: s.name,
      grade: s.grade,
      group: s.group,
      days: totals.days,
      daysDocumented: totals.daysDocumented,
      daysUndocumented: totals.daysUndocumented,
      lessons: totals.lessons,
      lates: totals.lates,
      leftEarly: totals.leftEarly,
      schoolDays,
      absencePercent: schoolDays > 0 ? Math.round((totals.days * 1000) / schoolDays) / 10 : 0,
      level,
      openCase: options.openCaseStudentIds?.has(s.studentId) === true,
    };
  });
  const sorted = listOrder.sort(schoolId, rows);
  if (!shared) return sorted;
  // Shared from here on: every caller gets the same rows, so none may change them.
  deepFreeze(sorted);
  answers.set(key, { ...inputs, rows: sorted });
  return sorted;
}
