import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import {
  documentFiles,
  exportArkivuttrekk,
  exportSaksmappe,
  validateAgainstNoark,
  validateArkivuttrekk,
  type NoarkSaksmappe,
} from '#audit/index.js';
import { closedAutumnCase, realisticCase, SCHOOL } from '#audit/noark/realistic-case.fixture.js';

/**
 * The extract as a recipient gets it: files on disk, read back and checked the way an archive
 * would check a delivery (each XML against its schema, each document against its checksum).
 */
describe('a Noark 5 extract written to disk', () => {
  let dir: string;
  const models = [realisticCase(), closedAutumnCase()];

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'uttrekk-'));
    const files = { ...exportArkivuttrekk(models, { from: '2025-08-18', to: '2026-06-19', schoolName: SCHOOL }), ...documentFiles(models) };
    for (const [path, contents] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), contents!, 'utf8');
    }
  });

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('validates every XML file as read back from disk', async () => {
    const read = (name: string) => readFileSync(join(dir, name), 'utf8');
    const results = await validateArkivuttrekk({
      'arkivstruktur.xml': read('arkivstruktur.xml'),
      'endringslogg.xml': read('endringslogg.xml'),
      'loependeJournal.xml': read('loependeJournal.xml'),
      'offentligJournal.xml': read('offentligJournal.xml'),
    });
    for (const result of Object.values(results)) expect(result).toEqual({ valid: true, errors: [] });
    expect(Object.keys(results)).toHaveLength(4);
  });

  it('has every referenced document file, with the recorded size and SHA-256', () => {
    const xml = readFileSync(join(dir, 'arkivstruktur.xml'), 'utf8');
    const objects = [...xml.matchAll(/<dokumentobjekt>([\s\S]*?)<\/dokumentobjekt>/g)].map((m) => m[1]!);
    expect(objects).toHaveLength(models.reduce((n, m) => n + m.journalposter.length, 0));
    for (const object of objects) {
      const ref = /<referanseDokumentfil>([^<]+)</.exec(object)![1]!;
      const sum = /<sjekksum>([^<]+)</.exec(object)![1]!;
      const size = Number(/<filstoerrelse>([^<]+)</.exec(object)![1]);
      const path = join(dir, ref);
      expect(statSync(path).size).toBe(size);
      expect(createHash('sha256').update(readFileSync(path)).digest('hex')).toBe(sum);
    }
  });
});

/** Free text as people type it: Norwegian letters, markup characters, quotes, emoji, controls. */
const freeText = fc
  .array(
    fc.oneof(
      fc.constantFrom('æ', 'ø', 'å', 'Æ', 'Ø', 'Å', '<', '>', '&', '"', "'", '«', '»', '–', '😀', '\u0001', '\t', '\n', ' '),
      fc.string(),
    ),
    {
      minLength: 1,
      maxLength: 12,
    },
  )
  .map((parts) => `x${parts.join('')}`);

describe('the exports over arbitrary free text', () => {
  it('always validate, whatever the titles and texts hold', async () => {
    await fc.assert(
      fc.asyncProperty(freeText, freeText, freeText, async (tittel, beskrivelse, tekst) => {
        const base = realisticCase();
        const model: NoarkSaksmappe = {
          ...base,
          tittel,
          beskrivelse,
          journalposter: base.journalposter.map((jp) => ({ ...jp, tittel, dokument: { ...jp.dokument, tekst, tittel } })),
          endringer: base.endringer.map((e) => ({ ...e, tidligereVerdi: tittel, nyVerdi: beskrivelse })),
        };
        const exportedAt = '2026-03-05T10:00:00.000Z';
        expect(await validateAgainstNoark(exportSaksmappe(model, { exportedAt }), 'arkivstruktur.xsd')).toEqual({
          valid: true,
          errors: [],
        });
        const files = exportArkivuttrekk([model], { from: '2026-01-01', to: '2026-12-31', schoolName: SCHOOL, exportedAt });
        for (const result of Object.values(await validateArkivuttrekk(files))) expect(result).toEqual({ valid: true, errors: [] });
      }),
      // Text that looks like entity references: xmlbuilder2 wrote it through unescaped (xml-leaf.ts).
      {
        numRuns: 8,
        examples: [
          ['x&A;æ', 'xæ', 'x'],
          ['R&amp;D', 'x&#65;', 'x&foo;&'],
        ],
      },
    );
    // About 4 s alone; beside the other suites on two cores the WASM validations once took over 30 s.
  }, 120_000);
});
