/**
 * The `follow-up-students` projection: each student's active registrations (with the day they
 * were recorded, which unreported-absence steps count from) and recorded concern levels, for the
 * tasks query's follow-up facts; and beside them the student's day-absence dates, for PPT's
 * "completely absent" count (follow-up-student-doc.ts).
 *
 * It reads whole events, for the store's `recordedAt`.
 */
import type { StoredEvent } from '#event-store/event-store.port.js';
import { toDomainEvent, type StudentEvent } from '#domain/events/index.js';
import { addStudentFollowUpRecord, type StudentFollowUpRecords } from '#domain/student/follow-up-records.js';
import type { DocKey, Projection, ProjectionContext } from '../../projector/projection.js';
import {
  FOLLOW_UP_STUDENTS,
  STUDENT_DAY_DATES,
  dayAbsenceDatesOf,
  documentedRegistration,
  packRegistration,
  unpackRegistration,
  type FollowUpStudentDoc,
  type PackedRegistration,
  type RecordedLevel,
  type StudentDayDatesDoc,
  type StudentRegistration,
} from './follow-up-student-doc.js';

const HANDLES = [
  'StudentEnrolled',
  'StudentMoved',
  'AbsenceRegistered',
  'AbsenceCorrected',
  'AbsenceRetracted',
  'AbsenceDocumentationReceived',
  'ConcernLevelChanged',
  'StudentContactRecorded',
  'FollowUpStepCompleted',
  'FollowUpStepWaived',
] as const;
const CORRECTABLE: ReadonlySet<string> = new Set(['date', 'kind', 'lessons', 'documented', 'reportedByGuardian']);

export const followUpStudentsProjection: Projection = {
  name: 'follow-up-students',
  // 2: steps completed and waived by hand, contacts outside a case.
  version: 2,
  collections: [
    { name: FOLLOW_UP_STUDENTS, indexes: ['schoolId'] },
    // PPT's statistics read those of the students PPT follows, by id, on every request.
    { name: STUDENT_DAY_DATES, indexes: ['studentId'], readCache: true },
  ],
  handles: HANDLES,
  // Every event it handles is on student-<id>, and each document follows that stream alone.
  partition: 'stream',
  prefetch(event: StoredEvent): readonly DocKey[] {
    const studentId = (event.data as { studentId?: unknown }).studentId;
    return typeof studentId === 'string' ? [{ collection: FOLLOW_UP_STUDENTS, id: studentId }] : [];
  },
  apply(stored: StoredEvent, ctx: ProjectionContext): void {
    const event = toDomainEvent(stored) as StudentEvent;
    const studentId = (event.data as { studentId?: string }).studentId;
    if (!studentId) return;
    const cached = ctx.getSync<FollowUpStudentDoc>(FOLLOW_UP_STUDENTS, studentId);
    if (event.type === 'StudentEnrolled') {
      // A re-enrolment (new school year or school) keeps the registrations and levels.
      const doc: FollowUpStudentDoc = cached
        ? { ...cached, schoolId: event.data.schoolId }
        : {
            studentId,
            schoolId: event.data.schoolId,
            registrations: [],
            levels: [],
            byHand: { completedSteps: [], waivedSteps: [], contacts: [] },
          };
      ctx.upsert(FOLLOW_UP_STUDENTS, studentId, doc);
      return;
    }
    // Registrations before an enrolment cannot have been decided; the cases projection ignored them too.
    if (!cached) return;
    if (event.type === 'StudentMoved') {
      // The tasks are the new school's from now on; registrations and levels stay the student's.
      ctx.upsert(FOLLOW_UP_STUDENTS, studentId, { ...cached, schoolId: event.data.schoolId });
      return;
    }
    const student = own(cached);
    const daysChanged = applyTo(student, event, stored);
    if (daysChanged === undefined) return;
    // Changed in place, which the projector allows for a document upserted in the same apply.
    ctx.upsert(FOLLOW_UP_STUDENTS, studentId, student);
    // Built once per batch however many of the student's day-absences the batch changes.
    if (daysChanged) ctx.upsertDerived(STUDENT_DAY_DATES, studentId, () => dayDates(ctx, studentId));
  },
};

