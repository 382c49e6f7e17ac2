import type { AbsenceFields, StudentEvent } from '../events/index.js';
import type { AbsenceRecord, StudentState } from './student.state.js';
import { ABSENCE_FIELD_KEYS } from './absence-rules.js';
import { withEntry } from '../shared/keyed-copy.js';

function corrected(absence: AbsenceRecord, changes: Record<string, unknown>): AbsenceRecord {
  const next: Record<string, unknown> = { ...absence };
  for (const key of ABSENCE_FIELD_KEYS) {
    if (!(key in changes)) continue;
    if (changes[key] === null) delete next[key];
    else next[key] = changes[key];
  }
  return next as unknown as AbsenceRecord;
}

/**
 * Folds one event. Never throws: an event that does not fit the state (which `decide`
 * would not have produced) only advances the revision, so stored history always loads.
 */
export function evolveStudent(state: StudentState, event: StudentEvent): StudentState {
  const revision = state.revision + 1;
  if (event.type === 'StudentEnrolled') {
    const { studentId, schoolId, name, grade, group } = event.data;
    return { status: 'enrolled', studentId, schoolId, name, grade, group, absences: {}, concernLevel: 'green', concernTriggers: [], manualRaises: [], revision };
  }
  if (state.status !== 'enrolled') return { ...state, revision };
  switch (event.type) {
    case 'AbsenceRegistered': {
      const { studentId: _s, absenceId, ...fields } = event.data;
      const record: AbsenceRecord = { absenceId, ...(fields as AbsenceFields), retracted: false };
      return { ...state, absences: withEntry(state.absences, absenceId, record), revision };
    }
    case 'AbsenceCorrected': {
      const absence = state.absences[event.data.absenceId];
      if (!absence) return { ...state, revision };
      return { ...state, absences: withEntry(state.absences, absence.absenceId, corrected(absence, event.data.changes)), revision };
    }
    case 'AbsenceRetracted': {
      const absence = state.absences[event.data.absenceId];
      if (!absence) return { ...state, revision };
      return { ...state, absences: withEntry(state.absences, absence.absenceId, { ...absence, retracted: true }), revision };
    }
    case 'AbsenceDocumentationReceived': {
      const absence = state.absences[event.data.absenceId];
      if (!absence) return { ...state, revision };
      return { ...state, absences: withEntry(state.absences, absence.absenceId, { ...absence, documented: true }), revision };
    }
    case 'ConcernRaisedManually': {
      const { level, reason, on } = event.data;
      return { ...state, manualRaises: [...state.manualRaises, { level, reason, on }], revision };
    }
    case 'ConcernLevelChanged':
      return { ...state, concernLevel: event.data.to, concernTriggers: event.data.triggers, revision };
  }
}
