import type { PayloadEvent } from '#event-store/event-store.port.js';
import { toDomainEvent, type StudentEvent } from '#domain/events/index.js';
import {
  absenceAfter,
  evolveStudent,
  initialStudentState,
  isAbsenceEvent,
  type AbsenceRecord,
  type StudentState,
} from '#domain/student/index.js';
import type { DocKey, Projection, ProjectionContext } from '../../projector/projection.js';
import { dictionaryModeCopy } from '#domain/shared/dictionary-mode-record.js';
import { registeredAbsenceWithoutSpread } from './registered-absence-fast.js';
import { addToDay, dayAggregateOn, dayAggregates } from './day-aggregates.js';
import { packDays } from './packed-days.js';
import {
  STUDENT_ABSENCE,
  STUDENT_ABSENCE_DAYS,
  type DayAggregate,
  type StoredStudentAbsence,
  type StudentDaysDoc,
} from './student-absence.documents.js';

const HANDLES: readonly StudentEvent['type'][] = [
  'StudentEnrolled',
  'StudentMoved',
  'AbsenceRegistered',
  'AbsenceCorrected',
  'AbsenceRetracted',
  'AbsenceDocumentationReceived',
  'ConcernRaisedManually',
  'ConcernOverrideWithdrawn',
  'ConcernLevelChanged',
  // Not read here, but the document's revision must follow the stream's (the concern saga judges on it).
  'StudentContactRecorded',
  'FollowUpStepCompleted',
  'FollowUpStepWaived',
];

function studentIdOf(event: PayloadEvent): string | undefined {
  const studentId = (event.data as { studentId?: unknown } | null)?.studentId;
  return typeof studentId === 'string' && studentId !== '' ? studentId : undefined;
}

/**
 * What the projection keeps beside a stored document while it is cached: where each registration
 * sits in the stored array, by id, and the per-day totals. Built once when a document is first
 * seen (read from the store), then changed in place with the document. The ids are kept in a Map:
 * looking up a freshly parsed id string as an object key made V8 internalise it first, which was
 * the projection's largest single cost (--cpu-prof). The dates are a small set, so `days` stays
 * an object, made in dictionary mode (domain/shared/dictionary-mode-record.ts).
 */
interface Working {
  at: Map<string, number>;
  days: Record<string, DayAggregate>;
}

const working = new WeakMap<StoredStudentAbsence, Working>();

function workingOf(doc: StoredStudentAbsence): Working {
  let w = working.get(doc);
  if (w) return w;
  const at = new Map<string, number>();
  doc.absences.forEach((a, i) => at.set(a.absenceId, i));
  w = { at, days: dictionaryModeCopy(dayAggregates(doc.absences)) };
  working.set(doc, w);
  return w;
}

/**
 * Given to `evolveStudent` for the events that are not registrations, in place of the map of
 * registrations: it leaves them alone (or, for an enrolment, starts with none), so the map need
 * not be built from the stored array, and the array is kept when the placeholder comes back.
 */
const UNCHANGED: Readonly<Record<string, AbsenceRecord>> = Object.freeze({});

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
  // 2: the lean document's totals are packed (packed-days.ts). 3: stored smaller (StoredStudentAbsence).
  // 4: overrides with ids, `until` and withdrawals.
  version: 4,
  collections: [
    { name: STUDENT_ABSENCE, indexes: ['schoolId'] },
    // Read 600 at a time by the absence list, and each changes only with its student's registrations.
    { name: STUDENT_ABSENCE_DAYS, indexes: ['schoolId'], readCache: true },
  ],
  handles: HANDLES,
  // Payloads are all it reads: a rebuild may then read $all without ids, metadata and hashes.
  reads: 'payloads',
  // Each student's documents fold that student's stream alone (every event it handles is on
  // student-<id>), so a catch-up from empty may read the history stream by stream.
  partition: 'stream',
  prefetch(event: PayloadEvent): readonly DocKey[] {
    const studentId = studentIdOf(event);
    return studentId ? [{ collection: STUDENT_ABSENCE, id: studentId }] : [];
  },
  apply(stored: PayloadEvent, ctx: ProjectionContext): void {
    const studentId = studentIdOf(stored);
    if (!studentId) return;
    const event = toDomainEvent(stored) as StudentEvent;
    const cached = ctx.getSync<StoredStudentAbsence>(STUDENT_ABSENCE, studentId);
    if (cached && isAbsenceEvent(event)) {
      const w = workingOf(cached);
      const i = w.at.get(event.data.absenceId);
      const before = i === undefined ? undefined : cached.absences[i];
      const record = event.type === 'AbsenceRegistered' ? registeredAbsenceWithoutSpread(event.data) : absenceAfter(before, event);
      if (record) {
        if (i === undefined) {
          w.at.set(record.absenceId, cached.absences.length);
          cached.absences.push(record);
        } else {
          cached.absences[i] = record;
        }
        updateDays(w.days, cached.absences, before, record);
      }
      // The stream's own revision, so the document says exactly how far it has read the stream.
      (cached as { revision: number }).revision = stored.revision;
      write(ctx, studentId, cached, true);
      return;
    }
    const before: StudentState = cached ? { ...cached, absences: UNCHANGED } : initialStudentState();
    const after = evolveStudent(before, event);
    // Events before an enrolment cannot be decided; stored history is taken as it is.
    if (after.status !== 'enrolled') return;
    const kept = cached !== undefined && after.absences === UNCHANGED;
    const next: StoredStudentAbsence = {
      ...after,
      // An enrolment starts the fold afresh (evolveStudent leaves no registration).
      absences: kept ? cached.absences : Object.values(after.absences),
      revision: stored.revision,
      concernAsOf: event.type === 'ConcernLevelChanged' ? event.data.asOf : (cached?.concernAsOf ?? null),
    };
    if (kept) working.set(next, workingOf(cached));
    // The recorded level is not part of the lean document (lists evaluate the level themselves).
    write(ctx, studentId, next, event.type !== 'ConcernLevelChanged');
  },
};

/**
 * Keeps `days` equal to `dayAggregates(absences)` after one registration changed from `before`
 * to `after` (already stored in `absences`). A new registration only adds to its date; any
 * other change recounts the dates it touched from the registrations of those dates.
 */
function updateDays(
  days: Record<string, DayAggregate>,
  absences: readonly AbsenceRecord[],
  before: AbsenceRecord | undefined,
  after: AbsenceRecord,
): void {
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

function write(ctx: ProjectionContext, studentId: string, doc: StoredStudentAbsence, lean: boolean): void {
  ctx.upsert(STUDENT_ABSENCE, studentId, doc);
  // Built once per batch from the student's final document: packing every event's totals was a
  // sixth of a rebuild (a student's events come in runs).
  if (lean)
    ctx.upsertDerived(STUDENT_ABSENCE_DAYS, studentId, () =>
      leanDoc(studentId, ctx.getSync<StoredStudentAbsence>(STUDENT_ABSENCE, studentId)!),
    );
}

function leanDoc(studentId: string, doc: StoredStudentAbsence): StudentDaysDoc {
  return {
    studentId,
    schoolId: doc.schoolId,
    name: doc.name,
    grade: doc.grade,
    group: doc.group,
    manualRaises: [...doc.manualRaises],
    ...packDays(workingOf(doc).days),
  };
}
