import type { PayloadEvent } from '#event-store/event-store.port.js';
import { toDomainEvent } from '#domain/events/index.js';
import type { DocKey, Projection, ProjectionContext } from '../../projector/projection.js';
import { DIRECTORY_SCHOOLS, DIRECTORY_STUDENTS, type SchoolDoc, type StudentDoc } from './directory.documents.js';
import { copySchoolYear, withSchoolYear } from '#domain/calendar/school-years.js';

const HANDLES = ['SchoolRegistered', 'SchoolCalendarChanged', 'StudentEnrolled', 'StudentMoved', 'StudentErased'] as const;

/** Every event it handles carries `schoolId`; that school's document is all `apply` reads. */
function schoolIdOf(event: PayloadEvent): string | undefined {
  const schoolId = (event.data as { schoolId?: unknown } | null)?.schoolId;
  return typeof schoolId === 'string' && schoolId !== '' ? schoolId : undefined;
}

/**
 * Schools and students with their attributes (see directory.documents.ts). Students carry
 * their school's municipality so access checks are one document read.
 */
export const directoryProjection: Projection = {
  name: 'directory',
  // 2: erased students flagged (api.md, Privacy), so start-up can see that their keys are gone.
  version: 2,
  collections: [
    // Read by every school's list and access check, written when a school or its calendar changes.
    { name: DIRECTORY_SCHOOLS, indexes: ['municipalityId'], readCache: true },
    { name: DIRECTORY_STUDENTS, indexes: ['schoolId', 'municipalityId', 'group', 'erased'] },
  ],
  handles: HANDLES,
  // Payloads are all it reads: a rebuild may then read $all without ids, metadata and hashes.
  reads: 'payloads',
  prefetch(event: PayloadEvent): readonly DocKey[] {
    const schoolId = schoolIdOf(event);
    const keys: DocKey[] = schoolId ? [{ collection: DIRECTORY_SCHOOLS, id: schoolId }] : [];
    // A move keeps the student's name: the student's own document is read too.
    const studentId = (event.data as { studentId?: unknown } | null)?.studentId;
    if ((event.type === 'StudentMoved' || event.type === 'StudentErased') && typeof studentId === 'string')
      keys.push({ collection: DIRECTORY_STUDENTS, id: studentId });
    return keys;
  },
  apply(stored: PayloadEvent, ctx: ProjectionContext): void {
    const event = toDomainEvent(stored);
    switch (event.type) {
      case 'SchoolRegistered': {
        const d = event.data;
        const previous = ctx.getSync<SchoolDoc>(DIRECTORY_SCHOOLS, d.schoolId);
        const doc: SchoolDoc = {
          schoolId: d.schoolId,
          name: d.name,
          municipalityId: d.municipalityId,
          level: d.level,
          planId: d.planId,
          planVersion: d.planVersion,
          schoolYear: copySchoolYear(d.schoolYear),
          schoolYears: withSchoolYear(previous?.schoolYears ?? [], d.schoolYear),
        };
        ctx.upsert(DIRECTORY_SCHOOLS, d.schoolId, doc);
        return;
      }
      case 'SchoolCalendarChanged': {
        const d = event.data;
        const school = ctx.getSync<SchoolDoc>(DIRECTORY_SCHOOLS, d.schoolId);
        // The decider refuses a change to an unregistered school; stored history is taken as it is.
        if (!school) return;
        ctx.upsert(DIRECTORY_SCHOOLS, d.schoolId, {
          ...school,
          schoolYear: copySchoolYear(d.schoolYear),
          schoolYears: withSchoolYear(school.schoolYears, d.schoolYear),
        });
        return;
      }
      case 'StudentEnrolled': {
        const d = event.data;
        const school = ctx.getSync<SchoolDoc>(DIRECTORY_SCHOOLS, d.schoolId);
        const doc: StudentDoc = {
          studentId: d.studentId,
          schoolId: d.schoolId,
          municipalityId: school?.municipalityId ?? null,
          name: d.name,
          grade: d.grade,
          group: d.group,
        };
        ctx.upsert(DIRECTORY_STUDENTS, d.studentId, doc);
        return;
      }
      case 'StudentMoved': {
        const d = event.data;
        const known = ctx.getSync<StudentDoc>(DIRECTORY_STUDENTS, d.studentId);
        if (!known) return;
        const school = ctx.getSync<SchoolDoc>(DIRECTORY_SCHOOLS, d.schoolId);
        ctx.upsert(DIRECTORY_STUDENTS, d.studentId, {
          ...known,
          schoolId: d.schoolId,
          municipalityId: school?.municipalityId ?? known.municipalityId,
          grade: d.grade,
          group: d.group,
        });
        return;
      }
      case 'StudentErased': {
        const known = ctx.getSync<StudentDoc>(DIRECTORY_STUDENTS, event.data.studentId);
        if (known) ctx.upsert(DIRECTORY_STUDENTS, known.studentId, { ...known, erased: true });
        return;
      }
      default:
        return;
    }
  },
};
