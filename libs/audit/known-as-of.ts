/**
 * "What did the school know about this student at instant T?" for auditors: everything is
 * replayed from the streams as they were recorded by T (recordedAt ≤ T), nothing comes from
 * read models, so a registration, correction or case record made later cannot leak in.
 *
 * - registrations: the student's stream folded up to T (corrections recorded by then applied,
 *   retractions flagged), each with when it was recorded;
 * - concern: the school's plan evaluated on T's business date (Europe/Oslo) over those
 *   registrations and the levels raised by hand by then, with the calendar known then;
 * - cases: each of the student's cases as recorded by T (the same as GET /cases/:id?asOf=T);
 * - tasks: the plan's follow-up steps on that date from the same facts (due, overdue, done).
 */
import type { StoredEvent } from '#event-store/event-store.port.js';
import { createSchoolCalendar } from '#domain/calendar/index.js';
import { caseDecider, caseView, type CaseView, type OpenedCase } from '#domain/case/index.js';
import { evaluate, type ConcernTrigger } from '#domain/concern/index.js';
import type { ConcernLevel, SchoolYear } from '#domain/events/index.js';
import { toDomainEvent } from '#domain/events/upcast.js';
import { dueSteps, type CaseFacts, type FollowUpFacts, type StepStatus } from '#domain/follow-up/index.js';
import { getPlan, type Plan, type ResponsibleRole } from '#domain/plans/index.js';
import { schoolDecider } from '#domain/school/index.js';
import { fold } from '#domain/shared/decider.js';
import { addStudentFollowUpRecord, emptyStudentFollowUpRecords, studentDecider, type AbsenceRecord } from '#domain/student/index.js';
import { overridesOf, registrationsOf } from '#domain/concern/concern-inputs.js';
import { schoolYearFor, withSchoolYear } from '#domain/calendar/school-years.js';

export interface KnownRegistration extends AbsenceRecord {
  /** When the registration was recorded. */
  readonly recordedAt: string;
  /** When it was last changed (corrected, retracted, documented) by T; absent if never. */
  readonly changedAt?: string;
}

export interface KnownTask {
  readonly stepId: string;
  readonly step: string;
  readonly responsibleRole: ResponsibleRole;
  readonly dueOn: string;
  readonly status: StepStatus;
  /** What set the step off, and on which date (e.g. the first day of an unreported absence). */
  readonly trigger: { readonly type: string; readonly on: string };
  readonly caseId?: string;
}

export interface KnownAsOf {
  readonly studentId: string;
  /** The instant asked about. */
  readonly asOf: string;
  /** The business date the concern level and tasks are evaluated on (see `KnownAsOfInput.evaluationDate`). */
  readonly asOfDate: string;
  readonly student: { readonly name: string; readonly grade: number; readonly group: string; readonly schoolId: string };
  /** Every registration recorded by then, as it stood then, by date. */
  readonly registrations: readonly KnownRegistration[];
  readonly concern: {
    readonly planId: string;
    /** The plan evaluated on asOfDate with only what was recorded by asOf. */
    readonly level: ConcernLevel;
    readonly triggers: readonly ConcernTrigger[];
    /** The level the system had recorded (ConcernLevelChanged) by asOf. */
    readonly recordedLevel: ConcernLevel;
  };
  /** The student's cases opened by then, each as recorded by asOf. */
  readonly cases: readonly CaseView[];
  /** The follow-up steps of the plan on asOfDate (not those done). */
  readonly tasks: readonly KnownTask[];
  /** How many events of the student's stream were recorded by then. */
  readonly events: number;
}

export interface KnownAsOfInput {
  readonly asOf: string;
  /**
   * The business date to evaluate on. Default: asOf's date in Europe/Oslo. The service passes
   * that date but never later than its own today, so a pinned business date (CLOCK_TODAY) and
   * an instant in the future are read the way every other route reads them.
   */
  readonly evaluationDate?: string;
  readonly studentEvents: readonly StoredEvent[];
  readonly schoolEvents: readonly StoredEvent[];
  /** Every case stream of the student (any order); streams with nothing recorded by asOf are ignored. */
  readonly caseHistories: readonly (readonly StoredEvent[])[];
  /** Finds the plan the school adopted. Default: the built-in plans. */
  readonly plans?: (planId: string, planVersion: number) => Plan | undefined;
}

