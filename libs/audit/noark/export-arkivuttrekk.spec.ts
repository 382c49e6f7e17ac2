import { describe, expect, it } from '@jest/globals';
import { exportArkivuttrekk } from './export-arkivuttrekk.js';
import { closedAutumnCase, GUARDIAN, MINUTES_ID, realisticCase, SCHOOL, SCREENED_WORDS } from './realistic-case.fixture.js';
import { ScreenedWordInPublicField, screenedWordsIn } from './screened-words.js';
import { validateAgainstNoark, validateArkivuttrekk } from './validate-noark.js';

const EXPORTED_AT = '2026-04-02T06:00:00.000Z';
const SCHOOL_YEAR = { from: '2025-08-18', to: '2026-06-19', schoolName: SCHOOL, exportedAt: EXPORTED_AT };
const SPRING = { from: '2026-01-01', to: '2026-03-31', schoolName: SCHOOL, exportedAt: EXPORTED_AT };

function texts(xml: string, name: string): string[] {
  return [...xml.matchAll(new RegExp(`<${name}>([^<]*)</${name}>`, 'g'))].map((m) => m[1]!);
}

describe('exportArkivuttrekk', () => {
  const models = [realisticCase(), closedAutumnCase()];
  const files = exportArkivuttrekk(models, SCHOOL_YEAR);
  const allScreened = [...SCREENED_WORDS, ...closedAutumnCase().skjermedeOrd];

  it('produces the four files, each valid against its own schema', async () => {
    expect(Object.keys(files).sort()).toEqual(['arkivstruktur.xml', 'endringslogg.xml', 'loependeJournal.xml', 'offentligJournal.xml']);
    const results = await validateArkivuttrekk(files);
    expect(results).toEqual({
      'arkivstruktur.xml': { valid: true, errors: [] },
      'endringslogg.xml': { valid: true, errors: [] },
      'loependeJournal.xml': { valid: true, errors: [] },
      'offentligJournal.xml': { valid: true, errors: [] },
    });
  });

  it('puts every case file in one arkivdel for the period', () => {
    const xml = files['arkivstruktur.xml'];
    expect(xml.match(/<mappe xsi:type="saksmappe">/g)).toHaveLength(2);
    expect(texts(xml, 'arkivperiodeStartDato')).toEqual(['2025-08-18']);
    expect(texts(xml, 'arkivperiodeSluttDato')).toEqual(['2026-06-19']);
    expect(texts(xml, 'arkivdelstatus')).toEqual(['Aktiv periode']);
  });

  it('lists every entry of the period in journal order in both journals', () => {
    for (const name of ['loependeJournal.xml', 'offentligJournal.xml'] as const) {
      const xml = files[name]!;
      expect(texts(xml, 'antallJournalposter')).toEqual(['8']);
      expect(texts(xml, 'journalsekvensnummer').map(Number)).toEqual([1877, 2210, 412, 437, 501, 515, 533, 602]);
    }
  });

  it('keeps the internal titles in the running journal', () => {
    const xml = files['loependeJournal.xml']!;
    expect(texts(xml, 'tittel')).toContain(`Samtykke frå ${GUARDIAN} til tilvising til PPT for Ingrid Åsheim Bakken`);
    expect(xml).toContain('<skjermingMetadata>Skjerming navn avsender</skjermingMetadata>');
  });

  it('shows only public titles in the public journal and names no student or guardian anywhere in it', () => {
    const xml = files['offentligJournal.xml']!;
    // The only <tittel> elements left are the class's, which the schema has in klasse.
    expect(new Set(texts(xml, 'tittel'))).toEqual(new Set(['Oppfølging av elevers skolefravær']));
    expect(screenedWordsIn(xml, allScreened)).toEqual([]);
    for (const title of texts(xml, 'offentligTittel')) expect(title).toMatch(/elev ved Bø skule$/);
  });

  it('replaces a screened sender by "Skjermet" but shows a public service as recipient', () => {
    const xml = files['offentligJournal.xml']!;
    const names = texts(xml, 'korrespondansepartNavn');
    expect(names).toContain('Skjermet');
    expect(names).toContain('PPT Midt-Telemark');
    expect(names).not.toContain(GUARDIAN);
  });

  it('tells the public which entries are exempt and why', () => {
    const xml = files['offentligJournal.xml']!;
    expect(texts(xml, 'tilgangsrestriksjon')).toHaveLength(8);
    expect(new Set(texts(xml, 'skjermingshjemmel'))).toEqual(new Set(['Offl. § 13 jf. fvl. § 13 første ledd nr. 1']));
  });

  it('logs the correction of the minutes’ date in the change log', () => {
    const xml = files['endringslogg.xml']!;
    expect(texts(xml, 'referanseArkivenhet')).toEqual([MINUTES_ID]);
    expect(texts(xml, 'referanseMetadata')).toEqual(['dokumentetsDato']);
    expect(texts(xml, 'tidligereVerdi')).toEqual(['2026-01-13']);
    expect(texts(xml, 'nyVerdi')).toEqual(['2026-01-14']);
  });

  it('journals only the entries dated in the period, while delivering every given case file', async () => {
    const spring = exportArkivuttrekk(models, SPRING);
    expect(texts(spring['loependeJournal.xml']!, 'antallJournalposter')).toEqual(['6']);
    expect(texts(spring['offentligJournal.xml']!, 'journalaar')).toEqual(Array(6).fill('2026'));
    expect(spring['arkivstruktur.xml'].match(/<mappe /g)).toHaveLength(2);
    expect(texts(spring['arkivstruktur.xml'], 'arkivdelstatus')).toEqual(['Avsluttet periode']);
    expect((await validateAgainstNoark(spring['offentligJournal.xml']!, 'offentligJournal.xsd')).valid).toBe(true);
  });

  it('leaves out the journals when nothing was journalled in the period, and the log when nothing changed', async () => {
    const summer = exportArkivuttrekk([closedAutumnCase()], { ...SPRING, from: '2026-06-20', to: '2026-08-14' });
    expect(Object.keys(summer)).toEqual(['arkivstruktur.xml']);
    expect((await validateAgainstNoark(summer['arkivstruktur.xml'], 'arkivstruktur.xsd')).valid).toBe(true);
  });

  it('validates with no case files at all', async () => {
    const empty = exportArkivuttrekk([], SPRING);
    expect((await validateAgainstNoark(empty['arkivstruktur.xml'], 'arkivstruktur.xsd')).valid).toBe(true);
  });

  it('refuses a malformed or reversed period', () => {
    expect(() => exportArkivuttrekk(models, { ...SPRING, from: '2026-04-01', to: '2026-03-01' })).toThrow(RangeError);
    expect(() => exportArkivuttrekk(models, { ...SPRING, from: '01.01.2026' })).toThrow(RangeError);
  });

  it('refuses to publish a screened name that reaches the public journal through a correspondent', () => {
    const base = realisticCase();
    // An outside sender the entry's screening does not cover: the name would go out as is.
    const journalposter = base.journalposter.map((jp, i) =>
      i === 3
        ? { ...jp, skjerming: { ...jp.skjerming!, skjermingMetadata: ['Skjerming tittel registrering - utvalgte ord' as const] } }
        : jp,
    );
    expect(() => exportArkivuttrekk([{ ...base, journalposter }], SPRING)).toThrow(ScreenedWordInPublicField);
  });
});
