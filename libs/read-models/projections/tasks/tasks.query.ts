/**
 * GET /tasks?schoolId=&studentId=&status= (api.md, Read models): the follow-up steps the
 * school's plan asks for on `today`, per student, from the domain's `dueSteps`.
 *
 * Computed at read time rather than projected: whether a step is due or overdue depends on
 * `today`, and the plan and calendar are inputs, not events.
 */
import { dueSteps, taskHistory, type DueStep, type StepStatus } from '#domain/follow-up/index.js';
import type { ResponsibleRole } from '#domain/plans/index.js';
import type { CaseDoc, CaseSchoolDoc } from '../cases/case-doc.js';
import { casesOfSchool, casesOfStudent, getCaseSchool, studentsOfSchool, type CaseAndStudentReaders } from '../cases/case.queries.js';
import { FOLLOW_UP_STUDENTS, type FollowUpStudentDoc } from '../follow-up-students/follow-up-student-doc.js';
import { sharedCalendarCache, type CalendarCache } from '../concern/calendar-cache.js';
import { builtInPlanResolver, requirePlan, type PlanResolver } from '#domain/concern/concern-inputs.js';
import { schoolYearFor } from '#domain/calendar/school-years.js';
import { caseForTasks, followUpFacts } from './follow-up-facts.js';
import { taskId } from './task-id.js';
import { reviewsOfSchool, routineOccurrences, routineTasks, type RoutineTask } from '../reviews/review-tasks.js';

export { taskId, studentOfTask } from './task-id.js';

/** A step for one student (scope `student`), or a routine review for a group or the school. */
export type Task = StudentTask | RoutineTask;

export interface StudentTask {
  /** Stable for as long as its step is asked for: student + step + trigger occurrence (task-id.ts). */
  taskId: string;
  scope: 'student';
  studentId: string;
  studentName: string;
  group: string;
  /** The case the student has on `today`, when there is one. */
  caseId?: string;
  /** The measure the step is about (its evaluation), when it is about one. */
  measureId?: string;
  step: { id: string; title: string; planId: string };
  /** The same as `step.id`, kept for clients of the first version. */
  stepId: string;
  responsibleRole: ResponsibleRole;
  dueOn: string;
  status: StepStatus;
  /** What set the step off, and on which date. */
  trigger: { type: string; on: string };
  /** How the step is closed: by the record it asks for (a contact, a meeting …), or by hand (POST /tasks/:id/completion). */
  closedBy: 'record' | 'hand';
  /** Done or waived: the date of the record, completion or waiver. */
  doneAt?: string;
  /** Completed or waived by hand: who did (an id). */
  doneBy?: string;
  /** Waived: the leader's reason. */
  waivedBecause?: string;
}

/** What the completion and waiver handlers need beside the row: the occurrence and whether records fulfil it. */
export interface TaskInternals {
  occurrence: string;
  fulfilledByRecords: boolean;
  schoolId: string;
}

export interface TaskQueryOptions {
  plans?: PlanResolver;
  calendars?: CalendarCache;
}

export interface TaskFilter {
  /** One status; without it due and overdue. */
  status?: StepStatus;
  studentId?: string;
  /** Students of these groups only (a contact teacher's own); null or absent: all. */
  groups?: readonly string[] | null;
}

/**
 * Sorted by dueOn, student, step. A `StepStatus` as the filter is read as `{ status }` (the first
 * version's signature). Routine reviews come with the students' steps unless one student is asked for.
 */
export async function getTasks(
  readers: CaseAndStudentReaders,
  schoolId: string,
  filter: TaskFilter | StepStatus | undefined,
  today: string,
  options: TaskQueryOptions = {},
): Promise<Task[]> {
  const f: TaskFilter = typeof filter === 'string' ? { status: filter } : (filter ?? {});
  const wanted = (s: StepStatus): boolean => (f.status === undefined ? s === 'due' || s === 'overdue' : s === f.status);
  const students: Task[] = (await tasksWithInternals(readers, schoolId, f, today, options)).map((t) => t.task);
  const routines: Task[] = f.studentId === undefined ? await routineTasksOf(readers, schoolId, f.groups ?? null, today, options) : [];
  return [...students, ...routines].filter((t) => wanted(t.status)).sort(byDueStudentStep);
}