const osloDateFormat = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Oslo', year: 'numeric', month: '2-digit', day: '2-digit' });

/** The Norwegian business date of an instant. */
export function osloDateOf(instant: string): string {
  return osloDateFormat.format(new Date(instant));
}

/** The last millisecond of the Oslo day `date` as a UTC instant: "what was known on date D". */
export function endOfOsloDay(date: string): string {
  const offset = new Intl.DateTimeFormat('en-US', { timeZone: 'Europe/Oslo', timeZoneName: 'shortOffset' })
    .formatToParts(new Date(`${date}T12:00:00Z`))
    .find((p) => p.type === 'timeZoneName')?.value;
  const hours = Number(/GMT([+-]\d+)/.exec(offset ?? '')?.[1] ?? 1);
  return new Date(Date.parse(`${date}T23:59:59.999Z`) - hours * 3_600_000).toISOString();
}

/**
 * The events of one stream recorded by `asOf`: the revisions up to the first one recorded
 * later. recordedAt is stamped just before the write lock is taken, so an append that waited
 * for the lock (another process writing) can carry an earlier stamp than the revision before
 * it; cutting at the first later stamp keeps the answer a prefix of the stream, never a
 * history with a hole in it.
 */
export function recordedBy(events: readonly StoredEvent[], asOf: string): StoredEvent[] {
  const limit = Date.parse(asOf);
  const firstLater = events.findIndex((e) => Date.parse(e.metadata.recordedAt) > limit);
  return firstLater < 0 ? [...events] : events.slice(0, firstLater);
}

const domain = (events: readonly StoredEvent[]) => events.map((e) => toDomainEvent(e)) as never[];

/** null when the student was not enrolled yet at asOf. */
export function knownAsOf(input: KnownAsOfInput): KnownAsOf | null {
  const { asOf } = input;
  const asOfDate = input.evaluationDate ?? osloDateOf(asOf);
  const studentEvents = recordedBy(input.studentEvents, asOf);
  const student = fold(studentDecider, domain(studentEvents));
  if (student.status !== 'enrolled') return null;

  // The school as known then; every school year it has had by then, to read asOfDate in.
  const schoolEvents = recordedBy(input.schoolEvents, asOf);
  const school = fold(schoolDecider, domain(schoolEvents));
  if (school.status !== 'registered') return null;
  let years: SchoolYear[] = [];
  for (const e of schoolEvents) {
    const year = (e.data as { schoolYear?: SchoolYear }).schoolYear;
    if (year) years = withSchoolYear(years, year);
  }
  const calendar = createSchoolCalendar(schoolYearFor(years, asOfDate) ?? school.schoolYear);
  const plan = (input.plans ?? getPlan)(school.planId, school.planVersion) ?? getPlan(school.planId);
  if (!plan) throw new Error(`school ${school.schoolId} adopted unknown plan ${school.planId}`);

  // When each registration was recorded and last changed.
  const recordedAt = new Map<string, string>();
  const changedAt = new Map<string, string>();
  let recordedLevel: ConcernLevel = 'green';
  const levelChanges: { level: ConcernLevel; on: string }[] = [];
  // When the guardians' report came, if a correction brought it (the follow-up engine asks).
  const reportedOn = new Map<string, string>();
  const byHand = emptyStudentFollowUpRecords();
  for (const e of studentEvents) {
    addStudentFollowUpRecord(byHand, toDomainEvent(e) as never);
    const d = e.data as {
      absenceId?: string;
      to?: ConcernLevel;
      asOf?: string;
      on?: string;
      changes?: { reportedByGuardian?: unknown };
      previous?: { reportedByGuardian?: unknown };
    };
    if (e.type === 'AbsenceRegistered' && d.absenceId) recordedAt.set(d.absenceId, e.metadata.recordedAt);
    else if (d.absenceId) changedAt.set(d.absenceId, e.metadata.recordedAt);
    if (
      e.type === 'AbsenceCorrected' &&
      d.absenceId &&
      d.on &&
      d.changes?.reportedByGuardian === true &&
      d.previous?.reportedByGuardian !== true
    ) {
      reportedOn.set(d.absenceId, d.on);
    }
    if (e.type === 'ConcernLevelChanged' && d.to) {
      recordedLevel = d.to;
      levelChanges.push({ level: d.to, on: d.asOf ?? osloDateOf(e.metadata.recordedAt) });
    }
  }
  const registrations: KnownRegistration[] = Object.values(student.absences)
    .map((a) => ({
      ...a,
      recordedAt: recordedAt.get(a.absenceId)!,
      ...(changedAt.has(a.absenceId) ? { changedAt: changedAt.get(a.absenceId)! } : {}),
    }))
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.recordedAt < b.recordedAt ? -1 : a.recordedAt > b.recordedAt ? 1 : 0));

  const cases = input.caseHistories
    .map((history) => fold(caseDecider, domain(recordedBy(history, asOf))))
    .filter((c): c is OpenedCase => c.status !== 'none')
    .sort((a, b) => (a.openedOn < b.openedOn ? -1 : a.openedOn > b.openedOn ? 1 : 0));
  // The case the tasks belong to: the one open then, else the last one opened.
  const current = cases.find((c) => c.status === 'open') ?? cases.at(-1);

  const evaluation = evaluate(registrationsOf(student), plan, calendar, asOfDate, {
    overrides: overridesOf(student),
    caseInPhase3Unresolved: cases.some((c) => inPhase3Unresolved(c, asOfDate)),
  });

  const facts: FollowUpFacts = {
    levelChanges,
    dayAbsences: registrations
      .filter((r) => !r.retracted && r.kind === 'day')
      .map((r) => ({
        date: r.date,
        reportedByGuardian: r.reportedByGuardian,
        recordedOn: osloDateOf(r.recordedAt),
        ...(r.reportedByGuardian && reportedOn.has(r.absenceId) ? { reportedOn: reportedOn.get(r.absenceId)! } : {}),
      })),
    lessonAbsences: registrations
      .filter((r) => !r.retracted && r.kind === 'lesson')
      .map((r) => ({ date: r.date, ...(r.lessons === undefined ? {} : { lessons: r.lessons }) })),
    ...(current ? { case: caseFacts(current) } : {}),
    ...byHand,
  };
  const tasks = dueSteps(facts, plan, calendar, asOfDate)
    .filter((s) => s.status === 'due' || s.status === 'overdue')
    .map((s) => ({
      stepId: s.stepId,
      step: s.step,
      responsibleRole: s.responsibleRole,
      dueOn: s.dueOn,
      status: s.status,
      trigger: { type: s.trigger.type, on: s.trigger.on },
      ...(current ? { caseId: current.caseId } : {}),
    }));

  return {
    studentId: student.studentId,
    asOf,
    asOfDate,
    student: { name: student.name, grade: student.grade, group: student.group, schoolId: student.schoolId },
    registrations,
    concern: { planId: plan.id, level: evaluation.level, triggers: evaluation.triggers, recordedLevel },
    cases: cases.map(caseView),
    tasks,
    events: studentEvents.length,
  };
}

