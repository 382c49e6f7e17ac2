import type { StudentEvent } from '../events/index.js';
import type { AbsenceRecord, StudentState } from './student.state.js';
import { ABSENCE_FIELD_KEYS } from './absence-rules.js';
import { dictionaryModeCopy, withEntryInDictionaryMode } from '../shared/dictionary-mode-record.js';

function corrected(absence: AbsenceRecord, changes: Record<string, unknown>): AbsenceRecord {
  const next: Record<string, unknown> = { ...absence };
  for (const key of ABSENCE_FIELD_KEYS) {
    if (!(key in changes)) continue;
    if (changes[key] === null) delete next[key];
    else next[key] = changes[key];
  }
  return next as unknown as AbsenceRecord;
}

type AbsenceEvent = Extract<
  StudentEvent,
  { type: 'AbsenceRegistered' | 'AbsenceCorrected' | 'AbsenceRetracted' | 'AbsenceDocumentationReceived' }
>;

const ABSENCE_EVENTS: ReadonlySet<string> = new Set([
  'AbsenceRegistered',
  'AbsenceCorrected',
  'AbsenceRetracted',
  'AbsenceDocumentationReceived',
]);

/** An event that changes one registration (and nothing else but the revision). */
export function isAbsenceEvent(event: StudentEvent): event is AbsenceEvent {
  return ABSENCE_EVENTS.has(event.type);
}

/**
 * The registration as an absence event leaves it, or undefined when the event names a
 * registration the state does not have (then only the revision moves). `previous` is the
 * state's registration with the event's `absenceId`, looked up by the caller (the
 * student-absence projection keeps its registrations otherwise than the domain's map). The
 * one place the registration transitions live: `evolveStudent` and the student-absence
 * projection (which updates its cached document in place) both use it.
 */
export function absenceAfter(previous: AbsenceRecord | undefined, event: AbsenceEvent): AbsenceRecord | undefined {
  if (event.type === 'AbsenceRegistered') return registeredAbsence(event.data);

  if (!previous) return undefined;
  if (event.type === 'AbsenceCorrected') return corrected(previous, event.data.changes);
  if (event.type === 'AbsenceRetracted') return { ...previous, retracted: true };
  return { ...previous, documented: true };
}

/** The registration an AbsenceRegistered event records: its fields without the student, not retracted. */
export function registeredAbsence(data: Extract<StudentEvent, { type: 'AbsenceRegistered' }>['data']): AbsenceRecord {
  const { studentId: _student, absenceId, ...fields } = data;
  return { absenceId, ...fields, retracted: false } as AbsenceRecord;
}

/**
 * Folds one event. Never throws: an event that does not fit the state (which `decide`
 * would not have produced) only advances the revision, so stored history always loads.
 */
export function evolveStudent(state: StudentState, event: StudentEvent): StudentState {
  const revision = state.revision + 1;
  if (event.type === 'StudentEnrolled') {
    const { studentId, schoolId, name, grade, group, birthDate } = event.data;
    return {
      status: 'enrolled',
      studentId,
      schoolId,
      name,
      grade,
      group,
      ...(birthDate === undefined ? {} : { birthDate }),
      absences: {},
      concernLevel: 'green',
      concernTriggers: [],
      manualRaises: [],
      revision,
    };
  }
  if (state.status !== 'enrolled') return { ...state, revision };
  if (isAbsenceEvent(event)) {
    const record = absenceAfter(state.absences[event.data.absenceId], event);
    return record
      ? { ...state, absences: withEntryInDictionaryMode(state.absences, record.absenceId, record), revision }
      : { ...state, revision };
  }
  switch (event.type) {
    case 'StudentMoved': {
      const { schoolId, grade, group, on } = event.data;
      const placements = [...(state.placements ?? []), { schoolId: state.schoolId, grade: state.grade, group: state.group, until: on }];
      return { ...state, schoolId, grade, group, placements, revision };
    }
    case 'ConcernRaisedManually': {
      const { level, reason, on, overrideId, until } = event.data;
      const raise = { level, reason, on, ...(overrideId === undefined ? {} : { overrideId }), ...(until === undefined ? {} : { until }) };
      return { ...state, manualRaises: [...state.manualRaises, raise], revision };
    }
    case 'ConcernOverrideWithdrawn': {
      const { overrideId, on } = event.data;
      const manualRaises = state.manualRaises.map((r) => (r.overrideId === overrideId ? { ...r, withdrawnOn: on } : r));
      return { ...state, manualRaises, revision };
    }
    case 'ConcernLevelChanged':
      return { ...state, concernLevel: event.data.to, concernTriggers: event.data.triggers, levelAsOf: event.data.asOf, revision };
    case 'StudentContactRecorded':
      return { ...state, contactIds: [...(state.contactIds ?? []), event.data.contactId], revision };
    case 'FollowUpStepCompleted':
    case 'FollowUpStepWaived':
      return { ...state, closedTaskIds: [...(state.closedTaskIds ?? []), event.data.taskId], revision };
    case 'StudentErased':
      return { ...state, erased: { erasureId: event.data.erasureId, on: event.data.on }, revision };
  }
}

/**
 * Folds `events` onto `state`: the state `events.reduce(evolveStudent, state)` gives (a property
 * spec checks), with the registrations copied once per fold rather than once per registration.
 * Loading a student's school year one event at a time copied the map some fifty times, the
 * largest part of a load (BENCHMARKS.md, twelfth round). The copy is this fold's own, so writing
 * into it changes no state anyone else holds.
 */
export function foldStudent(state: StudentState, events: readonly StudentEvent[]): StudentState {
  let current = state;
  let own: Record<string, AbsenceRecord> | undefined;
  for (const event of events) {
    if (current.status !== 'enrolled' || !isAbsenceEvent(event)) {
      current = evolveStudent(current, event);
      continue;
    }
    if (own === undefined || current.absences !== own) own = dictionaryModeCopy(current.absences);
    const record = absenceAfter(own[event.data.absenceId], event);
    if (record) own[record.absenceId] = record;
    current = { ...current, absences: own, revision: current.revision + 1 };
  }
  return current;
}
