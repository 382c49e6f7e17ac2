/**
 * The concern saga's decision, as a pure function: after an event that can change a
 * student's concern level, evaluate the plan and, when the level differs from the one last
 * recorded, issue RecordConcernLevelChange.
 *
 * The API layer runs it on the events in CONCERN_SAGA_EVENTS and appends the resulting
 * ConcernLevelChanged with `id = change.eventId` and `causationId = change.causationId`.
 * The id is derived from the causing event's id, so processing the same event again (a
 * restart, a redelivery) appends the same id and the store's id idempotency makes it a
 * no-op instead of a second level change.
 */
import { evaluate, type EvaluationFlags } from '#domain/concern/index.js';
import type { SchoolCalendar } from '#domain/calendar/index.js';
import type { Plan } from '#domain/plans/index.js';
import type { EnrolledStudent, RecordConcernLevelChange } from '#domain/student/index.js';
import { nameBasedUuid } from '#event-store/name-based-uuid.js';
import { overridesOf, registrationsOf, type ConcernInputState } from '#domain/concern/concern-inputs.js';
import type { ConcernCause } from '#domain/events/index.js';

/** Events after which the level is evaluated again. Documentation changes no count, so it is not here. */
export const CONCERN_SAGA_EVENTS = [
  'AbsenceRegistered',
  'AbsenceCorrected',
  'AbsenceRetracted',
  'ConcernRaisedManually',
  'ConcernOverrideWithdrawn',
] as const;

/**
 * Case events that change a fact a plan's rule reads (Bærum's red: a case in phase 3 or later
 * whose last evaluation did not resolve, plans.md baerum). They are on the case's stream; the
 * runner finds the student from the cases read model.
 */
export const CONCERN_SAGA_CASE_EVENTS = ['PhaseChanged', 'MeasureEvaluated', 'CaseClosed', 'CaseReopened'] as const;

/** What kind of thing moved the level, by the causing event's type (api.md: concern history's `cause`). */
export function concernCauseOf(eventType: string): ConcernCause {
  if (eventType === 'ConcernRaisedManually' || eventType === 'ConcernOverrideWithdrawn') return 'override';
  if ((CONCERN_SAGA_CASE_EVENTS as readonly string[]).includes(eventType)) return 'case';
  return 'registration';
}

/** Namespace of the saga's event ids: the v5 UUID of 'urn:skolefravaer:concern-saga' in the URL namespace. */
export const CONCERN_SAGA_NAMESPACE = '32424924-3af8-523d-b9d4-4e8f225c209b';

/** The id of the ConcernLevelChanged caused by event `causingEventId`: a v5 UUID of `concern:<id>`. */
export function concernChangeEventId(causingEventId: string): string {
  return nameBasedUuid(`concern:${causingEventId}`, CONCERN_SAGA_NAMESPACE);
}

/**
 * The student as folded through the causing event (either the command side's
 * `EnrolledStudent` or the student-absence document, which is that fold plus totals).
 */
export type ConcernSagaState = Pick<EnrolledStudent, 'studentId' | 'manualRaises' | 'concernLevel'> & Pick<ConcernInputState, 'absences'>;

export interface ConcernChange {
  command: RecordConcernLevelChange;
  /** Use as the appended ConcernLevelChanged's id. */
  eventId: string;
  /** Use as its metadata.causationId: the causing event's id. */
  causationId: string;
}

/**
 * @param event the causing event (its id and type; its data's studentId must be the student's)
 * @param student the student's state including `event`
 * @param plan the plan of the student's school
 * @param calendar that school's calendar for the school year containing `today`
 * @param today the evaluation date (Norwegian business date): windows end on it
 * @param flags facts the caller knows from other read models, e.g. `caseInPhase3Unresolved` (Bærum)
 * @returns the command, or null when the event is not one the saga reacts to or the level is unchanged
 */
export function concernChangeFor(
  event: { readonly id: string; readonly type: string; readonly data: unknown },
  student: ConcernSagaState,
  plan: Plan,
  calendar: SchoolCalendar,
  today: string,
  flags: EvaluationFlags = {},
): ConcernChange | null {
  const onCase = (CONCERN_SAGA_CASE_EVENTS as readonly string[]).includes(event.type);
  if (!onCase && !(CONCERN_SAGA_EVENTS as readonly string[]).includes(event.type)) return null;
  // A case event's student is found by the runner; a student event names its own.
  if (!onCase && (event.data as { studentId?: unknown } | null)?.studentId !== student.studentId) return null;
  const result = evaluate(registrationsOf(student), plan, calendar, today, { ...flags, overrides: overridesOf(student) });
  if (result.level === student.concernLevel) return null;
  return {
    command: {
      type: 'RecordConcernLevelChange',
      data: {
        studentId: student.studentId,
        level: result.level,
        triggers: result.triggers,
        asOf: today,
        cause: concernCauseOf(event.type),
      },
    },
    eventId: concernChangeEventId(event.id),
    causationId: event.id,
  };
}
