import type { StoredEvent } from '../../../event-store/event-store.port.js';
import { toDomainEvent, type StudentEvent } from '../../../domain/events/index.js';
import { absenceAfter, evolveStudent, initialStudentState, isAbsenceEvent, type AbsenceRecord, type StudentState } from '../../../domain/student/index.js';
import type { DocKey, Projection, ProjectionContext } from '../../projector/projection.js';
import { copyRecord } from '../../../domain/shared/keyed-copy.js';
import { addToDay, dayAggregateOn } from './day-aggregates.js';
import { packDays } from './packed-days.js';
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
 * The registration and day maps of the documents this projection has made its own. A document
 * read from the store has maps in V8's fast mode, where adding an absence id or a date creates
 * a new hidden class each time (keyed-copy.ts); the first event of a document in the projector's
 * cache copies both maps into dictionary mode once, and later events change them in place.
 */
const owned = new WeakSet<object>();

function own(doc: StudentAbsenceDoc): StudentAbsenceDoc {
  if (owned.has(doc)) return doc;
  const mine: StudentAbsenceDoc = { ...doc, absences: copyRecord(doc.absences), days: copyRecord(doc.days) };
  owned.add(mine);
  return mine;
}

/**
 * One document per student (student-absence.documents.ts), folded with the domain's own
 * transitions (`evolveStudent`, and `absenceAfter` for registrations), so the read model cannot
 * drift from what the deciders see; and its lean companion for school-wide lists, written from
 * the same fold.
 *
 * A registration event changes the cached document in place (the projector's contract allows it
 * when the document is upserted in the same apply): copying a student's year of registrations
 * for every event made a rebuild O(n²) per student.
 */
export const studentAbsenceProjection: Projection = {
  name: 'student-absence',
  // 2: the lean document's totals are packed (packed-days.ts).
  version: 2,
  collections: [
    { name: STUDENT_ABSENCE, indexes: ['schoolId'] },
    // Read 600 at a time by the absence list, and each changes only with its student's registrations.
    { name: STUDENT_ABSENCE_DAYS, indexes: ['schoolId'], readCache: true },
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
    const cached = ctx.getSync<StudentAbsenceDoc>(STUDENT_ABSENCE, studentId);
    if (cached && isAbsenceEvent(event)) {
      const doc = own(cached);
      const before = doc.absences[event.data.absenceId];
      const record = absenceAfter(doc.absences, event);
      if (record) {
        (doc.absences as Record<string, AbsenceRecord>)[record.absenceId] = record;
        updateDays(doc.days, doc.absences, before, record);
      }
      // The stream's own revision, so the document says exactly how far it has read the stream.
      (doc as { revision: number }).revision = stored.revision;
      write(ctx, studentId, doc, true);
      return;
    }
    const before: StudentState = cached ?? initialStudentState();
    const after = evolveStudent(before, event);
    // Events before an enrolment cannot be decided; stored history is taken as it is.
    if (after.status !== 'enrolled') return;
    // An enrolment starts the fold afresh (evolveStudent leaves no registration), so no day either.
    const days: Record<string, DayAggregate> = event.type === 'StudentEnrolled' ? {} : (cached?.days ?? {});
    const next: StudentAbsenceDoc = {
      ...after,
      revision: stored.revision,
      days,
      concernAsOf: event.type === 'ConcernLevelChanged' ? event.data.asOf : (cached?.concernAsOf ?? null),
    };
    // The maps are shared with `cached` when the event left them alone: then they are ours already.
    if (cached && owned.has(cached) && next.absences === cached.absences && next.days === cached.days) owned.add(next);
    // The recorded level is not part of the lean document (lists evaluate the level themselves).
    write(ctx, studentId, own(next), event.type !== 'ConcernLevelChanged');
  },
};

/**
 * Keeps `days` equal to `dayAggregates(absences)` after one registration changed from `before`
 * to `after` (already stored in `absences`). A new registration only adds to its date; any
 * other change recounts the dates it touched from the registrations of those dates.
 */
function updateDays(days: Record<string, DayAggregate>, absences: Readonly<Record<string, AbsenceRecord>>, before: AbsenceRecord | undefined, after: AbsenceRecord): void {
  if (before === undefined) {
    if (after.retracted) return;
    addToDay((days[after.date] ??= { day: 0, documented: 0, lessons: 0, lates: 0, leftEarly: 0 }), after);
    return;
  }
  for (const date of before.date === after.date ? [after.date] : [before.date, after.date]) {
    const agg = dayAggregateOn(absences, date);
    if (agg) days[date] = agg;
    else delete days[date];
  }
}

function write(ctx: ProjectionContext, studentId: string, doc: StudentAbsenceDoc, lean: boolean): void {
  ctx.upsert(STUDENT_ABSENCE, studentId, doc);
  if (!lean) return;
  const days: StudentDaysDoc = {
    studentId,
    schoolId: doc.schoolId,
    name: doc.name,
    grade: doc.grade,
    group: doc.group,
    manualRaises: [...doc.manualRaises],
    ...packDays(doc.days),
  };
  ctx.upsert(STUDENT_ABSENCE_DAYS, studentId, days);
}
