/**
 * A Noark 5 deposit of the demo municipality's autumn, as an archive would receive and test it:
 * `export-noark` writes it (as a folder and as a TAR with its INFO file), `verify-deposit` passes
 * it, and then catches each way a deposit can be broken, with a line that says what is wrong.
 * libxml2's own xmllint (Debian's libxml2-utils) agrees with the project's validation on every
 * XML file of the deposit.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatDepositReport, type DepositReport } from '#audit/noark/deposit/verify-deposit.js';
import { noarkSchemaDir } from '#audit/noark/noark-schema-dir.js';
import { validateAgainstNoark, type NoarkSchemaFile } from '#audit/noark/validate-noark.js';
import { loadDemo, type DemoResult } from '#cli/demo/load-demo.js';
import { verifyDepositAt } from '#cli/deposit/verify-deposit-at.js';
import { loadExportNoark } from './support/command-functions.js';
import { openStore, removeTempDataDirs, tempDataDir } from './support/data-dir.js';

const TODAY = '2026-12-20';
const AUTUMN = { from: '2026-08-17', to: '2026-12-19' };

type ExportNoark = typeof import('#cli/commands/export-noark.command.js');
const loadExport = async (): Promise<ExportNoark['exportNoarkFolder']> => (await loadExportNoark()).exportNoarkFolder;

const failed = (report: DepositReport): string[] => report.checks.filter((c) => !c.ok).map((c) => `${c.check}: ${c.detail}`);

describe('a Noark 5 deposit of the demo autumn', () => {
  let dataDir: string;
  let demo: DemoResult;
  let folder: string;
  let result: Awaited<ReturnType<ExportNoark['exportNoarkFolder']>>;
  let school: string;

  beforeAll(async () => {
    dataDir = tempDataDir('deposit');
    demo = await loadDemo({ settings: { dataDir, eventstoreUrl: null, mongodbUrl: null }, today: TODAY });
    process.env.DATA_DIR = dataDir;
    process.env.CLOCK_TODAY = TODAY;
    const exportNoark = await loadExport();
    folder = join(dataDir, 'deposit');
    // The demo school with the most cases.
    school = demo.summary.ids.schoolIds[0]!;
    let best = -1;
    for (const schoolId of demo.summary.ids.schoolIds) {
      const trial = await exportNoark({ school: schoolId, ...AUTUMN, out: join(dataDir, `trial-${schoolId}`), dryRun: true }).catch(
        () => null,
      );
      if (trial && trial.cases > best) [best, school] = [trial.cases, schoolId];
    }
    result = await exportNoark({ school, ...AUTUMN, out: folder });
  }, 180_000);
  afterAll(() => {
    delete process.env.DATA_DIR;
    delete process.env.CLOCK_TODAY;
    removeTempDataDirs();
  });

  it('holds the description, the four XML files, their schemas and every document', () => {
    const top = readdirSync(folder).sort();
    expect(top).toEqual(
      expect.arrayContaining([
        'arkivuttrekk.xml',
        'arkivstruktur.xml',
        'arkivstruktur.xsd',
        'metadatakatalog.xsd',
        'addml.xsd',
        'dokumenter',
      ]),
    );
    expect(result.counts.mapper).toBe(result.cases);
    expect(result.counts.dokumentfiler).toBe(readdirSync(join(folder, 'dokumenter')).length);
    expect(result.counts.registreringer).toBeGreaterThanOrEqual(result.counts.dokumentfiler);
  });

  it('passes every check of verify-deposit', async () => {
    const report = await verifyDepositAt(folder);
    expect(failed(report)).toEqual([]);
    const text = formatDepositReport(report);
    expect(text.trimEnd().split('\n').at(-1)).toBe(`Alle ${report.checks.length} kontroller bestått.`);
  });

  it('is recorded in the history of every case it holds, once', async () => {
    const store = openStore(dataDir);
    try {
      const deposited = (await store.readAll()).filter((e) => e.type === 'CaseDeposited');
      expect(deposited).toHaveLength(result.cases);
      expect(new Set(deposited.map((e) => e.stream)).size).toBe(result.cases);
      for (const e of deposited) {
        expect(e.data).toMatchObject({
          depositId: result.depositId,
          checksum: { algorithm: 'SHA-256', value: result.checksum.sha256, of: 'arkivuttrekk.xml' },
        });
      }
    } finally {
      await store.close();
    }
  });

  it('packs as <id>.tar with an INFO file holding its SHA-256, and verifies packed too', async () => {
    const exportNoark = await loadExport();
    const out = join(dataDir, 'packed');
    const packed = await exportNoark({ school, ...AUTUMN, out, tar: true, dryRun: true });
    expect(packed.files).toEqual([`${packed.depositId}.tar`, `${packed.depositId}.info`]);
    const info = readFileSync(join(out, `${packed.depositId}.info`), 'utf8');
    expect(info).toContain(`sha256: ${packed.checksum.sha256}`);
    const report = await verifyDepositAt(join(out, `${packed.depositId}.tar`));
    expect(failed(report)).toEqual([]);
    expect(report.checks.find((c) => c.check === 'sjekksum av TAR-filen')?.ok).toBe(true);
    // A TAR changed after packing no longer matches its INFO file.
    appendFileSync(join(out, `${packed.depositId}.tar`), Buffer.alloc(512));
    expect(failed(await verifyDepositAt(join(out, `${packed.depositId}.tar`)))).toEqual([
      expect.stringMatching(/^sjekksum av TAR-filen: INFO oppgir [0-9a-f]{64}, filen har [0-9a-f]{64}$/),
    ]);
  }, 60_000);

  describe('broken on purpose', () => {
    let n = 0;
    /** A copy of the deposit, broken by `change`, and what verify-deposit says of it. */
    const broken = async (change: (dir: string) => void): Promise<string[]> => {
      const dir = join(dataDir, `broken-${++n}`);
      cpSync(folder, dir, { recursive: true });
      change(dir);
      try {
        return failed(await verifyDepositAt(dir));
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    };
    const firstDocument = (dir: string): string => join(dir, 'dokumenter', readdirSync(join(dir, 'dokumenter')).sort()[0]!);

    it('a file missing', async () => {
      expect(await broken((dir) => rmSync(join(dir, 'endringslogg.xml')))).toEqual(
        expect.arrayContaining(['endringslogg.xml finnes: oppført i beskrivelsen, men mangler']),
      );
    });

    it('a changed byte', async () => {
      const lines = await broken((dir) => {
        const path = join(dir, 'loependeJournal.xml');
        const bytes = readFileSync(path);
        const at = bytes.indexOf('<journalregistrering') + 1;
        bytes[at] = bytes[at] === 0x6a ? 0x4a : 0x6a;
        writeFileSync(path, bytes);
      });
      expect(lines).toEqual(
        expect.arrayContaining([expect.stringMatching(/^sjekksum loependeJournal\.xml: beskrivelsen: [0-9a-f]{64}, filen: [0-9a-f]{64}$/)]),
      );
    });

    it('a count off', async () => {
      const lines = await broken((dir) => {
        const path = join(dir, 'arkivuttrekk.xml');
        const xml = readFileSync(path, 'utf8');
        // The stated number of mapper, one higher.
        const stated = /(<value>mappe<\/value>[\s\S]*?<value>)(\d+)(<\/value>)/;
        writeFileSync(
          path,
          xml.replace(stated, (_, a: string, count: string, b: string) => `${a}${Number(count) + 1}${b}`),
        );
      });
      expect(lines).toEqual([`antall mappe i arkivstruktur.xml: beskrivelsen: ${result.cases + 1}, filen: ${result.cases}`]);
    });

    it('an unresolved document reference', async () => {
      let gone = '';
      const lines = await broken((dir) => {
        const path = firstDocument(dir);
        gone = `dokumenter/${path.split('/').at(-1)}`;
        rmSync(path);
      });
      expect(lines).toEqual([`dokument ${gone}: arkivstruktur.xml viser til en fil som mangler`]);
    });

    it('an XML file that fails its schema', async () => {
      const lines = await broken((dir) => {
        const path = join(dir, 'arkivstruktur.xml');
        const xml = readFileSync(path, 'utf8');
        writeFileSync(path, xml.replace(/<saksaar>\d+<\/saksaar>/, '<saksaar>tjuetjueseks</saksaar>'));
      });
      expect(lines).toEqual(expect.arrayContaining([expect.stringMatching(/^arkivstruktur\.xml følger arkivstruktur\.xsd: .*saksaar/)]));
    });

    it('a file nobody lists', async () => {
      expect(await broken((dir) => writeFileSync(join(dir, 'notater.txt'), 'glemt'))).toEqual([
        'ingen filer utenfor beskrivelsen: ulistet: notater.txt',
      ]);
    });
  });

  it('agrees with xmllint (libxml2-utils) on every XML file of the deposit', async () => {
    const version = spawnSync('xmllint', ['--version'], { encoding: 'utf8' });
    if (version.error) throw new Error('xmllint is not installed: apt-get install libxml2-utils (.ci/run installs it)');
    const schemaOf: Record<string, NoarkSchemaFile> = {
      'arkivuttrekk.xml': 'addml.xsd',
      'arkivstruktur.xml': 'arkivstruktur.xsd',
      'endringslogg.xml': 'endringslogg.xsd',
      'loependeJournal.xml': 'loependeJournal.xsd',
      'offentligJournal.xml': 'offentligJournal.xsd',
    };
    const present = Object.entries(schemaOf).filter(([file]) => readdirSync(folder).includes(file));
    expect(present.length).toBeGreaterThanOrEqual(4);
    for (const [file, schema] of present) {
      const cli = spawnSync('xmllint', ['--noout', '--schema', join(noarkSchemaDir(), schema), join(folder, file)], { encoding: 'utf8' });
      const ours = await validateAgainstNoark(readFileSync(join(folder, file), 'utf8'), schema);
      expect({ file, xmllint: cli.status === 0, ours: ours.valid }).toEqual({ file, xmllint: true, ours: true });
    }
    // And they agree on a broken file, too.
    const bad = readFileSync(join(folder, 'arkivstruktur.xml'), 'utf8').replace(/<saksaar>\d+<\/saksaar>/, '<saksaar>x</saksaar>');
    const badFile = join(dataDir, 'bad-arkivstruktur.xml');
    writeFileSync(badFile, bad);
    const cli = spawnSync('xmllint', ['--noout', '--schema', join(noarkSchemaDir(), 'arkivstruktur.xsd'), badFile], { encoding: 'utf8' });
    expect({ xmllint: cli.status === 0, ours: (await validateAgainstNoark(bad, 'arkivstruktur.xsd')).valid }).toEqual({
      xmllint: false,
      ours: false,
    });
  }, 60_000);
});