async function routineTasksOf(
  readers: CaseAndStudentReaders,
  schoolId: string,
  groups: readonly string[] | null,
  today: string,
  options: TaskQueryOptions,
): Promise<RoutineTask[]> {
  const school = await getCaseSchool(readers.cases, schoolId);
  const on = school && planOn(school, today, options);
  if (!on) return [];
  const { plan, calendar } = on;
  const [people, reviews] = await Promise.all([studentsOfSchool(readers.cases, schoolId), reviewsOfSchool(readers.cases, schoolId)]);
  const schoolGroups = [...new Set(people.map((p) => p.group))].sort();
  // A contact teacher sees the routines of the own groups, not the whole school's.
  const tasks = routineTasks(schoolId, plan.id, routineOccurrences(plan, calendar, groups ?? schoolGroups, reviews, today));
  return groups === null ? tasks : tasks.filter((t) => t.scope === 'group');
}

/** The school's plan and its calendar for the school year `today` lies in; undefined when no year holds it. */
function planOn(school: CaseSchoolDoc, today: string, options: TaskQueryOptions) {
  const plan = requirePlan(options.plans ?? builtInPlanResolver, school.planId, school.planVersion);
  const year = schoolYearFor(school.schoolYears, today);
  if (!year) return undefined;
  return { plan, year, calendar: (options.calendars ?? sharedCalendarCache).calendar(school.schoolId, year) };
}

function byDueStudentStep(a: Task, b: Task): number {
  const student = (t: Task) => (t.scope === 'student' ? t.studentId : '');
  return cmp(a.dueOn, b.dueOn) || cmp(student(a), student(b)) || cmp(a.stepId, b.stepId) || cmp(a.taskId, b.taskId);
}

/** Per student, the earliest due date of the open steps (overdue ones included): the case list's `nextDueOn`. */
export async function nextDueByStudent(
  readers: CaseAndStudentReaders,
  schoolId: string,
  groups: readonly string[] | null,
  today: string,
  options: TaskQueryOptions = {},
): Promise<Map<string, string>> {
  const nextDue = new Map<string, string>();
  for (const { task } of await tasksWithInternals(readers, schoolId, { groups }, today, options)) {
    if (task.status !== 'due' && task.status !== 'overdue') continue;
    const before = nextDue.get(task.studentId);
    if (before === undefined || task.dueOn < before) nextDue.set(task.studentId, task.dueOn);
  }
  return nextDue;
}

/** The task with this id if the school's plan asks for it today (any status), with what a write needs. */
export async function findTask(
  readers: CaseAndStudentReaders,
  schoolId: string,
  studentId: string,
  id: string,
  today: string,
  options: TaskQueryOptions = {},
): Promise<{ task: StudentTask; internals: TaskInternals } | undefined> {
  return (await tasksWithInternals(readers, schoolId, { studentId }, today, options)).find((t) => t.task.taskId === id);
}

async function tasksWithInternals(
  readers: CaseAndStudentReaders,
  schoolId: string,
  filter: TaskFilter,
  today: string,
  options: TaskQueryOptions,
): Promise<{ task: StudentTask; internals: TaskInternals }[]> {
  const school = await getCaseSchool(readers.cases, schoolId);
  const on = school && planOn(school, today, options);
  if (!on) return [];
  const { plan, calendar } = on;
  const [students, cases, people] = await Promise.all([
    filter.studentId === undefined
      ? readers.students.find<FollowUpStudentDoc>(FOLLOW_UP_STUDENTS, { schoolId })
      : readers.students.get<FollowUpStudentDoc>(FOLLOW_UP_STUDENTS, filter.studentId).then((d) => (d ? [d] : [])),
    casesOfSchool(readers.cases, schoolId),
    studentsOfSchool(readers.cases, schoolId),
  ]);
  const person = new Map(people.map((p) => [p.studentId, p]));
  const groups = filter.groups ? new Set(filter.groups) : null;
  const casesByStudent = new Map<string, CaseDoc[]>();
  for (const c of cases) casesByStudent.set(c.studentId, [...(casesByStudent.get(c.studentId) ?? []), c]);

  const out: { task: StudentTask; internals: TaskInternals }[] = [];
  for (const student of students) {
    const who = person.get(student.studentId);
    // A student who moved to another school keeps the documents; the tasks are the new school's.
    if (student.schoolId !== schoolId || !who) continue;
    if (groups && !groups.has(who.group)) continue;
    const caseDoc = caseForTasks(casesByStudent.get(student.studentId) ?? [], today);
    for (const step of dueSteps(followUpFacts(student, caseDoc, today), plan, calendar, today)) {
      out.push({
        task: row(step, student, who, plan.id, caseDoc),
        internals: { occurrence: step.key, fulfilledByRecords: step.fulfilledByRecords, schoolId },
      });
    }
  }
  return out.sort(
    (a, b) =>
      cmp(a.task.dueOn, b.task.dueOn) ||
      cmp(a.task.studentId, b.task.studentId) ||
      cmp(a.task.stepId, b.task.stepId) ||
      cmp(a.task.taskId, b.task.taskId),
  );
}

