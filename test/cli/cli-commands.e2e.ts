/**
 * The other CLI commands, in process, on a generated municipality in a temporary DATA_DIR:
 * verify every chain, export a school's cases as a Noark 5.5 arkivuttrekk that validates
 * against the schemas, and rebuild every projection from the first event.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { validateArkivuttrekk, UTTREKK_SCHEMAS } from '#audit/noark/validate-noark.js';
import { generateMunicipality, type GenerateSummary } from '#demo/generate-municipality.js';
import { norwegianSchoolYear } from '#demo/school-year.js';
import { loadExportNoark, loadRebuild, loadVerify } from './support/command-functions.js';
import { ALL_PROJECTIONS } from '#read-models/projections/all-projections.js';
import { SqliteDocumentStore } from '#read-models/sqlite/sqlite-document-store.js';
import { dumpGeneration } from '#testing/read-models/dump-read-model.js';
import { openStore, removeTempDataDirs, tempDataDir } from './support/data-dir.js';
import { verifyDepositAt } from '#cli/deposit/verify-deposit-at.js';
import { createService } from '#api/service/create-service.js';
import { promoteSchool, promotedGroup } from '#cli/promote/promote-school.js';
import { StreamWriter } from '#application/write/stream-writer.js';
import { caseStream, parseStreamName } from '#domain/events/stream-name.js';
import { studentDecider } from '#domain/student/index.js';

const CAP = '2026-05-29';

describe('CLI commands on generated data', () => {
  let dataDir: string;
  let summary: GenerateSummary;
  let head: number;
  let caseSchool: string;
  const previousDataDir = process.env.DATA_DIR;

  beforeAll(async () => {
    dataDir = tempDataDir('commands');
    // The commands open the stores DATA_DIR names, as they do when run from a shell.
    process.env.DATA_DIR = dataDir;
    const store = openStore(dataDir);
    try {
      summary = await generateMunicipality(store, {
        schools: 5,
        students: 200,
        seed: 'commands',
        schoolYear: norwegianSchoolYear(2025),
        businessDateCap: CAP,
      });
      head = await store.headPosition();
      const [opened] = await store.readStream(caseStream(summary.ids.sampleCaseIds[0]!), { maxCount: 1 });
      caseSchool = (opened!.data as { schoolId: string }).schoolId;
    } finally {
      await store.close();
    }
  }, 120_000);
  afterAll(() => {
    if (previousDataDir === undefined) delete process.env.DATA_DIR;
    else process.env.DATA_DIR = previousDataDir;
    removeTempDataDirs();
  });

  it('verify: every chain holds', async () => {
    const { verifyAllStreams } = await loadVerify();
    const report = await verifyAllStreams();
    expect(report.broken).toEqual([]);
    expect(report.events).toBe(summary.events);
    expect(report.streams).toBe(summary.schools + summary.students + summary.cases);
  });

  it('export-noark: a valid deposit of a school year of cases, recorded in each case', async () => {
    const { exportNoarkFolder } = await loadExportNoark();
    const out = join(dataDir, 'uttrekk');
    const result = await exportNoarkFolder({ school: caseSchool, from: summary.schoolYear.start, to: CAP, out });
    expect(result.cases).toBeGreaterThan(0);
    expect(result.files).toContain('arkivstruktur.xml');
    const files = Object.fromEntries(result.files.filter((f) => f in UTTREKK_SCHEMAS).map((f) => [f, readFileSync(join(out, f), 'utf8')]));
    const validation = await validateArkivuttrekk(files);
    expect(Object.keys(validation).sort()).toEqual(Object.keys(files).sort());
    for (const [file, { valid, errors }] of Object.entries(validation))
      expect({ file, valid, errors: errors.slice(0, 5) }).toEqual({ file, valid: true, errors: [] });
    expect(result.files).toContain('arkivuttrekk.xml');
    expect((await verifyDepositAt(out)).checks.filter((c) => !c.ok)).toEqual([]);
    // One CaseDeposited per exported case, appended after the generated history.
    expect(result.recorded).toBe(result.cases);
    const store = openStore(dataDir);
    try {
      const deposited = (await store.readAll({ fromPosition: head + 1 })).filter((e) => e.type === 'CaseDeposited');
      expect(deposited).toHaveLength(result.cases);
      expect(deposited.every((e) => (e.data as { depositId: string }).depositId === result.depositId)).toBe(true);
      head = await store.headPosition();
    } finally {
      await store.close();
    }
  }, 60_000);

  it('rebuild all: every projection catches up to the head', async () => {
    const { rebuildProjections } = await loadRebuild();
    const results = await rebuildProjections('all');
    expect(results.length).toBeGreaterThan(0);
    for (const r of results)
      expect({ projection: r.projection, position: r.position }).toEqual({ projection: r.projection, position: head });

    // `all` rebuilds the projections side by side; each one rebuilt alone gives the same documents.
    const store = new SqliteDocumentStore({ path: join(dataDir, 'read-models.sqlite') });
    try {
      for (const projection of ALL_PROJECTIONS) {
        const together = results.find((r) => r.projection === projection.name)!;
        const dump = await dumpGeneration(projection, store, together.generation);
        expect(Object.values(dump).some((docs) => docs.length > 0)).toBe(true);
        const [alone] = await rebuildProjections(projection.name);
        expect(alone!.generation).toBe(together.generation + 1);
        expect(await dumpGeneration(projection, store, alone!.generation)).toEqual(dump);
      }
    } finally {
      await store.close();
    }
  }, 240_000);

  it('rebuild refuses while a service runs on DATA_DIR, naming it, and goes ahead once it has stopped', async () => {
    const { rebuildProjections } = await loadRebuild();
    // A live process standing in for an API on the same data (its mark as the API leaves it).
    const other = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60_000)'], { stdio: 'ignore' });
    try {
      mkdirSync(join(dataDir, 'running'), { recursive: true });
      writeFileSync(join(dataDir, 'running', `api-${other.pid}`), '{}');
      await expect(rebuildProjections('directory')).rejects.toThrow(
        `The service is running on ${dataDir} (process ${other.pid}): stop it before rebuilding.`,
      );
    } finally {
      other.kill('SIGKILL');
      await new Promise((done) => other.once('exit', done));
    }
    // Its mark is stale now (the process is gone): the rebuild runs.
    const [result] = await rebuildProjections('directory');
    expect(result!.position).toBe(head);
  }, 60_000);

  it('the API marks DATA_DIR while it runs and unmarks it when it stops', async () => {
    const app = await createService({
      env: { AUTH_DEV: '1', DATA_DIR: dataDir },
      logger: false,
      shutdownHooks: false,
      print: () => undefined,
    });
    try {
      expect(existsSync(join(dataDir, 'running', `api-${process.pid}`))).toBe(true);
    } finally {
      await app.close();
    }
    expect(existsSync(join(dataDir, 'running', `api-${process.pid}`))).toBe(false);
  }, 60_000);

  it('promote: every student of a school up a grade from a date, the top grade listed, nobody moved twice', async () => {
    const store = openStore(dataDir);
    try {
      const schoolId = summary.ids.schoolIds[0]!;
      const writer = new StreamWriter(store);
      const students = async () => {
        const out = new Map<string, { grade: number; group: string }>();
        for (const stream of await store.listStreams()) {
          if (parseStreamName(stream)?.category !== 'student') continue;
          const { state } = await writer.load(stream, studentDecider);
          if (state.status === 'enrolled' && state.schoolId === schoolId)
            out.set(state.studentId, { grade: state.grade, group: state.group });
        }
        return out;
      };
      const before = await students();
      const dry = await promoteSchool(store, { schoolId, on: '2026-08-17', dryRun: true });
      expect(await students()).toEqual(before);
      const real = await promoteSchool(store, { schoolId, on: '2026-08-17' });
      expect(real).toMatchObject({ moved: dry.moved, leaving: dry.leaving, alreadyMoved: 0 });
      expect(real.moved + real.leaving.length).toBe(before.size);
      expect(real.moved).toBeGreaterThan(0);
      const after = await students();
      for (const [id, was] of before) {
        if (real.leaving.includes(id)) expect(after.get(id)).toEqual(was);
        else expect(after.get(id)).toEqual({ grade: was.grade + 1, group: promotedGroup(was.group, was.grade, was.grade + 1) });
      }
      expect(promotedGroup('5A', 5, 6)).toBe('6A');
      expect(promotedGroup('10B', 10, 11)).toBe('11B');
      expect(promotedGroup('Mattegruppe', 5, 6)).toBe('Mattegruppe');
      const again = await promoteSchool(store, { schoolId, on: '2026-08-17' });
      expect(again).toMatchObject({ moved: 0, alreadyMoved: real.moved });
    } finally {
      await store.close();
    }
  }, 120_000);
});
