import { describe, expect, it } from '@jest/globals';
import { deepFreeze } from '../../deep-freeze.js';
import type { CaseDoc } from './case-doc.js';
import { studentsInPhase3Unresolved } from './case.queries.js';

/** Opened in phase 2 on 1 September, phase 3 from 1 October, a measure evaluated resolved on 1 November (Bærum, seed 004). */
function baerumCase(caseId: string, studentId: string): CaseDoc {
  return {
    caseId,
    studentId,
    schoolId: 's',
    status: 'open',
    statusHistory: [{ status: 'open', on: '2026-09-01', seq: 1 }],
    phase: 3,
    phaseHistory: [
      { phase: 2, on: '2026-09-01', seq: 1, reason: null },
      { phase: 3, on: '2026-10-01', seq: 2, reason: 'Ikke bedring' },
    ],
    measures: [
      {
        measureId: 'm1',
        evaluations: [{ evaluationId: 'e1', outcome: 'resolved', note: '', on: '2026-11-01', seq: 3 }],
        seq: 2,
      },
    ],
  } as unknown as CaseDoc;
}

describe('studentsInPhase3Unresolved', () => {
  it('answers a shared (frozen) case per date as it answers a fresh one, asked in any order and again', () => {
    const fresh = [baerumCase('c1', 'st1')];
    const shared = [deepFreeze(baerumCase('c1', 'st1'))];
    const dates = ['2026-09-15', '2026-10-15', '2026-11-15', '2026-10-15', '2026-09-15', '2026-10-31', '2026-11-01'];
    const expected = [false, true, false, true, false, true, false];
    expect(dates.map((d) => studentsInPhase3Unresolved(fresh, d).has('st1'))).toEqual(expected);
    expect(dates.map((d) => studentsInPhase3Unresolved(shared, d).has('st1'))).toEqual(expected);
    expect(dates.map((d) => studentsInPhase3Unresolved(shared, d).has('st1'))).toEqual(expected);
  });
});
