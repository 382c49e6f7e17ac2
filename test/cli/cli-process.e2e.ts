/**
 * The compiled CLI as a user runs it (`node dist/apps/cli/main.js …`, after `npm run build`):
 * demo, its refusal, import with a bad row (exit 1) and with --skip-bad, then verify.
 * `npm test` compiles to dist/ before jest starts; without that build the test fails and says so.
 */
import { spawnSync } from 'node:child_process';
import { appendFileSync, existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from '@jest/globals';
import { todayInOslo } from '#application/clock.js';
import { ROLES } from '#access/roles.js';
import { createSchoolCalendar } from '#domain/calendar/index.js';
import { schoolYearContaining } from '#demo/school-year.js';
import { removeTempDataDirs, tempDataDir } from './support/data-dir.js';
import { CSV_HEADER } from './support/absence-csv-fixture.js';

const MAIN = join(process.cwd(), 'dist/apps/cli/main.js');

describe('compiled CLI', () => {
  afterAll(removeTempDataDirs);

  it('demo, refusal, import with and without --skip-bad, verify', () => {
    if (!existsSync(MAIN)) throw new Error(`${MAIN} is not built: run \`npm run build\` (npm test builds it first)`);
    const dataDir = tempDataDir('cli');
    const cli = (...args: string[]) =>
      spawnSync(process.execPath, [MAIN, ...args], {
        env: { ...process.env, DATA_DIR: dataDir, AUTH_JWT_SECRET: 'secret-of-this-shell' },
        encoding: 'utf8',
        timeout: 60_000,
      });

    const demo = cli('demo', '--students', '40');
    expect({
      status: demo.status,
      stderr: demo.stderr.split('\n').filter((l) => !/ExperimentalWarning|--trace-warnings/.test(l) && l),
    }).toEqual({ status: 0, stderr: [] });
    for (const role of ROLES) expect(demo.stdout).toMatch(new RegExp(`^${role} +eyJ`, 'm'));
    expect(demo.stdout).toContain("DATA_DIR='" + dataDir + "' npm start");

    const again = cli('demo');
    expect(again.status).toBe(1);
    expect(again.stderr).toContain('already holds');

    const today = todayInOslo();
    const calendar = createSchoolCalendar(schoolYearContaining(today));
    const [day] = calendar.previousSchoolDays(today < calendar.end ? today : calendar.end, 3);
    const file = join(dataDir, 'fravaer.csv');
    writeFileSync(
      file,
      `${CSV_HEADER}\nP-1;elev-3024-01-0001;${day};forsent;;10;;nei;nei;Buss\nP-2;elev-3024-01-0001;${day};time;;;;nei;nei;\n`,
    );
    const refused = cli('import', file);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('line 3 (sourceId P-2) lessons');
    expect(JSON.parse(refused.stdout)).toMatchObject({ imported: 0, written: false, badLines: [3] });
    const skipped = cli('import', file, '--skip-bad');
    expect(skipped.status).toBe(0);
    expect(JSON.parse(skipped.stdout)).toMatchObject({ imported: 1, written: true, badLines: [3] });

    const verify = cli('verify');
    expect(verify.status).toBe(0);
    expect(JSON.parse(verify.stdout)).toMatchObject({ broken: [] });

    // A deposit packed as Arkivverket receives one, checked as an archive would: exit 0, then 1 once the TAR is changed.
    const schools = /^Schools: (.+)$/m.exec(demo.stdout)![1]!.split(', ');
    const out = join(dataDir, 'avlevering');
    const year = schoolYearContaining(today);
    const exported = schools
      .map((school) => cli('export-noark', '--school', school, '--from', year.start, '--to', today, '--out', out, '--tar', '--dry-run'))
      .find((r) => r.status === 0);
    expect(exported).toBeDefined();
    const { depositId } = JSON.parse(exported!.stdout) as { depositId: string };
    const tar = join(out, `${depositId}.tar`);
    const checked = cli('verify-deposit', tar);
    expect(checked.status).toBe(0);
    expect(checked.stdout.trimEnd().split('\n').at(-1)).toMatch(/^Alle \d+ kontroller bestått\.$/);
    appendFileSync(tar, Buffer.alloc(512, 1));
    const broken = cli('verify-deposit', tar);
    expect(broken.status).toBe(1);
    expect(broken.stdout).toMatch(/^FEIL {2}sjekksum av TAR-filen: /m);
  }, 120_000);
});
