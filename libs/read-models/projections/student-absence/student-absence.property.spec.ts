/**
 * Property: whatever sequence of registrations, corrections (moving dates, changing kinds),
 * retractions and documentation arrives, in whatever batches the projector happens to cut
 * it, the per-day totals equal a recomputation from the folded registrations, the folded
 * registrations equal the command side's fold, and the incrementally built documents equal
 * a full rebuild from position 1.
 */
import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import type { AbsenceFieldChanges, AbsenceKind } from '#domain/events/index.js';
import { DomainError } from '#domain/shared/domain-error.js';
import { DIRECTORY_SCHOOLS, DIRECTORY_STUDENTS } from '../directory/directory.documents.js';
import { dayAggregates } from './day-aggregates.js';
import { packDays, unpackDays } from './packed-days.js';
import { STUDENT_ABSENCE, STUDENT_ABSENCE_DAYS, type StoredStudentAbsence, type StudentDaysDoc } from './student-absence.documents.js';
import { getStudentAbsence } from './student-absence.query.js';
import { AbsenceHarness, startProjector } from '#testing/read-models/absence-harness.js';
import { school } from '#testing/read-models/schools.fixture.js';

// School days spread over two months, out of order on purpose, so dates collide and move.
const DATES = ['2026-11-20', '2026-10-05', '2026-11-09', '2026-10-06', '2026-11-10', '2026-08-17'];
const KINDS: readonly AbsenceKind[] = ['day', 'lesson', 'late', 'left-early'];
const STUDENTS = ['s1', 's2'];

type Op =
  | { op: 'register'; student: number; date: string; kind: AbsenceKind; amount: number; documented: boolean }
  | { op: 'correct'; student: number; target: number; date?: string; kind?: AbsenceKind; amount: number; documented?: boolean }
  | { op: 'retract'; student: number; target: number }
  | { op: 'document'; student: number; target: number }
  /** Let the projector catch up here: the history is then split into batches at this point. */
  | { op: 'sync' };

const student = fc.integer({ min: 0, max: STUDENTS.length - 1 });
const opArb: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.record({
      op: fc.constant('register' as const),
      student,
      date: fc.constantFrom(...DATES),
      kind: fc.constantFrom(...KINDS),
      amount: fc.integer({ min: 1, max: 4 }),
      documented: fc.boolean(),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record(
      {
        op: fc.constant('correct' as const),
        student,
        target: fc.nat(),
        date: fc.constantFrom(...DATES),
        kind: fc.constantFrom(...KINDS),
        amount: fc.integer({ min: 1, max: 4 }),
        documented: fc.boolean(),
      },
      { requiredKeys: ['op', 'student', 'target', 'amount'] },
    ),
  },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('retract' as const), student, target: fc.nat() }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant('document' as const), student, target: fc.nat() }) },
  { weight: 1, arbitrary: fc.constant({ op: 'sync' as const }) },
);

/** The fields a kind needs, so a generated correction is one the API could send. */
function amountFor(kind: AbsenceKind, amount: number): { lessons?: number; minutes?: number } {
  if (kind === 'lesson') return { lessons: amount };
  if (kind === 'late' || kind === 'left-early') return { minutes: amount * 5 };
  return {};
}

async function run(h: AbsenceHarness, ops: readonly Op[]): Promise<void> {
  const ids: string[][] = STUDENTS.map(() => []);
  for (const op of ops) {
    if (op.op === 'sync') {
      await h.caughtUp();
      continue;
    }
    const studentId = STUDENTS[op.student]!;
    const mine = ids[op.student]!;
    try {
      if (op.op === 'register') {
        mine.push(
          await h.register(studentId, { date: op.date, kind: op.kind, documented: op.documented, ...amountFor(op.kind, op.amount) }),
        );
        continue;
      }
      if (mine.length === 0) continue;
      const target = mine[op.target % mine.length]!;
      if (op.op === 'correct') {
        const changes: Record<string, unknown> = {};
        if (op.date !== undefined) changes.date = op.date;
        if (op.kind !== undefined) Object.assign(changes, { kind: op.kind }, amountFor(op.kind, op.amount));
        if (op.documented !== undefined) changes.documented = op.documented;
        await h.correct(studentId, target, changes as AbsenceFieldChanges);
      } else if (op.op === 'retract') {
        await h.retract(studentId, target);
      } else {
        await h.document(studentId, target);
      }
    } catch (error) {
      // The decider refused (a second day absence on a date, a retracted absence, nothing to
      // correct …): the API would answer 422 and store nothing, so the sequence goes on.
      if (!(error instanceof DomainError)) throw error;
    }
  }
}

describe('student-absence projection (property)', () => {
  it('per-day totals equal a recomputation, and incremental projection equals a full rebuild', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(opArb, { minLength: 1, maxLength: 30 }), fc.integer({ min: 1, max: 4 }), async (ops, batchSize) => {
        const h = await AbsenceHarness.start({ batchSize });
        try {
          await h.registerSchool(school('vindafjord', 'vindafjord-etne'));
          for (const [i, id] of STUDENTS.entries()) await h.enrol(id, 'vindafjord', `Elev ${i}`, '8A');
          await run(h, ops);
          await h.caughtUp();

          for (const studentId of STUDENTS) {
            const doc = await getStudentAbsence(h.readers.studentAbsence, studentId);
            const state = await h.studentState(studentId);
            if (!doc || state.status !== 'enrolled') throw new Error(`${studentId} missing`);
            expect(doc.absences).toEqual(state.absences);
            // The stored array keeps the order of first registration, as the domain's map does.
            const stored = await h.readers.studentAbsence.get<StoredStudentAbsence>(STUDENT_ABSENCE, studentId);
            expect(stored!.absences.map((a) => a.absenceId)).toEqual(Object.keys(state.absences));
            expect(stored).not.toHaveProperty('days');
            // The lean totals are kept incrementally; they must equal a recomputation.
            const lean = await h.readers.studentAbsence.get<StudentDaysDoc>(STUDENT_ABSENCE_DAYS, studentId);
            expect(lean).toEqual({
              studentId,
              schoolId: doc.schoolId,
              name: doc.name,
              grade: doc.grade,
              group: doc.group,
              ...packDays(dayAggregates(state.absences)),
              manualRaises: doc.manualRaises,
            });
            expect(unpackDays(lean!)).toEqual(dayAggregates(state.absences));
          }

          const rebuilt = await startProjector(h.eventStore, { batchSize: 1000 });
          try {
            await rebuilt.caughtUp();
            expect(await rebuilt.readers.studentAbsence.find(STUDENT_ABSENCE)).toEqual(
              await h.readers.studentAbsence.find(STUDENT_ABSENCE),
            );
            expect(await rebuilt.readers.studentAbsence.find(STUDENT_ABSENCE_DAYS)).toEqual(
              await h.readers.studentAbsence.find(STUDENT_ABSENCE_DAYS),
            );
            expect(await rebuilt.readers.directory.find(DIRECTORY_STUDENTS)).toEqual(await h.readers.directory.find(DIRECTORY_STUDENTS));
            expect(await rebuilt.readers.directory.find(DIRECTORY_SCHOOLS)).toEqual(await h.readers.directory.find(DIRECTORY_SCHOOLS));
          } finally {
            await rebuilt.stop();
          }
        } finally {
          await h.stop();
        }
      }),
      { numRuns: 60 },
    );
  }, 120_000);
});