/** Bærum's condition from a case as recorded: open, in phase 3 or later, last evaluation by then not resolved. */
function inPhase3Unresolved(c: OpenedCase, date: string): boolean {
  if (c.status !== 'open' || c.phase < 3) return false;
  const evaluations = c.measures.flatMap((m) => m.evaluations).filter((e) => e.on <= date);
  const latest = evaluations.sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : 0)).at(-1);
  return latest?.outcome !== 'resolved';
}

function caseFacts(c: OpenedCase): CaseFacts {
  return {
    openedOn: c.openedOn,
    phase: c.phase,
    phaseChanges: c.phaseHistory.map((p) => ({ phase: p.phase, on: p.on })),
    contacts: c.contacts.map((x) => ({ with: x.with, at: x.at, channel: x.channel })),
    meetings: c.meetings.map((m) => ({ type: m.type, heldAt: m.heldAt })),
    measures: c.measures.map((m) => ({
      measureId: m.measureId,
      startsOn: m.startsOn,
      evaluateBy: m.evaluateBy,
      evaluations: m.evaluations.map((e) => ({ at: e.on, outcome: e.outcome })),
    })),
    mappings: c.mappings.map((m) => ({ at: m.on })),
    consents: c.consents.map((x) => ({ purpose: x.purpose, givenAt: x.givenAt })),
    referrals: c.referrals.map((r) => ({ to: r.to, at: r.at })),
    ...(c.returnPlan ? { returnPlan: { startsOn: c.returnPlan.startsOn } } : {}),
    ...(c.status === 'closed' && c.closure ? { closedOn: c.closure.on } : {}),
  };
}
