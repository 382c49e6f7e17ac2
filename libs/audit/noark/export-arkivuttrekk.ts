import { buildArkivstruktur } from './arkivstruktur-xml.js';
import { buildEndringslogg } from './endringslogg-xml.js';
import { DEFAULT_EXPORTED_BY, DEFAULT_KLASSE, type NoarkExportOptions } from './export-options.js';
import { buildJournal } from './journal-xml.js';
import type { NoarkSaksmappe } from './noark-model.js';
import { assertPublicTitlesScreened, screenedWordsIn, ScreenedWordInPublicField } from './screened-words.js';

export interface ArkivuttrekkOptions extends NoarkExportOptions {
  /** First day of the period (YYYY-MM-DD), inclusive. */
  from: string;
  /** Last day of the period (YYYY-MM-DD), inclusive. */
  to: string;
  /** The school whose archive this is: names the archive and, by default, its creator. */
  schoolName: string;
}

/**
 * The XML files of a Noark 5 extract. The journals and the change log are absent when they
 * would be empty: their schemas require at least one entry, so an empty one cannot be valid.
 */
export interface Arkivuttrekk {
  'arkivstruktur.xml': string;
  /** Absent when no journal entry has a journaldato in the period. */
  'loependeJournal.xml'?: string;
  /** Absent when no journal entry has a journaldato in the period. */
  'offentligJournal.xml'?: string;
  /** Absent when the case files have no recorded changes. */
  'endringslogg.xml'?: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A school's extract for a period: arkivstruktur.xml with every given case file (the caller
 * chooses which, e.g. those open at some time in the period), the running and public journals
 * of the entries journalled in the period, and the change log of the given case files.
 * Each file validates against its Noark 5.5 schema (see `validateArkivuttrekk`).
 *
 * Throws `ScreenedWordInPublicField` if a public title, or anything in the public journal,
 * contains one of a case's screened words; `RangeError` for a malformed period.
 */
export function exportArkivuttrekk(models: readonly NoarkSaksmappe[], options: ArkivuttrekkOptions): Arkivuttrekk {
  const { from, to, schoolName } = options;
  if (!DATE.test(from) || !DATE.test(to) || from > to) {
    throw new RangeError(`period must be two dates YYYY-MM-DD with from <= to, got ${from}..${to}`);
  }
  assertPublicTitlesScreened(models);
  const exportedAt = options.exportedAt ?? new Date().toISOString();
  const exportedBy = options.exportedBy ?? DEFAULT_EXPORTED_BY;
  const arkivskaper = options.arkivskaper ?? { arkivskaperID: schoolName, arkivskaperNavn: schoolName };
  const klasse = options.klasse ?? DEFAULT_KLASSE;
  const journalContext = {
    from,
    to,
    arkivskaper,
    klasse,
    seleksjon: `Journalposter med journaldato ${from}–${to}, ${schoolName}`,
  };

  const files: Arkivuttrekk = {
    'arkivstruktur.xml': buildArkivstruktur(models, {
      exportedAt,
      exportedBy,
      arkivskaper,
      arkivTittel: `Elevsaker – ${schoolName}`,
      arkivdelTittel: `Oppfølging av skolefravær ${from}–${to}`,
      // A period that has ended is closed; one that runs on past the extract is still active.
      arkivdelstatus: to < exportedAt.slice(0, 10) ? 'Avsluttet periode' : 'Aktiv periode',
      arkivperiode: { from, to },
      klasse,
      idSeed: `arkivuttrekk/${schoolName}/${from}/${to}`,
    }),
  };
  const loependeJournal = buildJournal('loependeJournal', models, journalContext);
  const offentligJournal = buildJournal('offentligJournal', models, journalContext);
  const endringslogg = buildEndringslogg(models);
  if (loependeJournal !== undefined) files['loependeJournal.xml'] = loependeJournal;
  if (offentligJournal !== undefined) {
    // A second line of defence after the title check: nothing in the public journal, from any
    // field, may carry a screened word.
    const leaked = screenedWordsIn(
      offentligJournal,
      models.flatMap((m) => m.skjermedeOrd),
      [schoolName, arkivskaper.arkivskaperNavn, arkivskaper.arkivskaperID, ...models.map((m) => m.administrativEnhet)],
    );
    if (leaked.length > 0) throw new ScreenedWordInPublicField(leaked.map((word) => ({ field: 'offentligJournal.xml', word })));
    files['offentligJournal.xml'] = offentligJournal;
  }
  if (endringslogg !== undefined) files['endringslogg.xml'] = endringslogg;
  return files;
}
