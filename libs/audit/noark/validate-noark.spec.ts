import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { exportArkivuttrekk } from './export-arkivuttrekk.js';
import { exportSaksmappe } from './export-saksmappe.js';
import { noarkSchemaDir } from './noark-schema-dir.js';
import { closedAutumnCase, realisticCase, SCHOOL } from './realistic-case.fixture.js';
import { validateAgainstNoark } from './validate-noark.js';

/**
 * The validator must reject what the schemas reject; otherwise every "valid" elsewhere means
 * nothing. Each case starts from a document that validates and breaks one thing.
 */

const EXPORTED_AT = '2026-03-05T10:00:00.000Z';
const good = exportSaksmappe(realisticCase(), { exportedAt: EXPORTED_AT });
const uttrekk = exportArkivuttrekk([realisticCase(), closedAutumnCase()], {
  from: '2025-08-18',
  to: '2026-06-19',
  schoolName: SCHOOL,
  exportedAt: EXPORTED_AT,
});

/** Replaces exactly one occurrence, so a broken fixture cannot pass by not matching. */
function breakOnce(xml: string, find: string | RegExp, replace: string): string {
  const matches = typeof find === 'string' ? xml.split(find).length - 1 : (xml.match(new RegExp(find, 'g')) ?? []).length;
  if (matches < 1) throw new Error(`fixture does not contain ${String(find)}`);
  return xml.replace(find, replace);
}

async function expectInvalid(xml: string, schema: Parameters<typeof validateAgainstNoark>[1], message: RegExp) {
  const result = await validateAgainstNoark(xml, schema);
  expect(result.valid).toBe(false);
  expect(result.errors.join('\n')).toMatch(message);
}

describe('validateAgainstNoark', () => {
  it('accepts the unbroken document', async () => {
    expect(await validateAgainstNoark(good, 'arkivstruktur.xsd')).toEqual({ valid: true, errors: [] });
  });

  it('rejects a missing mandatory element (the case file’s systemID)', async () => {
    const broken = breakOnce(good, /<systemID>3f2a9c64-5d1e-4b7a-9c0d-2e8f6a1b4c57<\/systemID>/, '');
    await expectInvalid(broken, 'arkivstruktur.xsd', /mappeID.*Expected is.*systemID/s);
  });

  it('rejects elements out of schema order', async () => {
    const withoutId = breakOnce(good, '<mappeID>2026/123</mappeID>', '');
    const broken = breakOnce(
      withoutId,
      '<offentligTittel>Oppfølging av skolefravær – elev',
      '<mappeID>2026/123</mappeID><offentligTittel>Oppfølging av skolefravær – elev',
    );
    await expectInvalid(
      broken,
      'arkivstruktur.xsd',
      /Element '\{[^}]+\}tittel': This element is not expected\. Expected is \( \{[^}]+\}mappeID \)/,
    );
  });

  it('rejects a systemID that is not a UUID (metadatakatalog’s pattern, through the import)', async () => {
    const broken = breakOnce(good, '<systemID>3f2a9c64-5d1e-4b7a-9c0d-2e8f6a1b4c57</systemID>', '<systemID>sak-123</systemID>');
    await expectInvalid(broken, 'arkivstruktur.xsd', /systemID.*pattern/s);
  });

  it('rejects a date that is not xs:date', async () => {
    const broken = breakOnce(good, '<saksdato>2026-01-12</saksdato>', '<saksdato>12.01.2026</saksdato>');
    await expectInvalid(broken, 'arkivstruktur.xsd', /saksdato/);
  });

  it('rejects an empty mandatory string (minLength 1)', async () => {
    const broken = breakOnce(good, '<saksansvarlig>Rektor Øystein Haugland</saksansvarlig>', '<saksansvarlig></saksansvarlig>');
    await expectInvalid(broken, 'arkivstruktur.xsd', /saksansvarlig.*minLength/s);
  });

  it('rejects a journalpost without its mandatory journalstatus', async () => {
    const broken = breakOnce(good, /<journalstatus>Journalført<\/journalstatus>/, '');
    await expectInvalid(broken, 'arkivstruktur.xsd', /journaldato.*Expected is.*journalstatus/s);
  });

  it('rejects a document in another namespace', async () => {
    const broken = good.replace(
      'xmlns="http://www.arkivverket.no/standarder/noark5/arkivstruktur"',
      'xmlns="http://www.arkivverket.no/standarder/noark5/arkivstrukturX"',
    );
    await expectInvalid(broken, 'arkivstruktur.xsd', /No matching global declaration|not expected|arkiv/);
  });

  it('rejects XML that is not well-formed', async () => {
    const result = await validateAgainstNoark(good.replace('</arkiv>', ''), 'arkivstruktur.xsd');
    expect(result.valid).toBe(false);
    expect(result.errors.length).toBeGreaterThan(0);
  });

  it('rejects a valid document checked against the wrong schema', async () => {
    await expectInvalid(good, 'offentligJournal.xsd', /arkiv.*No matching global declaration/s);
  });

  it('rejects a public journal entry without a korrespondansepart', async () => {
    const xml = uttrekk['offentligJournal.xml']!;
    const broken = breakOnce(
      xml,
      /<korrespondansepart>\s*<korrespondanseparttype>Intern avsender<\/korrespondanseparttype>\s*<korrespondansepartNavn>Bø skule<\/korrespondansepartNavn>\s*<\/korrespondansepart>/,
      '',
    );
    await expectInvalid(broken, 'offentligJournal.xsd', /journalpost.*Missing child element.*korrespondansepart/s);
  });

  it('rejects an internal title slipped into the public journal', async () => {
    const xml = uttrekk['offentligJournal.xml']!;
    const broken = breakOnce(xml, /<offentligTittel>Referat fra møte/, '<tittel>Referat</tittel><offentligTittel>Referat fra møte');
    await expectInvalid(broken, 'offentligJournal.xsd', /tittel.*not expected/s);
  });

  it('rejects a running journal whose count is not a number', async () => {
    const broken = breakOnce(
      uttrekk['loependeJournal.xml']!,
      '<antallJournalposter>8</antallJournalposter>',
      '<antallJournalposter>åtte</antallJournalposter>',
    );
    await expectInvalid(broken, 'loependeJournal.xsd', /antallJournalposter/);
  });

  it('rejects a change without its earlier value', async () => {
    const broken = breakOnce(uttrekk['endringslogg.xml']!, '<tidligereVerdi>2026-01-13</tidligereVerdi>', '');
    await expectInvalid(broken, 'endringslogg.xsd', /nyVerdi.*Expected is.*tidligereVerdi/s);
  });

  it('rejects a change log entry that refers to no UUID', async () => {
    const broken = breakOnce(uttrekk['endringslogg.xml']!, /<referanseArkivenhet>[^<]+</, '<referanseArkivenhet>journalpost 1<');
    await expectInvalid(broken, 'endringslogg.xsd', /referanseArkivenhet/);
  });
});

