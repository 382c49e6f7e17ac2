import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { parse } from 'csv-parse/sync';
import { AbsenceHarness } from '#testing/read-models/absence-harness.js';
import { school } from '#testing/read-models/schools.fixture.js';
import { absenceListCsv } from './absence-list.csv.js';
import { getAbsenceList } from './absence-list.query.js';
import { ABSENCE_LIST_FIELDS } from './absence-list.row.js';

describe('absence list', () => {
  let h: AbsenceHarness;
  beforeAll(async () => {
    h = await AbsenceHarness.start();
    await h.registerSchool(school('skole', 'vindafjord-etne'));
    await h.registerSchool(school('annen', 'vindafjord-etne'));
    await h.enrol('s3', 'skole', 'Anne', '8B');
    await h.enrol('s2', 'skole', 'Åse', '8A');
    await h.enrol('s1', 'skole', 'Kari', '8A');
    await h.enrol('x1', 'annen', 'Per', '8A');

    h.today = '2026-10-09';
    await h.register('s1', { date: '2026-09-21', kind: 'day', documented: true });
    await h.register('s1', { date: '2026-09-22', kind: 'day' });
    await h.register('s1', { date: '2026-09-23', kind: 'lesson', lessons: 2 });
    await h.register('s1', { date: '2026-10-05', kind: 'late', minutes: 10 });
    await h.register('s1', { date: '2026-10-06', kind: 'left-early', minutes: 45 });
    const retracted = await h.register('s1', { date: '2026-10-08', kind: 'day' });
    await h.retract('s1', retracted);
    // Registered for the week before the period, then corrected into it.
    const moved = await h.register('s1', { date: '2026-09-18', kind: 'day' });
    await h.correct('s1', moved, { date: '2026-10-09' });
    for (const date of ['2026-09-21', '2026-09-22', '2026-09-23', '2026-09-24', '2026-09-25'])
      await h.register('s3', { date, kind: 'day' });
    await h.register('x1', { date: '2026-09-21', kind: 'day' });
    await h.caughtUp();
  });
  afterAll(async () => {
    await h.stop();
  });

  it('gives one row per enrolled student, by group then name, with the period’s totals', async () => {
    // 21 September – 9 October: three weeks, one of them the autumn break, so 10 school days.
    const rows = await getAbsenceList(h.readers, 'skole', '2026-09-21', '2026-10-09', { openCaseStudentIds: new Set(['s3']) });
    expect(rows).toEqual([
      {
        studentId: 's1',
        name: 'Kari',
        grade: 8,
        group: '8A',
        days: 3,
        daysDocumented: 1,
        daysUndocumented: 2,
        lessons: 2,
        lates: 1,
        leftEarly: 1,
        schoolDays: 10,
        absencePercent: 30,
        level: 'green',
        openCase: false,
      },
      {
        studentId: 's2',
        name: 'Åse',
        grade: 8,
        group: '8A',
        days: 0,
        daysDocumented: 0,
        daysUndocumented: 0,
        lessons: 0,
        lates: 0,
        leftEarly: 0,
        schoolDays: 10,
        absencePercent: 0,
        level: 'green',
        openCase: false,
      },
      {
        studentId: 's3',
        name: 'Anne',
        grade: 8,
        group: '8B',
        days: 5,
        daysDocumented: 0,
        daysUndocumented: 5,
        lessons: 0,
        lates: 0,
        leftEarly: 0,
        schoolDays: 10,
        absencePercent: 50,
        level: 'yellow',
        openCase: true,
      },
    ]);
    expect(Object.keys(rows![0]!)).toEqual([...ABSENCE_LIST_FIELDS]);
  });

  it('rounds the percentage to one decimal and reads the level as of the period’s end', async () => {
    const rows = (await getAbsenceList(h.readers, 'skole', '2026-09-21', '2026-10-08'))!;
    expect(rows[0]).toMatchObject({ studentId: 's1', days: 2, schoolDays: 9, absencePercent: 22.2 });
    // Anne's five days are more than 30 days before 23 November: green as of then.
    const later = (await getAbsenceList(h.readers, 'skole', '2026-08-17', '2026-11-23'))!;
    expect(later.find((r) => r.studentId === 's3')).toMatchObject({ days: 5, level: 'green' });
  });

  it('reports 0 % for a period without school days', async () => {
    const rows = (await getAbsenceList(h.readers, 'skole', '2026-12-21', '2027-01-01'))!;
    expect(rows.map((r) => [r.schoolDays, r.absencePercent])).toEqual([
      [0, 0],
      [0, 0],
      [0, 0],
    ]);
  });

  it('answers null for an unknown school', async () => {
    expect(await getAbsenceList(h.readers, 'nowhere', '2026-09-21', '2026-10-09')).toBeNull();
  });

  it('writes CSV for Norwegian Excel: a Norwegian header, semicolons, Norwegian words', async () => {
    const rows = (await getAbsenceList(h.readers, 'skole', '2026-09-21', '2026-10-09', { openCaseStudentIds: new Set(['s3']) }))!;
    const csv = absenceListCsv(rows);
    const lines = csv
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\n');
    expect(lines[0]!.split(';')).toHaveLength(ABSENCE_LIST_FIELDS.length);
    expect(lines[1]).toBe('s1;Kari;8;8A;3;1;2;2;1;1;10;30;grønn;nei');
    expect(lines[3]).toBe('s3;Anne;8;8B;5;0;5;0;0;0;10;50;gul;ja');
    // Read back, it is the same table.
    const parsed = parse(csv, { bom: true, delimiter: ';', columns: true }) as Record<string, string>[];
    expect(parsed.map((r) => r.Navn)).toEqual(['Kari', 'Åse', 'Anne']);
  });

  it('answers a list asked for again after a registration with the new figures and level (no stale parse or level)', async () => {
    const h2 = await AbsenceHarness.start();
    try {
      await h2.registerSchool(school('skole', 'vindafjord-etne'));
      await h2.enrol('s1', 'skole', 'Kari', '8A');
      h2.today = '2026-10-09';
      for (const date of ['2026-09-21', '2026-09-22', '2026-09-23', '2026-09-24']) await h2.register('s1', { date, kind: 'day' });
      await h2.caughtUp();
      const before = (await getAbsenceList(h2.readers, 'skole', '2026-09-21', '2026-10-09'))!;
      expect(before[0]).toMatchObject({ days: 4, level: 'green' });
      // The same list again: the very same answer, shared and frozen, while nothing it was made from changed.
      expect(await getAbsenceList(h2.readers, 'skole', '2026-09-21', '2026-10-09')).toBe(before);
      expect(Object.isFrozen(before) && Object.isFrozen(before[0])).toBe(true);
      // A case opened (the caller's set changed, not the documents): made again, and the kept one is not reused after.
      const withCase = (await getAbsenceList(h2.readers, 'skole', '2026-09-21', '2026-10-09', { openCaseStudentIds: new Set(['s1']) }))!;
      expect(withCase[0]).toMatchObject({ openCase: true });
      expect((await getAbsenceList(h2.readers, 'skole', '2026-09-21', '2026-10-09'))![0]).toMatchObject({ openCase: false });
      // Another period is another answer.
      expect((await getAbsenceList(h2.readers, 'skole', '2026-09-22', '2026-10-09'))![0]).toMatchObject({ days: 3 });
      await h2.register('s1', { date: '2026-09-25', kind: 'day' });
      await h2.caughtUp();
      expect((await getAbsenceList(h2.readers, 'skole', '2026-09-21', '2026-10-09'))![0]).toMatchObject({ days: 5, level: 'yellow' });
      // A student enrolled since: in the list at once.
      await h2.enrol('s2', 'skole', 'Åse', '8A');
      await h2.caughtUp();
      expect((await getAbsenceList(h2.readers, 'skole', '2026-09-21', '2026-10-09'))!.map((r) => r.studentId)).toEqual(['s1', 's2']);
    } finally {
      await h2.stop();
    }
  });
});
