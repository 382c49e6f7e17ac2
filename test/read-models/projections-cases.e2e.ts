/**
 * The case, statistics and PPT read models fed through the real SqliteEventStore, Projector
 * and SqliteDocumentStore. Expected figures are worked out by hand from
 * libs/read-models/projections/cases/municipality.fixtures.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { ConcernLevel } from '#domain/events/index.js';
import { CASES, type CaseDoc } from '#read-models/projections/cases/case-doc.js';
import { caseProjection } from '#read-models/projections/cases/case.projection.js';
import { followUpStudentsProjection } from '#read-models/projections/follow-up-students/follow-up-students.projection.js';
import { getCaseDoc, openCaseIdOfStudent, openCaseStudentIds } from '#read-models/projections/cases/case.queries.js';
import { isOpenOn, phaseOn, pptAccess, statusOn } from '#read-models/projections/cases/case-timeline.js';
import {
  YEAR_2025,
  businessDateOf,
  changePhase,
  close,
  dayAbsence,
  enrol,
  meeting,
  municipalityHistory,
  open,
  reopen,
  school,
} from '#testing/read-models/municipality.fixtures.js';
import { fact, startHarness, type Harness } from '#testing/read-models/projection-harness.fixtures.js';
import { getPptCases } from '#read-models/projections/ppt/ppt-cases.js';
import { getPptStatistics } from '#read-models/projections/ppt/ppt-statistics.js';
import { suppressSmallCounts } from '#read-models/projections/ppt/suppress-small-counts.js';
import { getSchoolStatistics } from '#read-models/projections/statistics/school-statistics.js';
import { dumpReadModel } from '#testing/read-models/dump-read-model.js';
import { freshRebuild } from '#testing/read-models/fresh-rebuild.js';

describe('case projection', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness([caseProjection, followUpStudentsProjection]);
    await h.record(
      school('K', 'm1', 'kombinert', 'Kirkerud skole'),
      enrol('s3', 'K', 3, 'Tredje'),
      enrol('s7', 'K', 7, 'Sjuende'),
      enrol('s9', 'K', 9, 'Niende'),
      open('c3', 's3', 'K', '2025-10-13'),
      open('c7', 's7', 'K', '2025-10-13'),
      open('c9', 's9', 'K', '2025-10-20'),
      changePhase('c3', 3, 2, '2025-11-03'),
      // The meeting of 15 October is written up after the phase change of 3 November.
      meeting('c3', 'm1', '2025-10-15T13:00:00Z'),
      close('c3', '2025-12-05'),
      reopen('c3', '2026-01-12'),
    );
  });
  afterAll(() => h.close());

  it('denormalises municipality, names and the school level, splitting a kombinert school by grade', async () => {
    const reader = h.reader('cases');
    const [c3, c7, c9] = await Promise.all(['c3', 'c7', 'c9'].map((id) => getCaseDoc(reader, id)));
    expect(c3).toMatchObject({
      municipalityId: 'm1',
      schoolName: 'Kirkerud skole',
      studentName: 'Tredje',
      grade: 3,
      schoolLevel: 'barneskole',
    });
    expect(c7?.schoolLevel).toBe('barneskole');
    expect(c9).toMatchObject({ grade: 9, schoolLevel: 'ungdomsskole' });
  });

  it('keeps a meeting recorded late under its own date, and answers status and phase at any business date', async () => {
    const c3 = (await getCaseDoc(h.reader('cases'), 'c3'))!;
    expect(c3.meetings).toEqual([expect.objectContaining({ meetingId: 'm1', heldAt: '2025-10-15T13:00:00Z', heldOn: '2025-10-15' })]);
    expect(statusOn(c3, '2025-10-12')).toBeNull();
    expect(statusOn(c3, '2025-10-13')).toBe('open');
    expect(statusOn(c3, '2025-12-05')).toBe('closed');
    expect(statusOn(c3, '2026-01-11')).toBe('closed');
    expect(statusOn(c3, '2026-01-12')).toBe('open');
    expect(c3.status).toBe('open');
    expect(phaseOn(c3, '2025-10-12')).toBeNull();
    expect(phaseOn(c3, '2025-11-02')).toBe(2);
    expect(phaseOn(c3, '2025-11-03')).toBe(3);
  });

  it('lists the students with an open case, now and on a past date', async () => {
    const reader = h.reader('cases');
    expect(await openCaseStudentIds(reader, 'K')).toEqual(['s3', 's7', 's9']);
    expect(await openCaseStudentIds(reader, 'K', '2025-12-10')).toEqual(['s7', 's9']);
    expect(await openCaseStudentIds(reader, 'K', '2025-10-15')).toEqual(['s3', 's7']);
    expect(await openCaseIdOfStudent(reader, 's9')).toBe('c9');
  });

  it('moves a case to ungdomsskole when its student is re-enrolled from grade 7 into grade 8', async () => {
    await h.record(enrol('s7', 'K', 8, 'Sjuende'));
    const c7 = await getCaseDoc(h.reader('cases'), 'c7');
    expect(c7).toMatchObject({ grade: 8, schoolLevel: 'ungdomsskole' });
  });

  it('serves the indexed queries the statistics rely on', async () => {
    const reader = h.reader('cases');
    expect((await reader.find<CaseDoc>(CASES, { municipalityId: 'm1', status: 'open' })).map((d) => d.caseId)).toEqual(['c3', 'c7', 'c9']);
  });
});

describe('statistics and PPT views over a municipality', () => {
  let h: Harness;
  const levels: Record<string, ConcernLevel> = { su1: 'red', su2: 'yellow', sb1: 'yellow', sk1: 'red', sk2: 'red' };
  const levelOf = (studentId: string): ConcernLevel => levels[studentId] ?? 'green';

  beforeAll(async () => {
    h = await startHarness([caseProjection, followUpStudentsProjection]);
    await h.record(...municipalityHistory());
  });
  afterAll(() => h.close());

  it('counts PPT figures per school level at asOf and at compareTo (seed 004 table)', async () => {
    const stats = await getPptStatistics(h.caseReaders(), 'm1', '2026-01-30', '2025-10-31');
    expect(stats).toEqual({
      asOf: '2026-01-30',
      compareTo: '2025-10-31',
      rows: [
        {
          schoolLevel: 'barneskole',
          // b1 consulted (recorded late), b2 and k1 (kombinert, grade 2) referred; k1 away all 20 days.
          consulted: 1,
          referred: 2,
          sum: 3,
          completelyAbsent: 1,
          // b2 consulted, k1 referred; b1 not yet opened.
          previous: { consulted: 1, referred: 1, sum: 2, completelyAbsent: 0 },
        },
        {
          schoolLevel: 'ungdomsskole',
          // k2 (kombinert, grade 9) referred but missed one day; u1 closed by then.
          consulted: 0,
          referred: 1,
          sum: 1,
          completelyAbsent: 0,
          // u1 consulted and away every school day 6–31 October.
          previous: { consulted: 1, referred: 0, sum: 1, completelyAbsent: 1 },
        },
      ],
    });
  });

  it('leaves previous null without compareTo, and keeps other municipalities out', async () => {
    const stats = await getPptStatistics(h.caseReaders(), 'm2', '2026-01-30');
    expect(stats.compareTo).toBeNull();
    expect(stats.rows).toEqual([
      { schoolLevel: 'barneskole', consulted: 0, referred: 1, sum: 1, completelyAbsent: 0, previous: null },
      { schoolLevel: 'ungdomsskole', consulted: 0, referred: 0, sum: 0, completelyAbsent: 0, previous: null },
    ]);
  });

  it('suppresses the small counts for the municipality role', async () => {
    const stats = suppressSmallCounts(await getPptStatistics(h.caseReaders(), 'm1', '2026-01-30'));
    expect(stats.asOf).toBe('2026-01-30');
    expect(stats.rows[0]).toEqual({
      schoolLevel: 'barneskole',
      consulted: '<5',
      referred: '<5',
      sum: '<5',
      completelyAbsent: '<5',
      previous: null,
    });
  });

  it('counts a school as of past dates: open cases, phases and referrals by their business dates', async () => {
    const reader = h.reader('cases');
    expect(await getSchoolStatistics(reader, 'U', '2025-11-15', levelOf)).toEqual({
      students: 2,
      byLevel: { green: 0, yellow: 1, red: 1 },
      openCases: 2,
      casesByPhase: { '2': 1, '3': 1 },
      referrals: { ppt: 1, bup: 0, barnevern: 1, 'school-nurse': 0, gp: 0, other: 0 },
    });
    // u2 closed on 28 November, u1 still open.
    expect(await getSchoolStatistics(reader, 'U', '2025-12-10', levelOf)).toMatchObject({
      openCases: 1,
      casesByPhase: { '2': 1 },
      referrals: { ppt: 1, barnevern: 0 },
    });
    // u1 closed, u2 reopened on 12 January in the phase it had.
    expect(await getSchoolStatistics(reader, 'U', '2026-01-15', levelOf)).toMatchObject({
      openCases: 1,
      casesByPhase: { '3': 1 },
      referrals: { ppt: 0, barnevern: 1 },
    });
  });

  it('passes the business date to levelOf', async () => {
    const asked: string[] = [];
    await getSchoolStatistics(h.reader('cases'), 'B', '2025-12-01', (id, asOf) => {
      asked.push(`${id}@${asOf}`);
      return 'green';
    });
    expect(asked.sort()).toEqual(['sb1@2025-12-01', 'sb2@2025-12-01', 'sb3@2025-12-01', 'sb4@2025-12-01']);
  });

  it('shows PPT only the cases with a PPT referral or consultation while a PPT consent is valid', async () => {
    const reader = h.reader('cases');
    const before = await getPptCases(reader, 'm1', '2026-01-15');
    expect(before.map((c) => c.caseId)).toEqual(['b1', 'b2', 'k1', 'k2', 'u1']);
    // b2's consent was withdrawn on 20 January; b3's consultation lies after the date.
    const after = await getPptCases(reader, 'm1', '2026-01-30');
    expect(after.map((c) => c.caseId)).toEqual(['b1', 'k1', 'k2', 'u1']);
    const k1 = after.find((c) => c.caseId === 'k1')!;
    expect(k1).toMatchObject({
      status: 'open',
      student: { id: 'sk1', name: 'Emma', grade: 2 },
      school: { id: 'K', name: 'Kirkerud skole' },
      schoolLevel: 'barneskole',
      phase: 2,
      consents: [expect.objectContaining({ consentId: 'k1-ppt', purpose: 'ppt', givenOn: '2025-10-15' })],
    });
    // The barnevern report is not PPT's to see.
    expect(k1.referrals.map((r) => r.referralId)).toEqual(['k1-r1']);
    expect(await getPptCases(reader, 'm1', '2026-02-02')).toEqual(expect.arrayContaining([expect.objectContaining({ caseId: 'b3' })]));
  });

  it('answers pptAccess from the dated consents', async () => {
    const b2 = (await getCaseDoc(h.reader('cases'), 'b2'))!;
    expect(pptAccess(b2, '2025-09-24')).toEqual({ referredOrConsulted: false, consentValid: false });
    expect(pptAccess(b2, '2025-10-01')).toEqual({ referredOrConsulted: true, consentValid: true });
    expect(pptAccess(b2, '2026-01-19')).toEqual({ referredOrConsulted: true, consentValid: true });
    expect(pptAccess(b2, '2026-01-20')).toEqual({ referredOrConsulted: true, consentValid: false });
  });

  it.each(['2025-10-31', '2025-11-28', '2025-12-10', '2026-01-15', '2026-01-30'])(
    'as of %s gives what a replay of only the events dated up to then gives',
    async (date) => {
      const replay = await startHarness([caseProjection, followUpStudentsProjection]);
      try {
        await replay.record(...municipalityHistory().filter((f) => (businessDateOf(f) ?? date) <= date));
        for (const schoolId of ['B', 'U', 'K']) {
          const full = await getSchoolStatistics(h.reader('cases'), schoolId, date, levelOf);
          expect(await getSchoolStatistics(replay.reader('cases'), schoolId, date, levelOf)).toEqual(full);
        }
        const full = await getPptStatistics(h.caseReaders(), 'm1', date);
        expect(await getPptStatistics(replay.caseReaders(), 'm1', date)).toEqual(full);
        const fullOpen = (await h.reader('cases').find<CaseDoc>(CASES)).filter((d) => isOpenOn(d, date)).map((d) => d.caseId);
        const replayOpen = (await replay.reader('cases').find<CaseDoc>(CASES, { status: 'open' })).map((d) => d.caseId);
        expect(replayOpen).toEqual(fullOpen);
      } finally {
        await replay.close();
      }
    },
  );
});

describe("PPT statistics after a followed student's registrations change", () => {
  it('reads the dates again once follow-up-students has moved, and not before', async () => {
    const h = await startHarness([caseProjection, followUpStudentsProjection]);
    try {
      await h.record(...municipalityHistory());
      const readers = h.caseReaders();
      let reads = 0;
      const find = readers.students.find.bind(readers.students);
      readers.students.find = (...args: Parameters<typeof find>) => ((reads += 1), find(...args));
      expect((await getPptStatistics(readers, 'm1', '2026-01-30')).rows[0].completelyAbsent).toBe(1);
      expect((await getPptStatistics(readers, 'm1', '2026-01-29')).rows[0].completelyAbsent).toBe(0);
      expect(reads).toBe(1);
      // k1 was at school on one of the 20 days after all: no longer completely absent.
      await h.record(fact('AbsenceRetracted', { studentId: 'sk1', absenceId: 'sk1-a7', reason: 'Feilregistrert', on: '2026-01-30' }));
      expect((await getPptStatistics(readers, 'm1', '2026-01-30')).rows[0].completelyAbsent).toBe(0);
      expect(reads).toBe(2);
      await h.record(dayAbsence('sk1', 'sk1-again', '2026-01-14'));
      expect((await getPptStatistics(readers, 'm1', '2026-01-30')).rows[0].completelyAbsent).toBe(1);
    } finally {
      await h.close();
    }
  });
});

describe('incremental projection', () => {
  it('equals a rebuild from the first event, with small batches and a calendar change on the way', async () => {
    const h = await startHarness([caseProjection, followUpStudentsProjection], { batchSize: 3 });
    try {
      const history = municipalityHistory();
      // Recorded in slices so the projector works through many small batches and cached documents.
      for (let i = 0; i < history.length; i += 17) await h.record(...history.slice(i, i + 17));
      await h.record(
        fact('SchoolCalendarChanged', {
          schoolId: 'K',
          schoolYear: { ...YEAR_2025, breaks: [...YEAR_2025.breaks, { from: '2026-01-12', to: '2026-01-12', name: 'Planleggingsdag' }] },
          previous: YEAR_2025,
          reason: 'Planleggingsdag',
        }),
        enrol('sk2', 'K', 10, 'Filip'),
      );
      expect(await dumpReadModel(caseProjection, h.reader('cases'))).toEqual(await freshRebuild(caseProjection, h.events));
      // With 12 January no longer a school day, k1's 20-day window reaches back over juleferie to 19 December, when k1 was at school.
      const stats = await getPptStatistics(h.caseReaders(), 'm1', '2026-01-30');
      expect(stats.rows[0].completelyAbsent).toBe(0);
    } finally {
      await h.close();
    }
  });
});
