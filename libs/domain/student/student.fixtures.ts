/** Shared givens for the student specs. Today is Monday 2026-11-23. */
import type { AbsenceRegistered, StudentEnrolled, StudentEvent } from '../events/index.js';
import { DeciderSpecification } from '../testing/decider-specification.js';
import { fixedCalendar } from '../testing/fixed-calendar.js';
import type { StudentContext } from './student.commands.js';
import { studentDecider } from './student.decider.js';

export const today = '2026-11-23';
export const calendar = fixedCalendar({
  start: '2026-08-17',
  end: '2027-06-18',
  breaks: [{ from: '2026-09-28', to: '2026-10-02', name: 'Høstferie' }],
  holidays: { '2026-12-25': 'Første juledag', '2027-05-17': 'Grunnlovsdag' },
});
export const context: StudentContext = { today, ...calendar };
export const spec = DeciderSpecification.for(studentDecider, context);

export const enrolled: StudentEnrolled = {
  type: 'StudentEnrolled',
  schemaVersion: 1,
  data: { studentId: 's1', schoolId: 'hemsedal', name: 'Kari Nordmann', grade: 8, group: '8A' },
};

export function registered(absenceId: string, fields: Partial<AbsenceRegistered['data']> = {}): AbsenceRegistered {
  return {
    type: 'AbsenceRegistered',
    schemaVersion: 1,
    data: { studentId: 's1', absenceId, date: '2026-11-20', kind: 'day', documented: false, reportedByGuardian: false, ...fields },
  };
}

/** A lesson registration corrected to a whole day, as the specs' histories use it. */
export function correctedToDay(absenceId: string): StudentEvent {
  return {
    type: 'AbsenceCorrected',
    schemaVersion: 1,
    data: {
      studentId: 's1',
      absenceId,
      changes: { kind: 'day', lessons: null },
      previous: { kind: 'lesson', lessons: 2 },
      reason: 'r',
      on: '2026-11-23',
    },
  };
}

export function retracted(absenceId: string): StudentEvent {
  return { type: 'AbsenceRetracted', schemaVersion: 1, data: { studentId: 's1', absenceId, reason: 'r', on: '2026-11-23' } };
}

export function documented(absenceId: string): StudentEvent {
  return { type: 'AbsenceDocumentationReceived', schemaVersion: 1, data: { studentId: 's1', absenceId, on: '2026-11-23' } };
}
