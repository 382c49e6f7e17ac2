/**
 * Document shapes of the `follow-up-students` projection: per student, what the follow-up
 * engine's facts (tasks) and PPT's "completely absent" count need of the student's own stream.
 *
 * Kept apart from the `cases` projection because every document here follows one stream, the
 * student's (`partition: 'stream'`): a catch-up from empty reads a real, interleaved log stream
 * by stream and writes each document about once, where the same documents inside `cases`
 * (which case events also feed) were rewritten by nearly every batch (BENCHMARKS.md).
 */

import type { StudentFollowUpRecords } from '#domain/student/follow-up-records.js';

export const FOLLOW_UP_STUDENTS = 'follow-up-students';
/** studentId → `StudentDayDatesDoc`. */
export const STUDENT_DAY_DATES = 'student-day-dates';

/** A registration as the task and PPT queries need it (retracted ones are removed). */
export interface StudentRegistration {
  readonly date: string;
  readonly kind: 'day' | 'lesson' | 'late' | 'left-early';
  readonly lessons?: number;
  readonly documented: boolean;
  readonly reportedByGuardian: boolean;
  /** The day the registration was recorded (the store's recordedAt): unreported-absence steps count from it. */
  readonly recordedOn?: string;
  /** Set when a correction later marked it as reported by the guardians: the day of that correction. */
  readonly reportedOn?: string;
}

export type IdentifiedRegistration = StudentRegistration & {
  readonly absenceId: string;
};

/**
 * A registration as the student document stores it: a tuple, not an object with named members,
 * which halves the largest write of a rebuild (BENCHMARKS.md). `flags`: 1 documented, 2 reported
 * by the guardians.
 */
export type PackedRegistration = readonly [
  absenceId: string,
  date: string,
  kind: StudentRegistration['kind'],
  lessons: number | null,
  flags: number,
  recordedOn: string | null,
  reportedOn: string | null,
];

const DOCUMENTED = 1;
const REPORTED_BY_GUARDIAN = 2;

/** `r`'s own `recordedOn` and `reportedOn` are not read: an event's payload has neither. */
export function packRegistration(
  absenceId: string,
  r: Pick<StudentRegistration, 'date' | 'kind' | 'lessons' | 'documented' | 'reportedByGuardian'>,
  recordedOn: string | undefined,
  reportedOn: string | undefined,
): PackedRegistration {
  const flags = (r.documented ? DOCUMENTED : 0) | (r.reportedByGuardian ? REPORTED_BY_GUARDIAN : 0);
  return [absenceId, r.date, r.kind, r.lessons ?? null, flags, recordedOn ?? null, reportedOn ?? null];
}

export function unpackRegistration(p: PackedRegistration): IdentifiedRegistration {
  const r: {
    -readonly [K in keyof IdentifiedRegistration]: IdentifiedRegistration[K];
  } = {
    absenceId: p[0],
    date: p[1],
    kind: p[2],
    documented: (p[4] & DOCUMENTED) !== 0,
    reportedByGuardian: (p[4] & REPORTED_BY_GUARDIAN) !== 0,
  };
  if (p[3] !== null) r.lessons = p[3];
  if (p[5] !== null) r.recordedOn = p[5];
  if (p[6] !== null) r.reportedOn = p[6];
  return r;
}

/** The student's active registrations, in the order first registered. */
export function studentRegistrations(doc: Pick<FollowUpStudentDoc, 'registrations'>): IdentifiedRegistration[] {
  return doc.registrations.map(unpackRegistration);
}

/** The same registration, documented (AbsenceDocumentationReceived). */
export function documentedRegistration(p: PackedRegistration): PackedRegistration {
  return [p[0], p[1], p[2], p[3], p[4] | DOCUMENTED, p[5], p[6]];
}

/** The dates of the student's day absences, sorted, once each (`StudentDayDatesDoc`). */
export function dayAbsenceDatesOf(doc: Pick<FollowUpStudentDoc, 'registrations'>): string[] {
  const dates = new Set<string>();
  for (const p of doc.registrations) if (p[2] === 'day') dates.add(p[1]);
  return [...dates].sort();
}

export interface RecordedLevel {
  readonly level: 'green' | 'yellow' | 'red';
  readonly asOf: string;
  readonly seq: number;
}

export interface FollowUpStudentDoc {
  [field: string]: unknown;
  readonly studentId: string;
  /** The school of the latest enrolment (indexed: the tasks query reads a school's students). */
  readonly schoolId: string;
  /**
   * Active registrations in the order first registered, packed (`PackedRegistration`; read them
   * with `studentRegistrations`). An array, not a map by id: adding a freshly parsed id as an
   * object key made V8 internalise it, most of a rebuild's cost here.
   */
  readonly registrations: readonly PackedRegistration[];
  /** Concern levels the system recorded (ConcernLevelChanged), by evaluation date. */
  readonly levels: readonly RecordedLevel[];
  /** Steps completed and waived by hand, and contacts outside a case (absent in documents of version 1). */
  readonly byHand?: Readonly<StudentFollowUpRecords>;
}

/**
 * The distinct dates of the student's active day-absences, ascending; written only when they
 * change. Small and read-cached: PPT's statistics read those of every student PPT follows
 * (about 2,000 in the generated municipality) on every request.
 */
export interface StudentDayDatesDoc {
  [field: string]: unknown;
  readonly studentId: string;
  readonly dates: readonly string[];
}
