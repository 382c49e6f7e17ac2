/**
 * The student-absence read model: one document per student with the registrations as they
 * stand after every correction, retraction and documentation, the levels raised by hand,
 * the concern level last recorded, and per-day totals for quick period sums.
 *
 * Read, the document is the domain's own fold (`EnrolledStudent`, built by `evolveStudent`) plus
 * `days` and `concernAsOf`, so the concern engine and the concern saga read exactly what the
 * command side decides on. Stored, it is smaller (`StoredStudentAbsence`).
 */
import type { AbsenceRecord, EnrolledStudent, ManualRaise } from '#domain/student/index.js';
import { dayAggregates, type DayAggregate } from './day-aggregates.js';

export type { DayAggregate };
import type { PackedDays } from './packed-days.js';

export const STUDENT_ABSENCE = 'student-absence';
/** The lean companion of each student-absence document, for lists over a whole school. */
export const STUDENT_ABSENCE_DAYS = 'student-absence-days';

export type StudentAbsenceDoc = EnrolledStudent & {
  [field: string]: unknown;
  /** Per business date ('YYYY-MM-DD'); a date with nothing that counts has no entry. */
  days: Record<string, DayAggregate>;
  /** The evaluation date of the last ConcernLevelChanged, null before any. */
  concernAsOf: string | null;
};

/**
 * A `StudentAbsenceDoc` as stored: the registrations as an array in the order they were first
 * registered (the map repeated every id as a key), and no `days` (they follow from the
 * registrations, and the lean document keeps them for lists). A third smaller, and faster to
 * write: every registration rewrites the student's document (BENCHMARKS.md).
 */
export type StoredStudentAbsence = Omit<EnrolledStudent, 'absences'> & {
  [field: string]: unknown;
  absences: AbsenceRecord[];
  concernAsOf: string | null;
};

/** The document as readers see it. */
export function studentAbsenceView(stored: StoredStudentAbsence): StudentAbsenceDoc {
  const absences: Record<string, AbsenceRecord> = {};
  for (const a of stored.absences) absences[a.absenceId] = a;
  return { ...stored, absences, days: dayAggregates(stored.absences) };
}

/**
 * What a list over a whole school needs of each student, and nothing more: the absence list
 * reads 600 of these per request, and parsing the full documents (every registration with
 * its ids, reasons and flags) would cost more than the rest of the work. The totals are also
 * all the concern engine counts (see registrationsFromDays), so the level comes from here too.
 * The totals are packed (packed-days.ts): an object keyed by date parses slowly.
 */
export type StudentDaysDoc = PackedDays & {
  [field: string]: unknown;
  studentId: string;
  schoolId: string;
  name: string;
  grade: number;
  group: string;
  manualRaises: ManualRaise[];
};
