import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import {
  dayAbsenceDatesOf,
  documentedRegistration,
  packRegistration,
  unpackRegistration,
  type IdentifiedRegistration,
} from './follow-up-student-doc.js';

const date = fc.integer({ min: 1, max: 28 }).map((d) => `2026-02-${String(d).padStart(2, '0')}`);
const registrationArb: fc.Arbitrary<IdentifiedRegistration> = fc
  .record(
    {
      absenceId: fc.uuid(),
      date,
      kind: fc.constantFrom('day' as const, 'lesson' as const, 'late' as const, 'left-early' as const),
      lessons: fc.integer({ min: 1, max: 8 }),
      documented: fc.boolean(),
      reportedByGuardian: fc.boolean(),
      recordedOn: date,
      reportedOn: date,
    },
    {
      requiredKeys: ['absenceId', 'date', 'kind', 'documented', 'reportedByGuardian'],
    },
  )
  .map((r) => r as IdentifiedRegistration);

describe('packed registrations of the cases projection', () => {
  it('unpack what was packed, optional members absent when they were', () => {
    fc.assert(
      fc.property(registrationArb, (r) => {
        const packed = packRegistration(r.absenceId, r, r.recordedOn, r.reportedOn);
        expect(unpackRegistration(packed)).toEqual(r);
        // Stored as JSON: the tuple survives the round trip.
        expect(unpackRegistration(JSON.parse(JSON.stringify(packed)))).toEqual(r);
      }),
    );
  });

  it('mark a registration documented and keep the rest', () => {
    fc.assert(
      fc.property(registrationArb, (r) => {
        const documented = unpackRegistration(documentedRegistration(packRegistration(r.absenceId, r, r.recordedOn, r.reportedOn)));
        expect(documented).toEqual({ ...r, documented: true });
      }),
    );
  });

  it('give the sorted day-absence dates, once each', () => {
    fc.assert(
      fc.property(fc.array(registrationArb, { maxLength: 30 }), (rs) => {
        const expected = [...new Set(rs.filter((r) => r.kind === 'day').map((r) => r.date))].sort();
        expect(
          dayAbsenceDatesOf({
            registrations: rs.map((r) => packRegistration(r.absenceId, r, r.recordedOn, r.reportedOn)),
          }),
        ).toEqual(expected);
      }),
    );
  });
});
