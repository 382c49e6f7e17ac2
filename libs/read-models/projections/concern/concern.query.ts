import { evaluate } from '#domain/concern/index.js';
import type { ConcernLevel, TriggerUnit } from '#domain/events/index.js';
import { getSchool } from '../directory/directory.query.js';
import { getStudentAbsence } from '../student-absence/student-absence.query.js';
import type { AbsenceReaders } from './absence-readers.js';
import { CalendarCache, sharedCalendarCache } from './calendar-cache.js';
import { builtInPlanResolver, overridesOf, registrationsOf, requirePlan, type PlanResolver } from '#domain/concern/concern-inputs.js';

/** GET /students/:studentId/concern, exactly as api.md gives it. */
export interface ConcernView {
  studentId: string;
  planId: string;
  level: ConcernLevel;
  triggers: {
    ruleId: string;
    level: ConcernLevel;
    description: string;
    window: { from: string; to: string };
    count: number;
    threshold: number;
    unit: TriggerUnit;
  }[];
}

export interface ConcernQueryOptions {
  /**
   * Bærum's red rule fires only "together with a case in phase 3 or later that did not
   * resolve" (plans.md, baerum). The case read model knows phases, so the caller looks it up
   * and passes true; absent or false, that rule does not fire. Other plans have no such rule.
   */
  caseInPhase3Unresolved?: boolean;
  /** Default: the process-wide cache. */
  calendars?: CalendarCache;
  /** Default: the built-in plans. */
  plans?: PlanResolver;
}

/**
 * The student's concern level evaluated on `asOf` (business time): the plan's windows end on
 * it and every registration known now with a date up to it counts, so asking again about the
 * same date after a late registration can give a higher level. The school's plan and the
 * calendar of the school year containing `asOf` are used.
 *
 * null when the student is not enrolled (404). Throws when the school's plan is unknown.
 */
export async function getConcern(
  readers: AbsenceReaders,
  studentId: string,
  asOf: string,
  options: ConcernQueryOptions = {},
): Promise<ConcernView | null> {
  const student = await getStudentAbsence(readers.studentAbsence, studentId);
  if (!student) return null;
  const school = await getSchool(readers.directory, student.schoolId);
  if (!school) return null;
  const plan = requirePlan(options.plans ?? builtInPlanResolver, school.planId, school.planVersion);
  const calendar = (options.calendars ?? sharedCalendarCache).calendarOn(school, asOf);
  const result = evaluate(registrationsOf(student), plan, calendar, asOf, {
    overrides: overridesOf(student),
    caseInPhase3Unresolved: options.caseInPhase3Unresolved === true,
  });
  return {
    studentId,
    planId: plan.id,
    level: result.level,
    // Built field by field so the response holds exactly the contract's fields.
    triggers: result.triggers.map((t) => ({
      ruleId: t.ruleId,
      level: t.level,
      description: t.description,
      window: { from: t.window.from, to: t.window.to },
      count: t.count,
      threshold: t.threshold,
      unit: t.unit,
    })),
  };
}
