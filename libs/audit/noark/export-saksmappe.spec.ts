import { createHash } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { documentFiles } from './document-file.js';
import { exportSaksmappe } from './export-saksmappe.js';
import { closedAutumnCase, realisticCase, SCREENED_WORDS, STUDENT } from './realistic-case.fixture.js';
import { ScreenedWordInPublicField, screenedWordsIn } from './screened-words.js';
import { validateAgainstNoark } from './validate-noark.js';

const EXPORTED_AT = '2026-03-05T10:00:00.000Z';

/** Text of every `<name>` element, in document order. */
function texts(xml: string, name: string): string[] {
  return [...xml.matchAll(new RegExp(`<${name}>([^<]*)</${name}>`, 'g'))].map((m) => m[1]!);
}

describe('exportSaksmappe', () => {
  const model = realisticCase();
  const xml = exportSaksmappe(model, { exportedAt: EXPORTED_AT });

  it('produces an arkivstruktur document that validates against arkivstruktur.xsd', async () => {
    const result = await validateAgainstNoark(xml, 'arkivstruktur.xsd');
    expect(result.errors).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('validates for a closed case too', async () => {
    const result = await validateAgainstNoark(exportSaksmappe(closedAutumnCase(), { exportedAt: EXPORTED_AT }), 'arkivstruktur.xsd');
    expect(result.errors).toEqual([]);
    expect(result.valid).toBe(true);
  });

  it('holds one saksmappe under arkiv/arkivdel/klassifikasjonssystem/klasse, with a journalpost per entry', () => {
    const order = ['<arkiv ', '<arkivdel>', '<klassifikasjonssystem>', '<klasse>', '<mappe xsi:type="saksmappe">'];
    const positions = order.map((tag) => xml.indexOf(tag));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(xml.match(/<mappe /g)).toHaveLength(1);
    expect(xml.match(/<registrering xsi:type="journalpost">/g)).toHaveLength(model.journalposter.length);
    expect(texts(xml, 'mappeID')).toEqual(['2026/123']);
    expect(texts(xml, 'journalposttype')).toEqual([
      'Organinternt dokument uten oppfølging',
      'Organinternt dokument for oppfølging',
      'Organinternt dokument uten oppfølging',
      'Inngående dokument',
      'Utgående dokument',
      'Organinternt dokument uten oppfølging',
    ]);
    expect(texts(xml, 'dokumenttype')).toEqual([
      'Møtereferat',
      'Tiltaksplan',
      'Møtereferat',
      'Samtykkeerklæring',
      'Henvisning',
      'Evaluering',
    ]);
  });

  it('keeps Norwegian letters as they are', () => {
    expect(texts(xml, 'tittel')).toContain(`Oppfølging av skulefråvær – ${STUDENT}, 9B`);
    expect(texts(xml, 'partRolle')).toEqual(['Elev', 'Føresett']);
  });

  it('names no student in any offentligTittel', () => {
    const titles = texts(xml, 'offentligTittel');
    expect(titles).toHaveLength(1 + model.journalposter.length);
    for (const title of titles) expect(screenedWordsIn(title, SCREENED_WORDS)).toEqual([]);
  });

  it('screens the case under offl. § 13 with catalogue values', () => {
    expect(texts(xml, 'tilgangsrestriksjon')).toContain('Unntatt offentlighet');
    expect(texts(xml, 'skjermingshjemmel')[0]).toBe('Offl. § 13 jf. fvl. § 13 første ledd nr. 1');
    expect(texts(xml, 'skjermingMetadata').slice(0, 2)).toEqual(['Skjerming tittel mappe - utvalgte ord', 'Skjerming navn part i sak']);
  });

  it('names PPT as recipient of the referral', () => {
    const referral = xml.slice(xml.indexOf('<dokumenttype>Henvisning</dokumenttype>'));
    expect(referral).toMatch(/<korrespondanseparttype>Mottaker<\/korrespondanseparttype>\s*<korrespondansepartNavn>PPT Midt-Telemark</);
  });

  it('refers each entry to a document file whose SHA-256 and size match the entry text', () => {
    const files = documentFiles([model]);
    const refs = texts(xml, 'referanseDokumentfil');
    const sums = texts(xml, 'sjekksum');
    const sizes = texts(xml, 'filstoerrelse');
    expect(refs).toEqual(Object.keys(files));
    refs.forEach((ref, i) => {
      const bytes = Buffer.from(files[ref]!, 'utf8');
      expect(sums[i]).toBe(createHash('sha256').update(bytes).digest('hex'));
      expect(Number(sizes[i])).toBe(bytes.length);
      // File names are systemIDs: they never carry a name.
      expect(screenedWordsIn(ref, SCREENED_WORDS)).toEqual([]);
    });
    expect(new Set(texts(xml, 'sjekksumAlgoritme'))).toEqual(new Set(['SHA256']));
  });

  it('closes an open case as of the extract, and says it is still being handled', () => {
    const mappe = xml.slice(xml.indexOf('<mappe '));
    expect(texts(mappe, 'avsluttetDato')[0]).toBe(EXPORTED_AT);
    expect(texts(xml, 'saksstatus')).toEqual(['Under behandling']);
  });

  it('is reproducible: the same model and instant give the same bytes', () => {
    expect(exportSaksmappe(realisticCase(), { exportedAt: EXPORTED_AT })).toBe(xml);
  });

  it('escapes markup characters in free text and still validates', async () => {
    const tricky = realisticCase({ tittel: 'Sak <9B> & «fråvær»' });
    const out = exportSaksmappe(tricky, { exportedAt: EXPORTED_AT });
    expect(out).toContain('<tittel>Sak &lt;9B&gt; &amp; «fråvær»</tittel>');
    expect((await validateAgainstNoark(out, 'arkivstruktur.xsd')).valid).toBe(true);
  });

  it('replaces characters XML 1.0 cannot carry, so pasted text cannot break the document', async () => {
    const pasted = realisticCase({ beskrivelse: 'Frå Word:\u0001\u000b slutt\uFFFE \uD800' });
    const out = exportSaksmappe(pasted, { exportedAt: EXPORTED_AT });
    expect(texts(out, 'beskrivelse')).toEqual(['Frå Word:\uFFFD\uFFFD slutt\uFFFD \uFFFD']);
    expect(await validateAgainstNoark(out, 'arkivstruktur.xsd')).toEqual({ valid: true, errors: [] });
  });

  it('refuses a public title that names the student, without repeating the name', () => {
    const leaky = realisticCase({ offentligTittel: `Oppfølging av skolefravær – ${STUDENT}` });
    expect(() => exportSaksmappe(leaky, { exportedAt: EXPORTED_AT })).toThrow(ScreenedWordInPublicField);
    try {
      exportSaksmappe(leaky, { exportedAt: EXPORTED_AT });
    } catch (error) {
      expect((error as Error).message).toContain('offentligTittel');
      expect((error as Error).message).not.toContain('Ingrid');
    }
  });

  it('refuses an entry whose public title names a guardian', () => {
    const base = realisticCase();
    const journalposter = base.journalposter.map((jp, i) => (i === 3 ? { ...jp, offentligTittel: 'Samtykke frå pål ødegård' } : jp));
    expect(() => exportSaksmappe({ ...base, journalposter }, { exportedAt: EXPORTED_AT })).toThrow(/journalposter\[3\]\.offentligTittel/);
  });
});
