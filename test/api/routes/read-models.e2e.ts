/**
 * api.md "Read models": the absence list (JSON and CSV), school statistics, PPT statistics
 * (kombinert split, compareTo, "<5" for the municipality), the PPT case list and what PPT
 * may read, tasks, and the auditor's access log.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { expectErrorShape, MUNICIPALITY, positionOf, TODAY, World } from './support/fixture.js';
import { parse as parseCsv } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import request from 'supertest';

/** Every count in an answer to the municipality role is 0, 5 or more, "<5" or "*": never 1..4. */
function expectOnlySafeCounts(body: unknown): void {
  const walk = (v: unknown): void => {
    if (typeof v === 'number') expect(v === 0 || v >= 5).toBe(true);
    else if (typeof v === 'string' && /^(<5|\*)$/.test(v)) return;
    else if (Array.isArray(v)) v.forEach(walk);
    else if (v !== null && typeof v === 'object') Object.values(v).forEach(walk);
  };
  walk(body);
}

const LIST_FIELDS = [
  'studentId',
  'name',
  'grade',
  'group',
  'days',
  'daysDocumented',
  'daysUndocumented',
  'lessons',
  'lates',
  'leftEarly',
  'schoolDays',
  'absencePercent',
  'level',
  'openCase',
];

/** The 21 school days up to and including TODAY (Mon 2026-11-23), newest first. */
const LAST_SCHOOL_DAYS = [
  '2026-11-23',
  '2026-11-20',
  '2026-11-19',
  '2026-11-18',
  '2026-11-17',
  '2026-11-16',
  '2026-11-13',
  '2026-11-12',
  '2026-11-11',
  '2026-11-10',
  '2026-11-09',
  '2026-11-06',
  '2026-11-05',
  '2026-11-04',
  '2026-11-03',
  '2026-11-02',
  '2026-10-30',
  '2026-10-29',
  '2026-10-28',
  '2026-10-27',
  '2026-10-26',
];

