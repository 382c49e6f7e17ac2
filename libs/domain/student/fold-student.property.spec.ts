import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import type { StudentEvent } from '../events/index.js';
import { fold } from '../shared/decider.js';
import { studentDecider } from './student.decider.js';
import { evolveStudent, foldStudent } from './student.evolve.js';
import { initialStudentState } from './student.state.js';
import { correctedToDay, documented, enrolled, registered, retracted } from './student.fixtures.js';

// Events of one student in any order and number: evolve never throws, an event that does not fit
// only moves the revision, so every sequence is a history some fold must agree on.
const POOL: StudentEvent[] = [
  enrolled,
  registered('a1', { kind: 'lesson', lessons: 2, date: '2026-11-19' }),
  registered('a2', { date: '2026-11-18' }),
  registered('a3', { kind: 'late', minutes: 10, date: '2026-11-17' }),
  correctedToDay('a1'),
  retracted('a2'),
  documented('a3'),
  {
    type: 'StudentMoved',
    schemaVersion: 1,
    data: {
      studentId: 's1',
      on: '2026-11-20',
      schoolId: 'fjell',
      grade: 9,
      group: '9B',
      from: { schoolId: 'hemsedal', grade: 8, group: '8A' },
    },
  },
  { type: 'ConcernRaisedManually', schemaVersion: 1, data: { studentId: 's1', level: 'red', reason: 'r', on: '2026-11-23' } },
  {
    type: 'ConcernLevelChanged',
    schemaVersion: 1,
    data: { studentId: 's1', from: 'green', to: 'yellow', triggers: [], asOf: '2026-11-23' },
  },
  {
    type: 'StudentContactRecorded',
    schemaVersion: 1,
    data: { studentId: 's1', contactId: 'c1', with: 'guardian', channel: 'phone', at: '2026-11-23T10:00:00Z', summary: 's' },
  },
  {
    type: 'FollowUpStepCompleted',
    schemaVersion: 1,
    data: { studentId: 's1', taskId: 't1', stepId: 'call', occurrence: 'call@x', on: '2026-11-23' },
  },
  {
    type: 'StudentErased',
    schemaVersion: 1,
    data: { studentId: 's1', erasureId: 'e1', legalBasis: 'gdpr-17', reason: 'r', on: '2026-11-24' },
  },
] as StudentEvent[];

const history = fc.array(fc.constantFrom(...POOL), { maxLength: 40 });

describe('foldStudent', () => {
  it('gives the state evolving one event at a time gives, from any state, and leaves that state as it was', () => {
    fc.assert(
      fc.property(history, history, (before, events) => {
        const base = before.reduce(evolveStudent, initialStudentState());
        const snapshot = structuredClone(base);
        expect(foldStudent(base, events)).toEqual(events.reduce(evolveStudent, base));
        expect(base).toEqual(snapshot);
      }),
      { numRuns: 500 },
    );
  });

  it('is what the decider folds with', () => {
    const events = [enrolled, registered('a1'), registered('a2', { date: '2026-11-19' })];
    expect(fold(studentDecider, events)).toEqual(events.reduce(evolveStudent, initialStudentState()));
    expect(studentDecider.evolveAll).toBe(foldStudent);
  });
});
