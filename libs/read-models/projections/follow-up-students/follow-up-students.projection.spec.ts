import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { fact, startHarness, type Harness } from '#testing/read-models/projection-harness.fixtures.js';
import { enrol } from '#testing/read-models/municipality.fixtures.js';
import { dumpReadModel } from '#testing/read-models/dump-read-model.js';
import { freshRebuild } from '#testing/read-models/fresh-rebuild.js';
import {
  FOLLOW_UP_STUDENTS,
  STUDENT_DAY_DATES,
  studentRegistrations,
  type FollowUpStudentDoc,
  type StudentDayDatesDoc,
} from './follow-up-student-doc.js';
import { followUpStudentsProjection } from './follow-up-students.projection.js';

const registered = (absenceId: string, date: string, kind: 'day' | 'lesson' | 'late' = 'day') =>
  fact('AbsenceRegistered', {
    studentId: 's1',
    absenceId,
    date,
    kind,
    ...(kind === 'lesson' ? { lessons: 2 } : kind === 'late' ? { minutes: 10 } : {}),
    documented: false,
    reportedByGuardian: false,
  });

describe('follow-up-students projection', () => {
  let h: Harness;
  // The store stamps recordedAt when it appends: registrations are recorded "today".
  let today: string;
  beforeEach(async () => {
    h = await startHarness([followUpStudentsProjection], { batchSize: 3 });
    today = new Date().toISOString().slice(0, 10);
  });
  afterEach(() => h.close());

  const student = () => h.reader('follow-up-students').get<FollowUpStudentDoc>(FOLLOW_UP_STUDENTS, 's1');
  const dates = async () => (await h.reader('follow-up-students').get<StudentDayDatesDoc>(STUDENT_DAY_DATES, 's1'))?.dates;

  it('given an enrolled student, when absences are registered, keeps them with the day recorded, and the day-absence dates once each', async () => {
    await h.record(
      enrol('s1', 'A', 5),
      registered('a1', '2026-01-06'),
      registered('a2', '2026-01-05'),
      registered('a3', '2026-01-06', 'lesson'),
      registered('a4', '2026-01-05'),
    );
    const doc = await student();
    expect(doc).toMatchObject({ studentId: 's1', schoolId: 'A', levels: [] });
    expect(studentRegistrations(doc!)).toEqual([
      {
        absenceId: 'a1',
        date: '2026-01-06',
        kind: 'day',
        documented: false,
        reportedByGuardian: false,
        recordedOn: today,
      },
      {
        absenceId: 'a2',
        date: '2026-01-05',
        kind: 'day',
        documented: false,
        reportedByGuardian: false,
        recordedOn: today,
      },
      {
        absenceId: 'a3',
        date: '2026-01-06',
        kind: 'lesson',
        lessons: 2,
        documented: false,
        reportedByGuardian: false,
        recordedOn: today,
      },
      {
        absenceId: 'a4',
        date: '2026-01-05',
        kind: 'day',
        documented: false,
        reportedByGuardian: false,
        recordedOn: today,
      },
    ]);
    expect(await dates()).toEqual(['2026-01-05', '2026-01-06']);
  });

  it('when a registration is corrected, documented or retracted, follows it, and the dates with it', async () => {
    await h.record(
      enrol('s1', 'A', 5),
      registered('a1', '2026-01-06'),
      registered('a2', '2026-01-07', 'lesson'),
      registered('a3', '2026-01-08'),
    );
    await h.record(
      fact('AbsenceCorrected', {
        studentId: 's1',
        absenceId: 'a2',
        changes: { kind: 'day', lessons: null, reportedByGuardian: true },
        previous: { kind: 'lesson', lessons: 2, reportedByGuardian: false },
        reason: 'feil type',
        on: '2026-01-09',
      }),
      fact('AbsenceDocumentationReceived', {
        studentId: 's1',
        absenceId: 'a3',
        on: '2026-01-09',
      }),
      fact('AbsenceRetracted', {
        studentId: 's1',
        absenceId: 'a1',
        reason: 'feilregistrert',
        on: '2026-01-09',
      }),
    );
    expect(studentRegistrations((await student())!)).toEqual([
      {
        absenceId: 'a2',
        date: '2026-01-07',
        kind: 'day',
        documented: false,
        reportedByGuardian: true,
        recordedOn: today,
        reportedOn: '2026-01-09',
      },
      {
        absenceId: 'a3',
        date: '2026-01-08',
        kind: 'day',
        documented: true,
        reportedByGuardian: false,
        recordedOn: today,
      },
    ]);
    expect(await dates()).toEqual(['2026-01-07', '2026-01-08']);
  });

  it('keeps the recorded concern levels and, on a re-enrolment, the registrations under the new school', async () => {
    await h.record(
      enrol('s1', 'A', 5),
      registered('a1', '2026-01-06'),
      fact('ConcernLevelChanged', {
        studentId: 's1',
        from: 'green',
        to: 'yellow',
        triggers: [],
        asOf: '2026-01-06',
      }),
      enrol('s1', 'B', 6),
    );
    const doc = await student();
    expect(doc).toMatchObject({
      schoolId: 'B',
      levels: [{ level: 'yellow', asOf: '2026-01-06', seq: expect.any(Number) }],
    });
    expect(doc!.registrations).toHaveLength(1);
    expect(await h.reader('follow-up-students').find(FOLLOW_UP_STUDENTS, { schoolId: 'A' })).toEqual([]);
  });

  it('writes no dates for a student without day-absence, and takes nothing for a student never enrolled', async () => {
    await h.record(
      enrol('s1', 'A', 5),
      registered('a1', '2026-01-06', 'late'),
      fact('AbsenceRegistered', {
        studentId: 'ghost',
        absenceId: 'g1',
        date: '2026-01-06',
        kind: 'day',
        documented: false,
        reportedByGuardian: false,
      }),
    );
    expect(await dates()).toBeUndefined();
    expect(await h.reader('follow-up-students').get(FOLLOW_UP_STUDENTS, 'ghost')).toBeUndefined();
  });

  it('gives in batches of three what a rebuild in one batch gives', async () => {
    await h.record(
      enrol('s1', 'A', 5),
      ...Array.from({ length: 10 }, (_, i) =>
        registered(`a${i}`, `2026-01-${String(5 + i).padStart(2, '0')}`, i % 3 === 0 ? 'lesson' : 'day'),
      ),
    );
    await h.record(
      fact('AbsenceRetracted', {
        studentId: 's1',
        absenceId: 'a4',
        reason: 'feil',
        on: '2026-01-20',
      }),
    );
    expect(await dumpReadModel(followUpStudentsProjection, h.reader('follow-up-students'))).toEqual(
      await freshRebuild(followUpStudentsProjection, h.events),
    );
  });
});
