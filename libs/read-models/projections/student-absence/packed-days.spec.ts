import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { createSchoolCalendar } from '#domain/calendar/index.js';
import { evaluate } from '#domain/concern/index.js';
import { builtInPlans } from '#domain/plans/index.js';
import { registrationsFromDays, sumDays } from './day-aggregates.js';
import { packDays, registrationsFromPackedDays, sumPackedDays, unpackDays } from './packed-days.js';
import type { DayAggregate } from './day-aggregates.js';
import { SCHOOL_YEAR_2026 } from '#testing/read-models/schools.fixture.js';

const calendar = createSchoolCalendar(SCHOOL_YEAR_2026);
const schoolDays = calendar.schoolDays('2026-08-17', '2026-12-18');

const aggregate: fc.Arbitrary<DayAggregate> = fc
  .record({ day: fc.constantFrom<0 | 1>(0, 1), documented: fc.boolean(), lessons: fc.nat(6), lates: fc.nat(3), leftEarly: fc.nat(2) })
  .map(({ day, documented, ...rest }) => ({ day, documented: day === 1 && documented ? 1 : 0, ...rest }));
const daysArb = fc.dictionary(fc.constantFrom(...schoolDays), aggregate, { maxKeys: 40 });
const dateArb = fc.constantFrom(...schoolDays);

describe('packed days', () => {
  it('keeps exactly the totals of the object form', () => {
    fc.assert(
      fc.property(daysArb, (days) => {
        expect(unpackDays(packDays(days))).toEqual(days);
      }),
    );
    expect(
      packDays({
        '2026-11-03': { day: 0, documented: 0, lessons: 2, lates: 1, leftEarly: 0 },
        '2026-09-01': { day: 1, documented: 1, lessons: 0, lates: 0, leftEarly: 0 },
      }),
    ).toEqual({
      dates: '2026-09-012026-11-03',
      counts: [1, 1, 0, 0, 0, 0, 0, 2, 1, 0],
    });
  });

  it('sums any period as sumDays does', () => {
    fc.assert(
      fc.property(daysArb, dateArb, dateArb, (days, from, to) => {
        expect(sumPackedDays(packDays(days), from, to)).toEqual(sumDays(days, from, to));
      }),
    );
  });

  it('gives the concern engine the same answer as registrationsFromDays, for every built-in plan', () => {
    fc.assert(
      fc.property(daysArb, dateArb, fc.boolean(), (days, asOf, flag) => {
        const packed = packDays(days);
        for (const plan of builtInPlans) {
          const options = { caseInPhase3Unresolved: flag };
          const expected = evaluate(registrationsFromDays(days, asOf), plan, calendar, asOf, options);
          expect(evaluate(registrationsFromPackedDays(packed, asOf), plan, calendar, asOf, options)).toEqual(expected);
          expect(evaluate(registrationsFromPackedDays(packed), plan, calendar, asOf, options)).toEqual(expected);
        }
      }),
      { numRuns: 200 },
    );
  });
});
