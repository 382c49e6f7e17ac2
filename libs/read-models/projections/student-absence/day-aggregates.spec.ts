import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { createSchoolCalendar } from '#domain/calendar/index.js';
import { evaluate } from '#domain/concern/index.js';
import type { AbsenceKind } from '#domain/events/index.js';
import { builtInPlans } from '#domain/plans/index.js';
import type { AbsenceRecord } from '#domain/student/index.js';
import { registrationsOf } from '#domain/concern/concern-inputs.js';
import { dayAggregates, registrationsFromDays, sumDays } from './day-aggregates.js';
import { SCHOOL_YEAR_2026 } from '#testing/read-models/schools.fixture.js';

const calendar = createSchoolCalendar(SCHOOL_YEAR_2026);
const schoolDays = calendar.schoolDays('2026-08-17', '2026-12-18');

function record(absenceId: string, fields: Partial<AbsenceRecord> & { date: string; kind: AbsenceKind }): AbsenceRecord {
  return { absenceId, documented: false, reportedByGuardian: false, retracted: false, ...fields };
}

describe('day aggregates', () => {
  it('counts a date once for days, sums lessons and counts lates and left-early per registration', () => {
    const absences = {
      a: record('a', { date: '2026-11-02', kind: 'day' }),
      b: record('b', { date: '2026-11-02', kind: 'day', documented: true }),
      c: record('c', { date: '2026-11-02', kind: 'lesson', lessons: 2 }),
      d: record('d', { date: '2026-11-02', kind: 'lesson', lessons: 3 }),
      e: record('e', { date: '2026-11-03', kind: 'late', minutes: 5 }),
      f: record('f', { date: '2026-11-03', kind: 'late', minutes: 5 }),
      g: record('g', { date: '2026-11-03', kind: 'left-early', minutes: 30 }),
      h: record('h', { date: '2026-11-04', kind: 'day', retracted: true }),
    };
    const days = dayAggregates(absences);
    expect(days).toEqual({
      '2026-11-02': { day: 1, documented: 1, lessons: 5, lates: 0, leftEarly: 0 },
      '2026-11-03': { day: 0, documented: 0, lessons: 0, lates: 2, leftEarly: 1 },
    });
    expect(sumDays(days, '2026-11-03', '2026-11-30')).toEqual({
      days: 0,
      daysDocumented: 0,
      daysUndocumented: 0,
      lessons: 0,
      lates: 2,
      leftEarly: 1,
    });
    expect(sumDays(days, '2026-11-04', '2026-11-02').days).toBe(0);
  });

  it('gives the concern engine the same counts as the registrations, for every built-in plan', () => {
    const registration = fc.record({
      date: fc.constantFrom(...schoolDays),
      kind: fc.constantFrom<AbsenceKind>('day', 'lesson', 'late', 'left-early'),
      amount: fc.integer({ min: 1, max: 4 }),
      documented: fc.boolean(),
      retracted: fc.boolean(),
    });
    fc.assert(
      fc.property(fc.array(registration, { maxLength: 40 }), fc.constantFrom(...schoolDays), fc.boolean(), (regs, asOf, flag) => {
        const absences: Record<string, AbsenceRecord> = {};
        regs.forEach((r, i) => {
          const id = `a${i}`;
          absences[id] = record(id, {
            date: r.date,
            kind: r.kind,
            documented: r.documented,
            retracted: r.retracted,
            ...(r.kind === 'lesson' ? { lessons: r.amount } : r.kind === 'day' ? {} : { minutes: r.amount * 5 }),
          });
        });
        const days = dayAggregates(absences);
        for (const plan of builtInPlans) {
          const options = { caseInPhase3Unresolved: flag };
          const expected = evaluate(registrationsOf({ absences, manualRaises: [] }), plan, calendar, asOf, options);
          expect(evaluate(registrationsFromDays(days), plan, calendar, asOf, options)).toEqual(expected);
          // Leaving out the dates after asOf changes nothing.
          expect(evaluate(registrationsFromDays(days, asOf), plan, calendar, asOf, options)).toEqual(expected);
        }
      }),
      { numRuns: 300 },
    );
  });
});
