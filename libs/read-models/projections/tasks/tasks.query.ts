/**
 * GET /tasks?schoolId=&status=due|overdue (api.md, Read models): the follow-up steps the
 * school's plan asks for on `today`, per student, from the domain's `dueSteps`.
 *
 * Computed at read time rather than projected: whether a step is due or overdue depends on
 * `today`, and the plan and calendar are inputs, not events.
 */
import { createHash } from 'node:crypto';
import { dueSteps, type StepStatus } from '#domain/follow-up/index.js';
import type { ResponsibleRole } from '#domain/plans/index.js';
import type { CaseDoc } from '../cases/case-doc.js';
import { casesOfSchool, getCaseSchool, type CaseAndStudentReaders } from '../cases/case.queries.js';
import { FOLLOW_UP_STUDENTS, type FollowUpStudentDoc } from '../follow-up-students/follow-up-student-doc.js';
import { sharedCalendarCache, type CalendarCache } from '../concern/calendar-cache.js';
import { builtInPlanResolver, requirePlan, type PlanResolver } from '#domain/concern/concern-inputs.js';
import { schoolYearFor } from '#domain/calendar/school-years.js';
import { caseForTasks, followUpFacts } from './follow-up-facts.js';

export interface Task {
  /** Stable across reads and across the case being opened: student + step + trigger occurrence. */
  taskId: string;
  studentId: string;
  /** The case the student has on `today`, when there is one. */
  caseId?: string;
  stepId: string;
  /** The plan's wording of the step. */
  step: string;
  responsibleRole: ResponsibleRole;
  dueOn: string;
  status: StepStatus;
}

export interface TaskQueryOptions {
  plans?: PlanResolver;
  calendars?: CalendarCache;
}

/** `status` 'due' or 'overdue' filters; without it both ('done' only when asked for). Sorted by dueOn, student, step. */
export async function getTasks(
  readers: CaseAndStudentReaders,
  schoolId: string,
  status: StepStatus | undefined,
  today: string,
  options: TaskQueryOptions = {},
): Promise<Task[]> {
  const school = await getCaseSchool(readers.cases, schoolId);
  if (!school) return [];
  const plan = requirePlan(options.plans ?? builtInPlanResolver, school.planId, school.planVersion);
  const year = schoolYearFor(school.schoolYears, today);
  if (!year) return [];
  const calendar = (options.calendars ?? sharedCalendarCache).calendar(schoolId, year);
  const [students, cases] = await Promise.all([
    readers.students.find<FollowUpStudentDoc>(FOLLOW_UP_STUDENTS, { schoolId }),
    casesOfSchool(readers.cases, schoolId),
  ]);
  const casesByStudent = new Map<string, CaseDoc[]>();
  for (const c of cases) casesByStudent.set(c.studentId, [...(casesByStudent.get(c.studentId) ?? []), c]);

  const wanted = (s: StepStatus): boolean => (status === undefined ? s !== 'done' : s === status);
  const tasks: Task[] = [];
  for (const student of students) {
    const caseDoc = caseForTasks(casesByStudent.get(student.studentId) ?? [], today);
    for (const step of dueSteps(followUpFacts(student, caseDoc, today), plan, calendar, today)) {
      if (!wanted(step.status)) continue;
      tasks.push({
        taskId: taskId(student.studentId, step.key),
        studentId: student.studentId,
        ...(caseDoc ? { caseId: caseDoc.caseId } : {}),
        stepId: step.stepId,
        step: step.step,
        responsibleRole: step.responsibleRole,
        dueOn: step.dueOn,
        status: step.status,
      });
    }
  }
  return tasks.sort((a, b) => cmp(a.dueOn, b.dueOn) || cmp(a.studentId, b.studentId) || cmp(a.stepId, b.stepId) || cmp(a.taskId, b.taskId));
}

/** The step key already names the occurrence (`stepId@trigger`); hashing keeps ids opaque and short. */
export function taskId(studentId: string, stepKey: string): string {
  return createHash('sha256').update(`${studentId}\u0000${stepKey}`).digest('hex').slice(0, 32);
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
