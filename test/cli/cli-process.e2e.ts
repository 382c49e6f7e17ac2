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

    // Help as a person types the command, exit 0; an unknown command said once, exit 1.
    const help = cli('--help');
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^Usage: npm run cli -- \[options\] \[command\]/);
    expect(help.stdout).toContain('promote [options]');
    const rebuildHelp = cli('rebuild', '--help');
    expect(rebuildHelp.status).toBe(0);
    expect(rebuildHelp.stdout).toMatch(/^Usage: npm run cli -- rebuild \[options\] <projection>/);
    expect(rebuildHelp.stdout.replace(/\s+/g, ' ')).toContain('student-absence');
    expect(cli('export-noark', '--help').stdout).not.toContain('(outputHelp)');
    const unknown = cli('nosuch');
    expect(unknown.status).toBe(1);
    expect(unknown.stderr.match(/unknown command 'nosuch'/g)).toHaveLength(1);

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
    expect(JSON.parse(refused.stdout)).toMatchObject({ imported: 0, written: false, stopped: true, badLines: [3] });
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
    const attempts = schools.map((school) => ({
      school,
      run: cli('export-noark', '--school', school, '--from', year.start, '--to', today, '--out', out, '--tar', '--dry-run', '--json'),
    }));
    const exported = attempts.find((a) => a.run.status === 0);
    expect(exported).toBeDefined();
    const { depositId } = JSON.parse(exported!.run.stdout) as { depositId: string };
    // For a person: Norwegian dates taken, one file to a line.
    const norwegian = (iso: string) => iso.split('-').reverse().join('.');
    const readable = cli(
      'export-noark',
      '--school',
      exported!.school,
      '--from',
      norwegian(year.start),
      '--to',
      norwegian(today),
      '--out',
      join(dataDir, 'mappe'),
      '--dry-run',
    );
    expect(readable.status).toBe(0);
    const lines = readable.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^Deposit [0-9a-f-]{36}: \d+ cases, 0 recorded in their histories\.$/);
    expect(lines).toEqual(expect.arrayContaining(['  arkivuttrekk.xml']));
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