/** Applies `event` to `student` in place: undefined when nothing changed, else whether its day-absence dates may have. */
function applyTo(student: FollowUpStudentDoc, event: StudentEvent, stored: StoredEvent): boolean | undefined {
  const registrations = student.registrations as PackedRegistration[];
  const at = owned.get(student)!;
  switch (event.type) {
    case 'AbsenceRegistered': {
      const d = event.data;
      const next = packRegistration(d.absenceId, d, stored.metadata.recordedAt.slice(0, 10), undefined);
      const i = at.get(d.absenceId);
      const wasDay = i !== undefined && registrations[i]![2] === 'day';
      if (i === undefined) {
        at.set(d.absenceId, registrations.length);
        registrations.push(next);
      } else {
        registrations[i] = next;
      }
      return wasDay || d.kind === 'day';
    }
    case 'AbsenceCorrected': {
      const i = at.get(event.data.absenceId);
      if (i === undefined) return undefined;
      const current = unpackRegistration(registrations[i]!);
      const next: Record<string, unknown> = { ...current };
      for (const [key, value] of Object.entries(event.data.changes)) {
        if (!CORRECTABLE.has(key)) continue;
        if (value === null) delete next[key];
        else next[key] = value;
      }
      const reportedOn = event.data.changes.reportedByGuardian === true && !current.reportedByGuardian ? event.data.on : current.reportedOn;
      registrations[i] = packRegistration(current.absenceId, next as unknown as StudentRegistration, current.recordedOn, reportedOn);
      return current.kind === 'day' || next['kind'] === 'day';
    }
    case 'AbsenceRetracted': {
      const i = at.get(event.data.absenceId);
      if (i === undefined) return undefined;
      const wasDay = registrations[i]![2] === 'day';
      registrations.splice(i, 1);
      // Rare (about 2 % of registrations): the positions after it move down by one.
      for (let j = i; j < registrations.length; j++) at.set(registrations[j]![0], j);
      at.delete(event.data.absenceId);
      return wasDay;
    }
    case 'AbsenceDocumentationReceived': {
      const i = at.get(event.data.absenceId);
      if (i === undefined) return undefined;
      registrations[i] = documentedRegistration(registrations[i]!);
      return false;
    }
    case 'ConcernLevelChanged':
      (student.levels as RecordedLevel[]).push({
        level: event.data.to,
        asOf: event.data.asOf,
        seq: stored.position,
      });
      return false;
    default:
      // Completions, waivers and contacts: copied once per loaded document by `own`.
      return addStudentFollowUpRecord(student.byHand as StudentFollowUpRecords, event, stored.metadata.actor.id) ? false : undefined;
  }
}

function dayDates(ctx: ProjectionContext, studentId: string): StudentDayDatesDoc {
  const student = ctx.getSync<FollowUpStudentDoc>(FOLLOW_UP_STUDENTS, studentId)!;
  return { studentId, dates: dayAbsenceDatesOf(student) };
}

/**
 * Student documents this projection may change in place: the first change after a document is
 * loaded (or replaced) copies its arrays once, instead of copying them for every event (O(n²)
 * per student). Each keeps where its registrations sit, by id, in a Map.
 */
const owned = new WeakMap<FollowUpStudentDoc, Map<string, number>>();

function own(doc: FollowUpStudentDoc): FollowUpStudentDoc {
  if (owned.has(doc)) return doc;
  const mine: FollowUpStudentDoc = {
    ...doc,
    registrations: [...doc.registrations],
    levels: [...doc.levels],
    byHand: {
      completedSteps: [...(doc.byHand?.completedSteps ?? [])],
      waivedSteps: [...(doc.byHand?.waivedSteps ?? [])],
      contacts: [...(doc.byHand?.contacts ?? [])],
    },
  };
  owned.set(mine, new Map(mine.registrations.map((r, i) => [r[0], i])));
  return mine;
}