describe('noarkSchemaDir', () => {
  it('defaults to ../shared/noark5/v5.5 from the project root', () => {
    expect(noarkSchemaDir({}, process.cwd())).toBe(resolve(process.cwd(), '../shared/noark5/v5.5'));
  });

  it('follows NOARK_SCHEMA_DIR, relative to the working directory', () => {
    const dir = resolve(process.cwd(), '../shared/noark5/v5.5');
    expect(noarkSchemaDir({ NOARK_SCHEMA_DIR: dir }, '/')).toBe(dir);
    expect(noarkSchemaDir({ NOARK_SCHEMA_DIR: '../shared/noark5/v5.5' }, process.cwd())).toBe(dir);
  });

  it('says where it looked and what to set when the schemas are missing', () => {
    const empty = mkdtempSync(join(tmpdir(), 'noark-'));
    try {
      expect(() => noarkSchemaDir({ NOARK_SCHEMA_DIR: empty })).toThrow(/NOARK_SCHEMA_DIR/);
      expect(() => noarkSchemaDir({ NOARK_SCHEMA_DIR: empty })).toThrow(empty);
    } finally {
      rmSync(empty, { recursive: true });
    }
  });

  it('validates against the schemas of the directory given', async () => {
    // A stand-in schema directory whose arkivstruktur.xsd accepts only <x/>: proves the files
    // are read from the directory passed, not from a copy bundled anywhere.
    const dir = mkdtempSync(join(tmpdir(), 'noark-'));
    try {
      writeFileSync(join(dir, 'metadatakatalog.xsd'), '<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"/>');
      writeFileSync(
        join(dir, 'arkivstruktur.xsd'),
        '<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"><xs:element name="x"/></xs:schema>',
      );
      expect((await validateAgainstNoark('<x/>', 'arkivstruktur.xsd', { schemaDir: dir })).valid).toBe(true);
      expect((await validateAgainstNoark(good, 'arkivstruktur.xsd', { schemaDir: dir })).valid).toBe(false);
    } finally {
      rmSync(dir, { recursive: true });
    }
  });
});
