/**
 * `import` on generated data: a file with bad rows imports nothing and names the lines;
 * --skip-bad imports the rest; importing the same file again appends nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { importAbsenceCsv } from '#cli/import/import-absences.js';
import { applyMapping, loadMapping, MappingError } from '#cli/import/import-mapping.js';
import { importedAbsenceId, importedEventId } from '#cli/import/import-ids.js';
import { StreamWriter } from '#application/write/stream-writer.js';
import { createSchoolCalendar } from '#domain/calendar/index.js';
import { studentStream } from '#domain/events/stream-name.js';
import { studentDecider } from '#domain/student/index.js';
import type { SqliteEventStore } from '#event-store/sqlite/sqlite-event-store.js';
import { generateMunicipality, type GenerateSummary } from '#demo/generate-municipality.js';
import { norwegianSchoolYear } from '#demo/school-year.js';
import { buildAbsenceFixture, type AbsenceFixture } from './support/absence-csv-fixture.js';
import { openStore, removeTempDataDirs, tempDataDir } from './support/data-dir.js';

const TODAY = '2026-03-13';

describe('importAbsenceCsv', () => {
  let store: SqliteEventStore;
  let fixture: AbsenceFixture;
  let summary: GenerateSummary;
  beforeAll(async () => {
    store = openStore(tempDataDir('import'));
    summary = await generateMunicipality(store, {
      schools: 3,
      students: 60,
      seed: 'import',
      schoolYear: norwegianSchoolYear(2025),
      businessDateCap: TODAY,
      today: TODAY,
    });
    fixture = await buildAbsenceFixture(store, summary, { rows: 3000, today: TODAY });
  }, 120_000);
  afterAll(async () => {
    await store.close();
    removeTempDataDirs();
  });

  it('reports the bad rows by line and imports nothing', async () => {
    const head = await store.headPosition();
    const report = await importAbsenceCsv(store, fixture.text, { today: TODAY });
    expect(report.written).toBe(false);
    expect(report.stopped).toBe(true);
    expect(report.imported).toBe(0);
    expect(report.rows).toBe(fixture.goodRows + fixture.bad.length);
    expect(report.badLines).toEqual(fixture.bad.map((b) => b.line));
    const byLine = new Map(report.bad.map((p) => [p.line, p]));
    const problemAt = (why: string) => byLine.get(fixture.bad.find((b) => b.why === why)!.line)!;
    expect(problemAt('no such date').field).toBe('date');
    expect(problemAt('a Saturday').message).toContain('weekend');
    expect(problemAt('vinterferie').message).toContain('break');
    expect(problemAt('unknown student').message).toContain('unknown student elev-finnes-ikke');
    expect(problemAt('bad kind').field).toBe('kind');
    expect(problemAt('missing lessons').field).toBe('lessons');
    expect(problemAt('duplicate source id').message).toContain('first on line 2');
    expect(problemAt('outside the school year').field).toBe('date');
    expect(await store.headPosition()).toBe(head);
  });

  it('imports the good rows with --skip-bad, still reporting the bad ones', async () => {
    const head = await store.headPosition();
    const report = await importAbsenceCsv(store, fixture.text, { today: TODAY, skipBad: true });
    expect(report).toMatchObject({ written: true, imported: fixture.goodRows, alreadyImported: 0 });
    expect(report.badLines).toEqual(fixture.bad.map((b) => b.line));
    expect(await store.headPosition()).toBe(head + fixture.goodRows);
    const stream = await store.readStream(studentStream(fixture.firstStudentId));
    const event = stream.find((e) => e.id === importedEventId(fixture.firstSourceId));
    expect(event).toMatchObject({
      type: 'AbsenceRegistered',
      data: { absenceId: importedAbsenceId(fixture.firstSourceId) },
      metadata: { actor: { id: 'cli-import', role: 'import' } },
    });
  });

  it('appends nothing when the same file is imported again', async () => {
    const head = await store.headPosition();
    const report = await importAbsenceCsv(store, fixture.text, { today: TODAY, skipBad: true });
    // Nothing new was written, and the summary says so.
    expect(report).toMatchObject({ written: false, stopped: false, imported: 0, alreadyImported: fixture.goodRows });
    expect(await store.headPosition()).toBe(head);
  });

  it('decides a student again when someone registered absence between the check and the write', async () => {
    const calendar = createSchoolCalendar(summary.schoolYear);
    const studentId = fixture.firstStudentId;
    const stream = studentStream(studentId);
    const { state, revision } = await new StreamWriter(store).load(stream, studentDecider);
    // Two recent school days the student has nothing registered on (a day absence is the whole day).
    if (state.status !== 'enrolled') throw new Error('not enrolled');
    const busy = new Set(
      Object.values(state.absences)
        .filter((a) => !a.retracted)
        .map((a) => a.date),
    );
    const [first, second] = calendar.previousSchoolDays(TODAY, 40).filter((d) => !busy.has(d));
    const context = { today: TODAY, isSchoolDay: (d: string) => calendar.isSchoolDay(d) };
    const [concurrent] = studentDecider.decide(
      { type: 'RegisterAbsence', data: { studentId, absenceId: 'teacher-registered', date: first!, kind: 'late', minutes: 5 } },
      state,
      context,
    );
    const csv = `sourceId;studentId;date;kind;minutes\nRACE-1;${studentId};${second};forsent;10\n`;
    const report = await importAbsenceCsv(store, csv, {
      today: TODAY,
      // The teacher's registration lands after the import checked the student and before it writes.
      onProgress: (phase) => {
        if (phase === 'check')
          void store.appendToStream(stream, [
            {
              id: 'a2f8c0de-0000-4000-8000-000000000001',
              type: concurrent!.type,
              schemaVersion: 1,
              data: concurrent!.data,
              metadata: { actor: { id: 'teacher-1', role: 'teacher' }, occurredAt: `${first}T08:00:00.000Z` },
            },
          ]);
      },
    });
    expect(report).toMatchObject({ written: true, imported: 1, bad: [] });
    const ids = (await store.readStream(stream, { fromRevision: revision + 1 })).map((e) => e.id);
    expect(ids).toEqual(['a2f8c0de-0000-4000-8000-000000000001', importedEventId('RACE-1')]);
  });

  it('takes a future school day, as the API does (an absence reported in advance)', async () => {
    const studentId = fixture.firstStudentId;
    const csv = `sourceId;studentId;date;kind;reportedByGuardian\nAHEAD-1;${studentId};19.03.2026;dag;ja\n`;
    const report = await importAbsenceCsv(store, csv, { today: TODAY });
    expect(report).toMatchObject({ written: true, stopped: false, imported: 1, bad: [] });
  });

  it("reads a school system's own export through a mapping file: Norwegian headers, student numbers, its words for kinds", async () => {
    const dir = tempDataDir('mapping');
    // Two students of the file, on a school day after the generated data (a future date is taken, as the API takes it).
    const ids = [
      ...new Set(
        fixture.text
          .split('\n')
          .slice(1)
          .map((l) => l.split(';')[1]),
      ),
    ].filter((id) => id && id !== 'elev-finnes-ikke');
    const [first, second] = ids as [string, string];
    // A plausible export (Elevnr, not our id; no registration id, so the source id joins three columns).
    const exported = [
      'Elevnr;Dato;Fraværstype;Antall timer;Minutter;Fag;Dokumentert;Meldt av foresatte;Merknad',
      '10001;17.03.2026;Heldag;;;;Ja;Ja;Syk',
      '',
      '10002;17.03.2026;Enkelttimer;2;;Matte;Nei;Nei;',
      '10003;17.03.2026;Heldag;;;;Nei;Nei;',
    ].join('\n');
    writeFileSync(join(dir, 'elevnummer.csv'), `Elevnr;Elev-ID\n10001;${first}\n10002;${second}\n`);
    writeFileSync(
      join(dir, 'mapping.json'),
      JSON.stringify({
        delimiter: ';',
        sourceId: ['Elevnr', 'Dato', 'Fraværstype'],
        columns: {
          studentKey: 'Elevnr',
          date: 'Dato',
          kind: 'Fraværstype',
          lessons: 'Antall timer',
          minutes: 'Minutter',
          subject: 'Fag',
          documented: 'Dokumentert',
          reportedByGuardian: 'Meldt av foresatte',
          reason: 'Merknad',
        },
        studentsFile: 'elevnummer.csv',
        kinds: { Heldag: 'day', Enkelttimer: 'lesson' },
      }),
    );
    const csv = applyMapping(exported, loadMapping(join(dir, 'mapping.json')));
    const report = await importAbsenceCsv(store, csv, { today: TODAY, skipBad: true });
    // Student number 10003 is not in the list: named by its number, on the export's own line.
    expect(report.bad).toEqual([expect.objectContaining({ line: 5, message: expect.stringContaining('ukjent-elevnummer-10003') })]);
    expect(report).toMatchObject({ imported: 2, written: true });
    const again = await importAbsenceCsv(store, csv, { today: TODAY, skipBad: true });
    expect(again).toMatchObject({ imported: 0, alreadyImported: 2 });
    expect(() => loadMapping(join(dir, 'elevnummer.csv'))).toThrow(MappingError);
    writeFileSync(join(dir, 'bad.json'), JSON.stringify({ sourceId: 'Elevnr', columns: { date: 'Dato', kind: 'Type', elev: 'Elevnr' } }));
    expect(() => loadMapping(join(dir, 'bad.json'))).toThrow('unknown column elev in columns');
    expect(() => applyMapping(exported, { ...loadMapping(join(dir, 'mapping.json')), sourceId: 'Registrering' })).toThrow(
      'the export has no column "Registrering"',
    );
  });
});
