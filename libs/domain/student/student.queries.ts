import type { AbsenceRecord, StudentState } from './student.state.js';

/** The registrations that count: not retracted, oldest first by date. */
export function activeAbsences(state: StudentState): AbsenceRecord[] {
  if (state.status !== 'enrolled') return [];
  return Object.values(state.absences)
    .filter((a) => !a.retracted)
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}
