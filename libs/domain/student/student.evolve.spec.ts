import { describe, expect, it } from '@jest/globals';
import { fold } from '../shared/decider.js';
import type { StudentEvent } from '../events/index.js';
import { studentDecider } from './student.decider.js';
import { activeAbsences } from './student.queries.js';
import { correctedToDay, documented, enrolled, registered, retracted } from './student.fixtures.js';

describe('student evolve', () => {
  const history: StudentEvent[] = [
    enrolled,
    registered('a1', { kind: 'lesson', lessons: 2, date: '2026-11-19' }),
    registered('a2', { date: '2026-11-18' }),
    registered('a3', { date: '2026-11-17' }),
    correctedToDay('a1'),
    retracted('a3'),
    documented('a2'),
    { type: 'ConcernRaisedManually', schemaVersion: 1, data: { studentId: 's1', level: 'red', reason: 'r', on: '2026-11-23' } },
    {
      type: 'ConcernLevelChanged',
      schemaVersion: 1,
      data: { studentId: 's1', from: 'green', to: 'red', triggers: [], asOf: '2026-11-23' },
    },
  ];
  it('folds a history into the state the decider needs', () => {
    const state = fold(studentDecider, history);
    expect(state).toMatchObject({ status: 'enrolled', schoolId: 'hemsedal', grade: 8, group: '8A', concernLevel: 'red', revision: 8 });
    if (state.status !== 'enrolled') throw new Error('not enrolled');
    expect(state.absences.a1).toEqual({
      absenceId: 'a1',
      date: '2026-11-19',
      kind: 'day',
      documented: false,
      reportedByGuardian: false,
      retracted: false,
    });
    expect(state.absences.a3?.retracted).toBe(true);
    expect(state.absences.a2?.documented).toBe(true);
    expect(state.manualRaises).toEqual([{ level: 'red', reason: 'r', on: '2026-11-23' }]);
    expect(activeAbsences(state).map((a) => a.absenceId)).toEqual(['a2', 'a1']);
  });
  it('never throws on events out of place; they only move the revision', () => {
    const state = fold(studentDecider, [
      registered('a1'),
      { type: 'AbsenceRetracted', schemaVersion: 1, data: { studentId: 's1', absenceId: 'zz', reason: 'r', on: '2026-11-23' } },
    ]);
    expect(state).toEqual({ status: 'none', revision: 1 });
    expect(activeAbsences(state)).toEqual([]);
    const ok = fold(studentDecider, [
      enrolled,
      {
        type: 'AbsenceCorrected',
        schemaVersion: 1,
        data: { studentId: 's1', absenceId: 'zz', changes: {}, previous: {}, reason: 'r', on: '2026-11-23' },
      },
    ]);
    expect(ok.revision).toBe(1);
  });
});
