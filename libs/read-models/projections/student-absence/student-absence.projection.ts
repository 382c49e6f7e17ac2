import type { StoredEvent } from '../../../event-store/event-store.port.js';
import { toDomainEvent, type StudentEvent } from '../../../domain/events/index.js';
import { evolveStudent, initialStudentState, type StudentState } from '../../../domain/student/index.js';
import type { DocKey, Projection, ProjectionContext } from '../../projector/projection.js';
import { copyRecord } from '../../../domain/shared/keyed-copy.js';
import { dayAggregateOn } from './day-aggregates.js';
import { STUDENT_ABSENCE, STUDENT_ABSENCE_DAYS, type DayAggregate, type StudentAbsenceDoc, type StudentDaysDoc } from './student-absence.documents.js';

const HANDLES: readonly StudentEvent['type'][] = [
  'StudentEnrolled',
  'AbsenceRegistered',
  'AbsenceCorrected',
  'AbsenceRetracted',
  'AbsenceDocumentationReceived',
  'ConcernRaisedManually',
  'ConcernLevelChanged',
];

function studentIdOf(event: StoredEvent): string | undefined {
  const studentId = (event.data as { studentId?: unknown } | null)?.studentId;
  return typeof studentId === 'string' && studentId !== '' ? studentId : undefined;
}

/**
 * The dates whose totals an event can change: for an absence event, the registration's date
 * before and after it (a correction may move it); for an enrolment, every date (it starts
 * the fold afresh).
 */
function touchedDates(event: StudentEvent, before: StudentState, after: StudentState): Set<string> {
  const dates = new Set<string>();
  const absencesOf = (s: StudentState) => (s.status === 'enrolled' ? s.absences : {});
  if (event.type === 'StudentEnrolled') {
    for (const a of Object.values(absencesOf(before))) dates.add(a.date);
    for (const a of Object.values(absencesOf(after))) dates.add(a.date);
    return dates;
  }
  if (!('absenceId' in event.data)) return dates;
  const id = event.data.absenceId;
  const old = absencesOf(before)[id];
  const now = absencesOf(after)[id];
  if (old) dates.add(old.date);
  if (now) dates.add(now.date);
  return dates;
}

/**
 * One document per student (student-absence.documents.ts), folded with the domain's own
 * `evolveStudent`, so the read model cannot drift from what the deciders see; and its lean
 * companion for school-wide lists, written from the same fold.
 */
export const studentAbsenceProjection: Projection = {
  name: 'student-absence',
  version: 1,
  collections: [
    { name: STUDENT_ABSENCE, indexes: ['schoolId'] },
    { name: STUDENT_ABSENCE_DAYS, indexes: ['schoolId'] },
  ],
  handles: HANDLES,
  prefetch(event: StoredEvent): readonly DocKey[] {
    const studentId = studentIdOf(event);
    return studentId ? [{ collection: STUDENT_ABSENCE, id: studentId }] : [];
  },
  apply(stored: StoredEvent, ctx: ProjectionContext): void {
    const studentId = studentIdOf(stored);
    if (!studentId) return;
    const event = toDomainEvent(stored) as StudentEvent;
    const doc = ctx.getSync<StudentAbsenceDoc>(STUDENT_ABSENCE, studentId);
    const before: StudentState = doc ?? initialStudentState();
    const after = evolveStudent(before, event);
    // Events before an enrolment cannot be decided; stored history is taken as it is.
    if (after.status !== 'enrolled') return;

    // A fresh object: the cached document must not change unless it is written back.
    const days: Record<string, DayAggregate> = event.type === 'StudentEnrolled' ? {} : copyRecord(doc?.days ?? {});
    for (const date of touchedDates(event, before, after)) {
      const agg = dayAggregateOn(after.absences, date);
      if (agg) days[date] = agg;
      else delete days[date];
    }
    const next: StudentAbsenceDoc = {
      ...after,
      // The stream's own revision, so the document says exactly how far it has read the stream.
      revision: stored.revision,
      days,
      concernAsOf: event.type === 'ConcernLevelChanged' ? event.data.asOf : (doc?.concernAsOf ?? null),
    };
    ctx.upsert(STUDENT_ABSENCE, studentId, next);
    // The recorded level is not part of the lean document (lists evaluate the level themselves).
    if (event.type === 'ConcernLevelChanged') return;
    const lean: StudentDaysDoc = {
      studentId,
      schoolId: after.schoolId,
      name: after.name,
      grade: after.grade,
      group: after.group,
      days,
      manualRaises: [...after.manualRaises],
    };
    ctx.upsert(STUDENT_ABSENCE_DAYS, studentId, lean);
  },
};
