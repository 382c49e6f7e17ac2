/**
 * Properties over random registrations, corrections, retractions and documentation on one
 * student: decide only refuses with DomainError, and whatever got through leaves a history
 * whose folded state keeps the rules the absence list and the concern engine rely on.
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { DomainError } from '../shared/domain-error.js';
import type { StudentEvent } from '../events/index.js';
import type { StudentCommand } from './student.commands.js';
import { studentDecider } from './student.decider.js';
import type { StudentState } from './student.state.js';
import { ABSENCE_FIELD_KEYS, validAbsenceFields } from './absence-rules.js';
import { calendar, context, enrolled } from './student.fixtures.js';

// Fri, Sat (weekend), a break day, Mon, Tue: collisions and refusals both happen often.
const date = fc.constantFrom('2026-11-20', '2026-11-21', '2026-09-30', '2026-11-16', '2026-11-17');
const id = fc.constantFrom('a', 'b', 'c', 'd');
const kind = fc.constantFrom('day', 'lesson', 'late', 'left-early');
const count = fc.option(fc.integer({ min: 0, max: 3 }), { nil: undefined });
const studentId = 's1';

// Mostly well-formed shapes (so sequences get far), some junk (so refusals are exercised).
const wellFormed = fc.oneof(
  fc.record({ kind: fc.constant('day' as const) }),
  fc.record({ kind: fc.constant('lesson' as const), lessons: fc.integer({ min: 1, max: 3 }) }),
  fc.record({ kind: fc.constantFrom('late' as const, 'left-early' as const), minutes: fc.integer({ min: 1, max: 30 }) }),
);
const junk = fc.record({ kind, lessons: count, minutes: count }, { requiredKeys: ['kind'] });
const shape = fc.oneof({ arbitrary: wellFormed, weight: 5 }, { arbitrary: junk, weight: 1 });
const changes = fc.oneof(
  fc.record({ documented: fc.boolean() }),
  fc.record({ date }),
  wellFormed,
  fc.record(
    {
      date,
      kind,
      lessons: fc.option(fc.integer({ min: 0, max: 3 })),
      minutes: fc.option(fc.integer({ min: 0, max: 3 })),
      documented: fc.boolean(),
    },
    { requiredKeys: [] },
  ),
);

const command: fc.Arbitrary<StudentCommand> = fc.oneof(
  fc.record({
    type: fc.constant('RegisterAbsence' as const),
    data: fc
      .tuple(
        fc.record({ studentId: fc.constant(studentId), absenceId: id, date, documented: fc.boolean(), reportedByGuardian: fc.boolean() }),
        shape,
      )
      .map(([base, s]) => ({ ...base, ...s })),
  }),
  fc.record({
    type: fc.constant('CorrectAbsence' as const),
    data: fc.record({ studentId: fc.constant(studentId), absenceId: id, changes, reason: fc.constant('feil') }),
  }),
  fc.record({
    type: fc.constant('RetractAbsence' as const),
    data: fc.record({ studentId: fc.constant(studentId), absenceId: id, reason: fc.constant('feil') }),
  }),
  fc.record({ type: fc.constant('ReceiveDocumentation' as const), data: fc.record({ studentId: fc.constant(studentId), absenceId: id }) }),
) as fc.Arbitrary<StudentCommand>;

function play(commands: readonly StudentCommand[]): { events: StudentEvent[]; state: StudentState; checks: (() => void)[] } {
  const events: StudentEvent[] = [enrolled];
  let state = studentDecider.evolve(studentDecider.initialState(), enrolled);
  const checks: (() => void)[] = [];
  for (const c of commands) {
    let produced: StudentEvent[] = [];
    try {
      produced = studentDecider.decide(c, state, context);
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
    }
    for (const e of produced) {
      const before = state;
      state = studentDecider.evolve(state, e);
      const after = state;
      if (e.type === 'AbsenceCorrected' && before.status === 'enrolled' && after.status === 'enrolled') {
        // The change log is exact: previous = the value before, changes = the value after.
        const old = before.absences[e.data.absenceId] as unknown as Record<string, unknown>;
        const now = after.absences[e.data.absenceId] as unknown as Record<string, unknown>;
        checks.push(() => {
          expect(Object.keys(e.data.changes).sort()).toEqual(Object.keys(e.data.previous).sort());
          for (const key of ABSENCE_FIELD_KEYS) {
            if (key in e.data.changes) {
              expect(e.data.previous[key]).toEqual(old[key] ?? null);
              expect(e.data.changes[key]).toEqual(now[key] ?? null);
              expect(e.data.changes[key]).not.toEqual(e.data.previous[key]);
            } else expect(now[key]).toEqual(old[key]);
          }
        });
      }
      events.push(e);
    }
  }
  return { events, state, checks };
}

describe('student decider properties', () => {
  it('keeps every registration valid, on a school day, one day absence per date, with an exact change log', () => {
    fc.assert(
      fc.property(fc.array(command, { minLength: 5, maxLength: 50 }), (commands) => {
        const { events, state, checks } = play(commands);
        checks.forEach((check) => check());
        expect(state.revision).toBe(events.length - 1);
        expect(events.reduce(studentDecider.evolve, studentDecider.initialState())).toEqual(state);
        expect(JSON.parse(JSON.stringify(events))).toEqual(events);
        if (state.status !== 'enrolled') throw new Error('not enrolled');
        const active = Object.values(state.absences).filter((a) => !a.retracted);
        for (const { absenceId: _id, retracted: _r, ...fields } of active) {
          expect(validAbsenceFields(fields)).toEqual(fields);
          expect(calendar.isSchoolDay(fields.date)).toBe(true);
        }
        const dayDates = active.filter((a) => a.kind === 'day').map((a) => a.date);
        expect(new Set(dayDates).size).toBe(dayDates.length);
      }),
      { numRuns: 300 },
    );
  });

  it('folds from any prefix to the same state, leaving the prefix state alone', () => {
    fc.assert(
      fc.property(fc.array(command, { minLength: 1, maxLength: 40 }), fc.nat(), (commands, cut) => {
        const { events, state } = play(commands);
        const split = cut % (events.length + 1);
        const prefix = events.slice(0, split).reduce(studentDecider.evolve, studentDecider.initialState());
        const frozen = JSON.parse(JSON.stringify(prefix)) as StudentState;
        expect(events.slice(split).reduce(studentDecider.evolve, prefix)).toEqual(state);
        // The prefix state may be cached and shared (StreamWriter): folding on must not change it.
        expect(prefix).toEqual(frozen);
      }),
      { numRuns: 300 },
    );
  });
});