function row(
  step: DueStep,
  student: FollowUpStudentDoc,
  who: { name: string; group: string },
  planId: string,
  caseDoc: CaseDoc | undefined,
): StudentTask {
  const id = taskId(student.studentId, step.key);
  const byHand = student.byHand;
  const completion = byHand?.completedSteps.find((c) => c.key === step.key);
  const waiver = byHand?.waivedSteps.find((w) => w.key === step.key);
  const closedBy = step.status === 'waived' ? waiver : step.byHand ? completion : undefined;
  return {
    taskId: id,
    scope: 'student',
    studentId: student.studentId,
    studentName: who.name,
    group: who.group,
    ...(caseDoc ? { caseId: caseDoc.caseId } : {}),
    ...(step.measureId ? { measureId: step.measureId } : {}),
    step: { id: step.stepId, title: step.step, planId },
    stepId: step.stepId,
    responsibleRole: step.responsibleRole,
    dueOn: step.dueOn,
    status: step.status,
    trigger: { type: step.trigger.type, on: step.trigger.on },
    closedBy: step.fulfilledByRecords ? 'record' : 'hand',
    ...(step.doneOn === undefined ? {} : { doneAt: step.doneOn }),
    ...(closedBy?.by === undefined ? {} : { doneBy: closedBy.by }),
    ...(step.status === 'waived' && waiver?.reason !== undefined ? { waivedBecause: waiver.reason } : {}),
  };
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export interface TaskHistoryRow {
  taskId: string;
  step: { id: string; title: string; planId: string };
  responsibleRole: ResponsibleRole;
  trigger: { type: string; on: string };
  since: string;
  dueOn: string;
  status: StepStatus | 'no-longer-asked';
  doneAt?: string;
  endedOn?: string;
}

/** GET /students/:studentId/tasks/history: every step the plan asked for this school year, and how it ended. */
export async function getStudentTaskHistory(
  readers: CaseAndStudentReaders,
  studentId: string,
  today: string,
  options: TaskQueryOptions = {},
): Promise<TaskHistoryRow[] | undefined> {
  const student = await readers.students.get<FollowUpStudentDoc>(FOLLOW_UP_STUDENTS, studentId);
  if (!student) return undefined;
  const school = await getCaseSchool(readers.cases, student.schoolId);
  if (!school) return undefined;
  const on = planOn(school, today, options);
  if (!on) return [];
  const { plan, calendar, year } = on;
  const facts = followUpFacts(student, caseForTasks(await casesOfStudent(readers.cases, studentId), today), today);
  return taskHistory(facts, plan, calendar, year.start, today).map((h) => ({
    taskId: taskId(studentId, h.step.key),
    step: { id: h.step.stepId, title: h.step.step, planId: plan.id },
    responsibleRole: h.step.responsibleRole,
    trigger: { type: h.step.trigger.type, on: h.step.trigger.on },
    since: h.since,
    dueOn: h.step.dueOn,
    status: h.status,
    ...(h.status === 'no-longer-asked' ? { endedOn: h.endedOn } : h.step.doneOn ? { doneAt: h.step.doneOn } : {}),
  }));
}