describe('read-model routes', () => {
  let w: World;
  // The kombi school's students and cases, set up once: the statistics count them.
  let absentStudent: string;
  let listStudent: string;
  let quietStudent: string;
  beforeAll(async () => {
    w = await World.start();
    listStudent = await w.student('smoras', '5B', 6);
    quietStudent = await w.student('smoras', '5A', 5);
    // A PPT-referred barneskole case whose student has been absent every school day of late.
    const ppt = await w.pptCase('referral');
    absentStudent = ppt.studentId;
    for (const date of LAST_SCHOOL_DAYS) await w.absence(absentStudent, { date, kind: 'day' });
    // kombinert: grade 3 consulted (barneskole), grade 9 referred (ungdomsskole).
    const kombiLow = await w.student('kombi', '3A', 3);
    const lowCase = await w.openCase(kombiLow, { openedOn: '2026-11-02' });
    await w.consent(lowCase, 'ppt');
    await w.refer(lowCase, 'ppt', 'consultation');
    const kombiHigh = await w.student('kombi', '9A', 9);
    const highCase = await w.openCase(kombiHigh, { openedOn: '2026-11-02' });
    await w.consent(highCase, 'ppt');
    await w.refer(highCase, 'ppt', 'referral');
  });
  afterAll(async () => {
    await w.stop();
  });

  describe('GET /schools/:schoolId/absence-list', () => {
    it('logs one access-log entry per list read, naming the list, its period and how many students it showed (issue 19)', async () => {
      const rows = (await w.get('/schools/smoras/absence-list?from=2026-11-01&to=2026-11-23', w.leader)).body as { studentId: string }[];
      await w.get('/tasks?schoolId=smoras&status=overdue', w.leader);
      const log = (await w.get('/audit/access-log?limit=1000', w.token('auditor'))).body.items as {
        action: string;
        target: { type: string; id: string };
        shown?: number;
      }[];
      expect(log).toContainEqual(
        expect.objectContaining({
          action: 'absence-list:read',
          target: { type: 'student-list', id: 'absence-list:smoras:2026-11-01:2026-11-23' },
          shown: rows.length,
        }),
      );
      expect(log).toContainEqual(
        expect.objectContaining({
          action: 'tasks:read',
          target: { type: 'student-list', id: 'tasks:smoras:overdue' },
          shown: expect.any(Number),
        }),
      );
    });

    it('answers a list asked for again with the same JSON (each read logged), and with the new figures after a registration', async () => {
      const student = await w.student('fjell');
      const leader = w.leaderFor(student);
      const path = '/schools/fjell/absence-list?from=2026-11-02&to=2026-11-20';
      const first = await w.get(path, leader);
      const again = await w.get(path, leader);
      expect(again.status).toBe(200);
      expect(again.headers['content-type']).toBe('application/json; charset=utf-8');
      expect(again.text).toBe(first.text);
      // Its ETag: a client that holds the list gets 304 and no body (the read is still logged).
      expect(again.headers.etag).toMatch(/^W\/"/);
      const unchanged = await w.get(path, leader, { 'If-None-Match': again.headers.etag as string });
      expect(unchanged.status).toBe(304);
      expect(unchanged.text).toBe('');
      expect((again.body as { studentId: string; days: number }[]).find((r) => r.studentId === student)).toMatchObject({ days: 0 });
      // A filter still narrows the shared answer.
      expect((await w.get(`${path}&level=red`, leader)).body).toEqual([]);
      await w.absence(student, { date: '2026-11-10', kind: 'day' });
      const afterRes = await w.get(path, leader, { 'If-None-Match': again.headers.etag as string });
      expect(afterRes.status).toBe(200);
      expect(afterRes.headers.etag).not.toBe(again.headers.etag);
      const after = afterRes.body as { studentId: string; days: number }[];
      expect(after.find((r) => r.studentId === student)).toMatchObject({ days: 1 });
      const log = (await w.get('/audit/access-log?limit=1000', w.token('auditor'))).body.items as { target: { id: string } }[];
      expect(log.filter((e) => e.target.id === 'absence-list:fjell:2026-11-02:2026-11-20')).toHaveLength(4);
      expect(log.filter((e) => e.target.id === 'absence-list:fjell:2026-11-02:2026-11-20?level=red')).toHaveLength(1);
    });

    it('takes period presets by the school calendar; an explicit from/to wins; an unknown period is 400 naming it', async () => {
      const quarter = await w.get('/schools/smoras/absence-list?period=2026-Q4&format=csv', w.leader);
      expect(quarter.status).toBe(200);
      expect(quarter.headers['content-disposition']).toBe('attachment; filename="fravaersliste-smoras-2026-10-01-2026-12-31.csv"');
      const autumn = await w.get('/schools/smoras/absence-list?period=autumn-2026&format=csv', w.leader);
      expect(autumn.headers['content-disposition']).toContain('fravaersliste-smoras-2026-08-17-2026-12-31.csv');
      const schoolYear = await w.get('/schools/smoras/absence-list?period=2026-27&format=xlsx', w.leader);
      expect(schoolYear.headers['content-disposition']).toContain('fravaersliste-smoras-2026-08-17-2027-06-18.xlsx');
      const explicit = await w.get('/schools/smoras/absence-list?period=2026-Q4&from=2026-11-02&format=csv', w.leader);
      expect(explicit.headers['content-disposition']).toContain('fravaersliste-smoras-2026-11-02-2026-12-31.csv');
      const bad = await w.get('/schools/smoras/absence-list?period=2026-Q5', w.leader);
      expectErrorShape(bad, 400);
      expect(bad.body.details).toEqual([expect.objectContaining({ field: 'period' })]);
    });

    it('filters by group, level and open case (the files too), and names a bad filter', async () => {
      const all = (await w.get('/schools/smoras/absence-list?from=2026-11-01&to=2026-11-23', w.leader)).body as {
        group: string;
        level: string;
        openCase: boolean;
      }[];
      const group = all[0]!.group;
      const inGroup = (await w.get(`/schools/smoras/absence-list?from=2026-11-01&to=2026-11-23&group=${group}`, w.leader))
        .body as unknown[];
      expect(inGroup).toHaveLength(all.filter((r) => r.group === group).length);
      const green = (await w.get('/schools/smoras/absence-list?from=2026-11-01&to=2026-11-23&level=green', w.leader)).body as {
        level: string;
      }[];
      expect(green.every((r) => r.level === 'green')).toBe(true);
      expect(green).toHaveLength(all.filter((r) => r.level === 'green').length);
      const open = await w.get('/schools/smoras/absence-list?from=2026-11-01&to=2026-11-23&openCase=true&format=csv', w.leader);
      expect(open.text.trim().split('\n')).toHaveLength(1 + all.filter((r) => r.openCase).length);
      const bad = await w.get('/schools/smoras/absence-list?level=purple', w.leader);
      expectErrorShape(bad, 400);
      expect(bad.body.details).toEqual([expect.objectContaining({ field: 'level' })]);
    });

    it('answers one row per enrolled student with exactly the contract fields', async () => {
      await w.absence(listStudent, { date: '2026-11-16', kind: 'day', documented: true });
      await w.absence(listStudent, { date: '2026-11-17', kind: 'day' });
      await w.absence(listStudent, { date: '2026-11-18', kind: 'lesson', lessons: 2 });
      await w.absence(listStudent, { date: '2026-11-19', kind: 'late', minutes: 10 });
      await w.absence(listStudent, { date: '2026-11-20', kind: 'left-early', minutes: 30 });
      await w.openCase(listStudent);

      const res = await w.get('/schools/smoras/absence-list?from=2026-11-01&to=2026-11-23', w.token('student-services'));
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      const rows = res.body as Record<string, unknown>[];
      expect(rows.map((r) => r.studentId).sort()).toEqual([listStudent, quietStudent, absentStudent].sort());
      for (const row of rows) expect(Object.keys(row).sort()).toEqual([...LIST_FIELDS].sort());
      const row = rows.find((r) => r.studentId === listStudent)!;
      expect(row).toMatchObject({
        name: expect.any(String),
        grade: 6,
        group: '5B',
        days: 2,
        daysDocumented: 1,
        daysUndocumented: 1,
        lessons: 2,
        lates: 1,
        leftEarly: 1,
        openCase: true,
      });
      expect(row.schoolDays).toBe(16); // the weekdays 2026-11-02 .. 2026-11-23
      expect(typeof row.absencePercent).toBe('number');
      expect(['green', 'yellow', 'red']).toContain(row.level);
      const quiet = rows.find((r) => r.studentId === quietStudent)!;
      expect(quiet).toMatchObject({ days: 0, lessons: 0, lates: 0, leftEarly: 0, absencePercent: 0, level: 'green', openCase: false });
    });

    it('gives the task list and the case list as files too, rows as in the JSON, headers in bokmål or nynorsk', async () => {
      const tasks = (await w.get('/tasks?schoolId=smoras', w.leader)).body as { studentName?: string }[];
      const taskCsv = await w.get('/tasks?schoolId=smoras&format=csv', w.leader);
      expect(taskCsv.headers['content-disposition']).toBe(`attachment; filename="oppgaver-smoras-${TODAY}.csv"`);
      const taskRows = parseCsv(taskCsv.text, { bom: true, delimiter: ';', columns: true }) as Record<string, string>[];
      expect(Object.keys(taskRows[0] ?? { Elev: '', Gruppe: '', Steg: '', Ansvarlig: '', Frist: '', Status: '', 'Elev-ID': '' })).toEqual([
        'Elev',
        'Gruppe',
        'Steg',
        'Ansvarlig',
        'Frist',
        'Status',
        'Elev-ID',
      ]);
      expect(taskRows.map((r) => r.Elev)).toEqual(tasks.map((t) => t.studentName ?? ''));
      expect((await w.get('/tasks?schoolId=smoras&format=csv&lang=nn', w.leader)).text).toContain('Ansvarleg');

      const cases = (await w.get('/cases?schoolId=smoras', w.leader)).body as { caseId: string; phase: number }[];
      expect(cases.length).toBeGreaterThan(0);
      const xlsx = await request(w.server)
        .get('/cases?schoolId=smoras&format=xlsx')
        .set('Authorization', `Bearer ${w.leader}`)
        .buffer(true)
        .parse((res, done) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => done(null, Buffer.concat(chunks)));
        });
      expect(xlsx.headers['content-disposition']).toBe(`attachment; filename="saker-smoras-${TODAY}.xlsx"`);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(xlsx.body as unknown as ArrayBuffer);
      const sheet = book.worksheets[0]!;
      expect(sheet.name).toBe('Saker');
      expect(sheet.rowCount).toBe(1 + cases.length);
      // The phase is a typed number; the case id the last column.
      expect(typeof sheet.getRow(2).getCell(3).value).toBe('number');
      expect(cases.map((c) => c.caseId)).toContain(sheet.getRow(2).getCell(9).value);
      expectErrorShape(await w.get('/cases?schoolId=smoras&format=pdf', w.leader), 406);
    });

    it('answers CSV with Accept: text/csv or ?format=csv, as Norwegian Excel reads it: BOM, ;, decimal comma, Norwegian headers', async () => {
      const res = await w.get('/schools/smoras/absence-list?from=2026-11-01&to=2026-11-23', w.leader, { Accept: 'text/csv' });
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toMatch(/^text\/csv/);
      expect(res.headers['content-disposition']).toBe('attachment; filename="fravaersliste-smoras-2026-11-01-2026-11-23.csv"');
      expect(res.text.charCodeAt(0)).toBe(0xfeff);
      // Read back as Excel with a Norwegian locale does: semicolons, decimal comma.
      const records = parseCsv(res.text, { bom: true, delimiter: ';', columns: true }) as Record<string, string>[];
      expect(Object.keys(records[0]!)).toEqual([
        'Elev-ID',
        'Navn',
        'Trinn',
        'Gruppe',
        'Dager',
        'Dager dokumentert',
        'Dager udokumentert',
        'Timer',
        'For sent',
        'Gått tidlig',
        'Skoledager',
        'Fravær %',
        'Nivå',
        'Åpen sak',
      ]);
      expect(records).toHaveLength(3);
      const json = (await w.get('/schools/smoras/absence-list?from=2026-11-01&to=2026-11-23', w.leader)).body as Record<string, unknown>[];
      const mine = records.find((r) => r['Elev-ID'] === listStudent)!;
      const row = json.find((r) => r.studentId === listStudent)!;
      expect(Number(mine['Fravær %']!.replace(',', '.'))).toBe(row.absencePercent);
      expect(['grønn', 'gul', 'rød']).toContain(mine['Nivå']);
      expect(['ja', 'nei']).toContain(mine['Åpen sak']);
      const nynorsk = await w.get('/schools/smoras/absence-list?from=2026-11-01&to=2026-11-23&format=csv&lang=nn', w.leader);
      expect(nynorsk.text.split('\n')[0]).toContain('Namn;Steg;Gruppe;Dagar');
      expectErrorShape(await w.get('/schools/smoras/absence-list?format=pdf', w.leader), 406);
      const bad = await w.get('/schools/smoras/absence-list?format=doc', w.leader);
      expectErrorShape(bad, 400);
      expect(bad.body.details).toEqual([{ field: 'format', messages: ['format must be json, csv or xlsx'] }]);
    });

    it('answers an Excel workbook with ?format=xlsx: it opens, one sheet, a header row, numbers as typed cells', async () => {
      const res = await request(w.server)
        .get('/schools/smoras/absence-list?from=2026-11-01&to=2026-11-23&format=xlsx')
        .set('Authorization', `Bearer ${w.leader}`)
        .set('X-Min-Position', String(await w.head()))
        .buffer(true)
        .parse((r, done) => {
          const chunks: Buffer[] = [];
          r.on('data', (c: Buffer) => chunks.push(c));
          r.on('end', () => done(null, Buffer.concat(chunks)));
        });
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      expect(res.headers['content-disposition']).toBe('attachment; filename="fravaersliste-smoras-2026-11-01-2026-11-23.xlsx"');
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(res.body as unknown as ArrayBuffer);
      expect(workbook.worksheets).toHaveLength(1);
      const sheet = workbook.worksheets[0]!;
      expect(sheet.getRow(1).getCell(1).value).toBe('Elev-ID');
      expect(sheet.getRow(1).getCell(12).value).toBe('Fravær %');
      expect(sheet.rowCount).toBe(1 + 3);
      const json = (await w.get('/schools/smoras/absence-list?from=2026-11-01&to=2026-11-23', w.leader)).body as Record<string, unknown>[];
      const rowOf = (id: string) => [2, 3, 4].map((i) => sheet.getRow(i)).find((r) => r.getCell(1).value === id)!;
      const mine = rowOf(listStudent);
      const expected = json.find((r) => r.studentId === listStudent)!;
      expect(mine.getCell(12).type).toBe(ExcelJS.ValueType.Number);
      expect(mine.getCell(12).value).toBe(expected.absencePercent);
      expect(mine.getCell(5).value).toBe(expected.days);
      expect(mine.getCell(3).type).toBe(ExcelJS.ValueType.Number);
    });

    it('defaults to the last 90 days up to today, and answers 400 naming from / to', async () => {
      const res = await w.get('/schools/smoras/absence-list', w.leader);
      expect(res.status).toBe(200);
      expect((res.body as unknown[]).length).toBe(3);
      const reversed = await w.get('/schools/smoras/absence-list?from=2026-11-23&to=2026-11-01', w.leader);
      expectErrorShape(reversed, 400);
      expect(reversed.body.details).toEqual([expect.objectContaining({ field: 'from' })]);
      const bad = await w.get('/schools/smoras/absence-list?to=last-week', w.leader);
      expectErrorShape(bad, 400);
      expect(bad.body.details).toEqual([expect.objectContaining({ field: 'to' })]);
      expectErrorShape(await w.get('/schools/no-such-school/absence-list', w.token('auditor')), 404);
    });
  });

  describe('GET /schools/:schoolId/statistics', () => {
    it('has the contract shape with counts for the school leader', async () => {
      const res = await w.get(`/schools/smoras/statistics?asOf=${TODAY}`, w.leader);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        students: 3,
        byLevel: { green: expect.any(Number), yellow: expect.any(Number), red: expect.any(Number) },
        openCases: 2,
        casesByPhase: expect.any(Object),
        referrals: expect.objectContaining({ ppt: 1, bup: 0, barnevern: 0 }),
      });
      const { green, yellow, red } = res.body.byLevel as Record<string, number>;
      expect(green + yellow + red).toBe(3);
      expect(Object.values(res.body.casesByPhase as Record<string, number>).reduce((a, b) => a + b, 0)).toBe(2);
    });

    it('shows counts of 5 or more as numbers to the municipality role', async () => {
      const before = (await w.get('/schools/kombi/statistics', w.token('auditor'))).body.students as number;
      for (let i = before; i < 5; i++) await w.student('kombi', '9A', 9);
      const exact = await w.get('/schools/kombi/statistics', w.token('auditor'));
      expect(exact.body.students).toBeGreaterThanOrEqual(5);
      const shown = await w.get('/schools/kombi/statistics', w.token('municipality', 'other-school'));
      expect(shown.status).toBe(200);
      expect(shown.body.students).toBe(exact.body.students);
      expect(shown.body.openCases).toBe('<5');
    });

    it('shows counts below 5 as "<5" to the municipality role', async () => {
      const res = await w.get('/schools/smoras/statistics', w.token('municipality'));
      expect(res.status).toBe(200);
      // Counts 1..4 read "<5"; 0 stands; what would give a hidden count away reads "*" (secondary suppression).
      expectOnlySafeCounts(res.body);
      expect(res.body.students).toBe('<5');
      expect((res.body.referrals as Record<string, unknown>).ppt).toBe('<5');
      expectErrorShape(await w.get('/schools/smoras/statistics?asOf=tomorrow', w.leader), 400);
    });

    it("gives a school's absence week by week, small counts suppressed for the municipality", async () => {
      const res = await w.get(`/schools/smoras/statistics/weeks?weeks=4&to=${TODAY}`, w.leader);
      expect(res.status).toBe(200);
      const weeks = res.body as { week: string; from: string; to: string; days: number; lessons: number; studentsAbsent: number }[];
      expect(weeks).toHaveLength(4);
      expect(weeks.at(-1)!.from <= TODAY && TODAY <= weeks.at(-1)!.to).toBe(true);
      expect(weeks.map((x) => x.week)).toEqual([...weeks.map((x) => x.week)].sort());
      const list = (await w.get(`/schools/smoras/absence-list?from=${weeks[0]!.from}&to=${TODAY}`, w.leader)).body as { days: number }[];
      expect(weeks.reduce((sum, x) => sum + x.days, 0)).toBe(list.reduce((sum, r) => sum + r.days, 0));
      const muni = (await w.get(`/schools/smoras/statistics/weeks?weeks=4&to=${TODAY}`, w.token('municipality'))).body as Record<
        string,
        unknown
      >[];
      for (const [i, x] of muni.entries()) {
        const exact = weeks[i]!.studentsAbsent;
        expect(x.studentsAbsent).toBe(exact >= 1 && exact <= 4 ? '<5' : exact);
      }
      const bad = await w.get('/schools/smoras/statistics/weeks?weeks=60', w.leader);
      expectErrorShape(bad, 400);
      expect(bad.body.details).toEqual([expect.objectContaining({ field: 'weeks' })]);
    });

    it("gives a school's statistics as a file, one row per figure, suppressed as the caller sees them", async () => {
      const csv = await w.get(`/schools/smoras/statistics?format=csv`, w.token('municipality'));
      expect(csv.status).toBe(200);
      expect(csv.headers['content-disposition']).toBe(`attachment; filename="statistikk-smoras-${TODAY}.csv"`);
      const rows = parseCsv(csv.text, { bom: true, delimiter: ';', columns: true }) as { Tall: string; Antall: string }[];
      expect(rows[0]).toEqual({ Tall: 'Elever', Antall: '<5' });
      expect(rows.map((r) => r.Tall)).toEqual(expect.arrayContaining(['Elever, grønn', 'Åpne saker', 'Saker henvist til PPT']));
      const leader = parseCsv((await w.get('/schools/smoras/statistics?format=csv&lang=nn', w.leader)).text, {
        bom: true,
        delimiter: ';',
        columns: true,
      }) as Record<string, string>[];
      expect(Object.keys(leader[0]!)).toEqual(['Tal', 'Tal på']);
      expect(Number(leader[0]!['Tal på'])).toBeGreaterThan(0);
    });
  });

  describe('GET /municipalities/:municipalityId/ppt-statistics', () => {
    type Row = { schoolLevel: string; consulted: unknown; referred: unknown; sum: unknown; completelyAbsent: unknown; previous: unknown };
    const byLevel = (rows: Row[]) => Object.fromEntries(rows.map((r) => [r.schoolLevel, r]));

    it('counts consulted / referred / completely absent per school level, kombinert split by grade; previous is null without compareTo', async () => {
      const res = await w.get(`/municipalities/${MUNICIPALITY}/ppt-statistics`, w.token('ppt'));
      expect(res.status).toBe(200);
      expect(Object.keys(res.body).sort()).toEqual(['asOf', 'compareTo', 'rows']);
      expect(res.body.asOf).toBe(TODAY);
      expect(res.body.compareTo).toBeNull();
      for (const row of res.body.rows as Row[]) {
        expect(Object.keys(row).sort()).toEqual(['completelyAbsent', 'consulted', 'previous', 'referred', 'schoolLevel', 'sum']);
        expect(row.previous).toBeNull();
      }
      const rows = byLevel(res.body.rows as Row[]);
      expect(Object.keys(rows).sort()).toEqual(['barneskole', 'ungdomsskole']);
      // barneskole: smoras grade 5 referred (completely absent), kombi grade 3 consulted.
      expect(rows.barneskole).toMatchObject({ consulted: 1, referred: 1, sum: 2, completelyAbsent: 1 });
      // ungdomsskole: kombi grade 9 referred.
      expect(rows.ungdomsskole).toMatchObject({ consulted: 0, referred: 1, sum: 1, completelyAbsent: 0 });
    });

    it('fills previous at compareTo, and asOf moves the count date', async () => {
      const res = await w.get(`/municipalities/${MUNICIPALITY}/ppt-statistics?asOf=${TODAY}&compareTo=2026-10-01`, w.token('auditor'));
      expect(res.status).toBe(200);
      expect(res.body.compareTo).toBe('2026-10-01');
      for (const row of res.body.rows as Row[]) {
        expect(row.previous).toEqual({ consulted: 0, referred: 0, sum: 0, completelyAbsent: 0 });
      }
      const early = await w.get(`/municipalities/${MUNICIPALITY}/ppt-statistics?asOf=2026-10-01`, w.token('ppt'));
      expect(early.body.asOf).toBe('2026-10-01');
      for (const row of early.body.rows as Row[]) expect(row).toMatchObject({ consulted: 0, referred: 0, sum: 0 });
    });

    it("downloads PPT's table in the seed's layout: CSV for Norwegian Excel and XLSX, earlier figures in parentheses", async () => {
      const csv = await w.get(`/municipalities/${MUNICIPALITY}/ppt-statistics?compareTo=2026-10-01&format=csv`, w.token('ppt'));
      expect(csv.status).toBe(200);
      expect(csv.headers['content-type']).toMatch(/^text\/csv/);
      expect(csv.headers['content-disposition']).toBe(`attachment; filename="ppt-fravaerstall-${MUNICIPALITY}-${TODAY}.csv"`);
      expect(csv.text.charCodeAt(0)).toBe(0xfeff);
      const records = parseCsv(csv.text, { bom: true, delimiter: ';', relax_column_count: true }) as string[][];
      expect(records[0]![0]).toMatch(/^PPTs fraværstall BSK og USK \(per \d\d\.\d\d\.\d{4}\)$/);
      expect(records[2]).toEqual(['Skolenivå', 'Konsulterte', 'Henviste', 'Sum', 'Helt borte fra skolen']);
      // barneskole: 1 consulted, 1 referred, 1 completely absent now; nothing on 1 October.
      expect(records[3]).toEqual(['Barneskole', '1 (0)', '1 (0)', '2 (0)', '1 (0)']);
      expect(records[4]![0]).toBe('Ungdomsskole');
      expect(records.at(-1)).toEqual(['I parentes er tall fra 01.10.2026']);
      const nn = await w.get(`/municipalities/${MUNICIPALITY}/ppt-statistics?format=csv&lang=nn`, w.token('ppt'));
      expect(nn.text).toContain('Skulenivå;Konsulterte;Tilviste;Sum;Heilt borte frå skulen');

      const xlsx = await request(w.server)
        .get(`/municipalities/${MUNICIPALITY}/ppt-statistics?format=xlsx`)
        .set('Authorization', `Bearer ${w.token('ppt')}`)
        .buffer(true)
        .parse((res, done) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => done(null, Buffer.concat(chunks)));
        });
      expect(xlsx.status).toBe(200);
      const book = new ExcelJS.Workbook();
      await book.xlsx.load(xlsx.body as unknown as ArrayBuffer);
      const sheet = book.worksheets[0]!;
      // Without a date to compare with, the counts are typed numbers.
      expect(sheet.getCell('B4').value).toBe(1);
      expect(sheet.getCell('D4').value).toBe(2);
      // The municipality role gets the suppressed counts in the file too.
      const muni = await w.get(`/municipalities/${MUNICIPALITY}/ppt-statistics?format=csv`, w.token('municipality'));
      expect(muni.text).toContain('Barneskole;<5;<5;<5;<5');
    });

    it('shows "<5" to the municipality role, previous included', async () => {
      const res = await w.get(`/municipalities/${MUNICIPALITY}/ppt-statistics?compareTo=2026-10-01`, w.token('municipality'));
      expect(res.status).toBe(200);
      expectOnlySafeCounts(res.body);
      for (const row of res.body.rows as Row[]) {
        expect(row.sum).toBe('<5');
        // On 1 October nothing had reached PPT yet: 0 stands.
        expect(row.previous).toMatchObject({ consulted: 0, referred: 0, sum: 0 });
      }
    });

    it("counts a consultation followed by a referral as consulted before the referral's date and referred from it", async () => {
      const s = await w.student('smoras', '5B', 7);
      const caseId = await w.openCase(s, { openedOn: '2026-11-02' });
      await w.consent(caseId, 'ppt', w.leader, '2026-11-05');
      await w.refer(caseId, 'ppt', 'consultation', w.leader, '2026-11-10');
      await w.refer(caseId, 'ppt', 'referral', w.leader, '2026-11-23');
      const before = await w.get(`/municipalities/${MUNICIPALITY}/ppt-statistics?asOf=2026-11-22`, w.token('ppt'));
      const after = await w.get(`/municipalities/${MUNICIPALITY}/ppt-statistics?asOf=${TODAY}`, w.token('ppt'));
      // barneskole otherwise: kombi grade 3 consulted (2026-11-21), smoras grade 5 referred (2026-11-21).
      expect(byLevel(before.body.rows as Row[]).barneskole).toMatchObject({ consulted: 2, referred: 1, sum: 3 });
      expect(byLevel(after.body.rows as Row[]).barneskole).toMatchObject({ consulted: 1, referred: 2, sum: 3 });
    });

    it('answers 400 naming a malformed asOf / compareTo and 404 for an unknown municipality', async () => {
      const bad = await w.get(`/municipalities/${MUNICIPALITY}/ppt-statistics?compareTo=1.10.2026`, w.token('ppt'));
      expectErrorShape(bad, 400);
      expect(bad.body.details).toEqual([expect.objectContaining({ field: 'compareTo' })]);
      expectErrorShape(await w.get('/municipalities/9999/ppt-statistics', w.token('auditor')), 404);
    });
  });

  describe('PPT: GET /ppt/cases and reading cases', () => {
    it('lists only consented and referred/consulted cases of the own municipality, with the fields PPT needs', async () => {
      // Not visible: a consent without referral, a referral elsewhere, a barnevern referral.
      const consentOnly = await w.openCase(await w.student());
      await w.consent(consentOnly, 'ppt');
      const barnevernOnly = await w.openCase(await w.student());
      await w.refer(barnevernOnly, 'barnevern');
      const fjell = await w.openCase(await w.student('fjell'));
      await w.consent(fjell, 'ppt');
      await w.refer(fjell, 'ppt');
      const visible = await w.pptCase('consultation');

      const res = await w.get('/ppt/cases', w.token('ppt'));
      expect(res.status).toBe(200);
      const ids = (res.body as { caseId: string }[]).map((c) => c.caseId);
      expect(ids).toContain(visible.caseId);
      expect(ids).toHaveLength(5); // smoras referral, kombi consultation and referral, the consultation-then-referral case, this one
      expect(ids).not.toContain(consentOnly);
      expect(ids).not.toContain(barnevernOnly);
      expect(ids).not.toContain(fjell);
      const shown = (res.body as Record<string, unknown>[]).find((c) => c.caseId === visible.caseId)!;
      expect(shown).toMatchObject({
        student: { id: visible.studentId, name: expect.any(String), grade: 5 },
        school: { id: 'smoras', name: expect.any(String) },
        phase: 1,
        referrals: [expect.objectContaining({ to: 'ppt', kind: 'consultation' })],
        consents: [expect.objectContaining({ consentId: visible.consentId, purpose: 'ppt' })],
        measures: [],
        meetings: [],
      });

      // The other municipality's PPT sees its own case only.
      const other = await w.get('/ppt/cases', w.token('ppt', 'other-municipality'));
      expect((other.body as { caseId: string }[]).map((c) => c.caseId)).toEqual([fjell]);

      expect((await w.get(`/cases/${visible.caseId}`, w.token('ppt'))).status).toBe(200);
      expectErrorShape(await w.get(`/cases/${consentOnly}`, w.token('ppt')), 403);
      expectErrorShape(await w.get(`/cases/${fjell}`, w.token('ppt')), 403);
    });

    it("drops a case from PPT's view once the consent is withdrawn: not listed, GET /cases/:id → 403", async () => {
      const { caseId, consentId } = await w.pptCase('referral');
      expect((await w.get(`/cases/${caseId}`, w.token('ppt'))).status).toBe(200);
      const withdrawal = await w.post(`/cases/${caseId}/consents/${consentId}/withdrawal`, w.leader, { at: TODAY });
      expect(withdrawal.status).toBe(201);
      const position = String(positionOf(withdrawal));
      const list = await w.get('/ppt/cases', w.token('ppt'), { 'X-Min-Position': position });
      expect((list.body as { caseId: string }[]).map((c) => c.caseId)).not.toContain(caseId);
      expectErrorShape(await w.get(`/cases/${caseId}`, w.token('ppt'), { 'X-Min-Position': position }), 403);
    });
  });

  describe('GET /tasks', () => {
    it('answers the due and overdue steps of the school in the contract shape', async () => {
      // A measure agreed on 2026-10-26, to be evaluated by 2026-11-09 and not evaluated: overdue.
      const late = await w.student();
      const lateCase = await w.openCase(late, { openedOn: '2026-10-26' });
      const measure = {
        description: 'Morgenmøte',
        responsible: { name: 'Ola', role: 'contact-teacher' },
        startsOn: '2026-10-26',
        evaluateBy: '2026-11-09',
      };
      await w.ok(`/cases/${lateCase}/measures`, w.leader, measure);
      // Yellow today: the call home is due today.
      const fresh = await w.student();
      for (const date of ['2026-11-19', '2026-11-20', '2026-11-23']) await w.absence(fresh, { date, kind: 'day' });

      const all = await w.get('/tasks?schoolId=smoras', w.leader);
      expect(all.status).toBe(200);
      // The routine reviews of the school's groups come beside the students' steps (follow-up-loop e2e tests them).
      for (const task of (all.body as Record<string, unknown>[]).filter((t) => t.scope === 'student')) {
        expect(task).toEqual(
          expect.objectContaining({
            taskId: expect.any(String),
            scope: 'student',
            studentId: expect.any(String),
            studentName: expect.any(String),
            group: expect.any(String),
            step: { id: expect.any(String), title: expect.any(String), planId: 'bergen-smoras' },
            responsibleRole: expect.any(String),
            dueOn: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
            status: expect.stringMatching(/^(due|overdue)$/),
          }),
        );
        if ('caseId' in task && task.caseId !== undefined && task.caseId !== null) expect(typeof task.caseId).toBe('string');
      }

      const overdue = await w.get('/tasks?schoolId=smoras&status=overdue', w.leader);
      expect(overdue.status).toBe(200);
      const lateTasks = (overdue.body as { studentId: string; status: string; dueOn: string }[]).filter((t) => t.studentId === late);
      expect(lateTasks.length).toBeGreaterThan(0);
      for (const t of overdue.body as { status: string; dueOn: string }[]) {
        expect(t.status).toBe('overdue');
        expect(t.dueOn < TODAY).toBe(true);
      }

      const due = await w.get('/tasks?schoolId=smoras&status=due', w.leader);
      expect(due.status).toBe(200);
      const freshTasks = (due.body as { studentId: string; responsibleRole: string; dueOn: string }[]).filter((t) => t.studentId === fresh);
      expect(freshTasks).toEqual([expect.objectContaining({ responsibleRole: 'contact-teacher', dueOn: TODAY, status: 'due' })]);
      for (const t of due.body as { status: string }[]) expect(t.status).toBe('due');
    });

    it("narrows a contact teacher's list to the students of the own groups", async () => {
      const other = await w.student('smoras', '5B', 5);
      for (const date of ['2026-11-18', '2026-11-19', '2026-11-20']) await w.absence(other, { date, kind: 'day' });
      const all = (await w.get('/tasks?schoolId=smoras', w.leader)).body as { studentId: string }[];
      expect(all.map((t) => t.studentId)).toContain(other);
      const mine = await w.get('/tasks?schoolId=smoras', w.token('contact-teacher', 'in'));
      expect(mine.status).toBe(200);
      expect((mine.body as { studentId: string }[]).map((t) => t.studentId)).not.toContain(other);
      expect((mine.body as unknown[]).length).toBeGreaterThan(0);
      const theirs = await w.get('/tasks?schoolId=smoras', w.token('contact-teacher', 'other-group'));
      expect((theirs.body as { studentId: string }[]).map((t) => t.studentId)).toContain(other);
      expect((theirs.body as { studentId: string }[]).every((t) => all.some((a) => a.studentId === t.studentId))).toBe(true);
    });

    it('answers 400 naming a missing schoolId or a bad status', async () => {
      const missing = await w.get('/tasks', w.leader);
      expectErrorShape(missing, 400);
      expect((missing.body.details as { field: string }[])[0]!.field).toMatch(/schoolId/);
      const bad = await w.get('/tasks?schoolId=smoras&status=someday', w.leader);
      expectErrorShape(bad, 400);
      expect(bad.body.details).toEqual([expect.objectContaining({ field: 'status' })]);
    });
  });

  describe('GET /audit/access-log', () => {
    it('shows each read of a case and of a concern: who, role, what, when', async () => {
      const s = await w.student();
      const caseId = await w.openCase(s);
      const startedAt = new Date().toISOString();
      await w.get(`/cases/${caseId}`, w.token('contact-teacher'));
      await w.get(`/cases/${caseId}/history`, w.token('school-leader'));
      await w.get(`/students/${s}/concern`, w.token('student-services'));

      const log = await w.get(`/audit/access-log?caseId=${caseId}`, w.token('auditor'));
      expect(log.status).toBe(200);
      const entries = log.body as { at: string; actor: { id: string; role: string }; action: string; target: unknown }[];
      for (const entry of entries) {
        expect(Object.keys(entry).sort()).toEqual(['action', 'actor', 'at', 'target']);
        expect(entry.at >= startedAt).toBe(true);
        expect(entry.at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/);
      }
      expect(entries.map((e) => [e.actor, e.action])).toEqual(
        expect.arrayContaining([
          [{ id: 'contact-teacher@in', role: 'contact-teacher' }, 'case:read'],
          [{ id: 'school-leader@in', role: 'school-leader' }, 'case:history'],
        ]),
      );

      const byStudent = await w.get(`/audit/access-log?studentId=${s}`, w.token('auditor'));
      expect(byStudent.status).toBe(200);
      expect((byStudent.body as { actor: { id: string }; action: string }[]).map((e) => [e.actor.id, e.action])).toEqual(
        expect.arrayContaining([['student-services@in', 'concern:read']]),
      );

      expectErrorShape(await w.get('/audit/access-log?caseId=../x', w.token('auditor')), 400);
    });
  });
});
