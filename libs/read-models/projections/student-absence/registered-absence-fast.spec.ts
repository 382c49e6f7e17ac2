import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { registeredAbsence } from '#domain/student/index.js';
import { registeredAbsenceWithoutSpread } from './registered-absence-fast.js';

describe("the projection's registration without spread", () => {
  it("is the domain's registeredAbsence, keys in the same order", () => {
    const registered = fc.record(
      {
        studentId: fc.string({ minLength: 1 }),
        absenceId: fc.uuid(),
        date: fc.constant('2026-01-05'),
        kind: fc.constantFrom('day' as const, 'lesson' as const, 'late' as const, 'left-early' as const),
        lessons: fc.integer({ min: 1, max: 8 }),
        minutes: fc.integer({ min: 1, max: 300 }),
        subject: fc.string(),
        documented: fc.boolean(),
        reportedByGuardian: fc.boolean(),
        reason: fc.string(),
      },
      { requiredKeys: ['studentId', 'absenceId', 'date', 'kind', 'documented', 'reportedByGuardian'] },
    );
    fc.assert(
      fc.property(registered, (data) => {
        const fast = registeredAbsenceWithoutSpread(data);
        const plain = registeredAbsence(data);
        expect(fast).toEqual(plain);
        expect(Object.keys(fast)).toEqual(Object.keys(plain));
      }),
      { numRuns: 300 },
    );
  });
});
