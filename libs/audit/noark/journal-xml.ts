import { create } from 'xmlbuilder2';
import { correspondentsOf, isNameScreened, SKJERMET_NAVN } from './correspondents.js';
import type { SkjermingMetadata } from './noark-codes.js';
import type { NoarkJournalpost, NoarkSaksmappe, NoarkSkjerming } from './noark-model.js';
import { leaf, XSI_NAMESPACE, type XmlNode } from './xml-leaf.js';

export type JournalFile = 'loependeJournal' | 'offentligJournal';

const NAMESPACE: Record<JournalFile, string> = {
  loependeJournal: 'http://www.arkivverket.no/standarder/noark5/loependeJournal',
  offentligJournal: 'http://www.arkivverket.no/standarder/noark5/offentligJournal',
};

export interface JournalContext {
  /** Dates, inclusive: an entry belongs to the journal when its journaldato lies in between. */
  from: string;
  to: string;
  arkivskaper: { arkivskaperID: string; arkivskaperNavn: string };
  klasse: { klasseID: string; tittel: string };
  /** M313: what the journal selects, in words. */
  seleksjon: string;
}

interface Row {
  saksmappe: NoarkSaksmappe;
  journalpost: NoarkJournalpost;
}

/** The entries in the period, in journal order (year, then running number). */
export function journalRows(models: readonly NoarkSaksmappe[], from: string, to: string): Row[] {
  return models
    .flatMap((saksmappe) => saksmappe.journalposter.map((journalpost) => ({ saksmappe, journalpost })))
    .filter(({ journalpost }) => journalpost.journaldato >= from && journalpost.journaldato <= to)
    .sort(
      (a, b) =>
        a.journalpost.journalaar - b.journalpost.journalaar || a.journalpost.journalsekvensnummer - b.journalpost.journalsekvensnummer,
    );
}

/**
 * The journals allow one skjermingMetadata per unit where the arkivstruktur allows many; the
 * one that matters to a journal reader is what happens to the title.
 */
function titleScreening(skjerming: NoarkSkjerming | undefined): SkjermingMetadata | undefined {
  const all = skjerming?.skjermingMetadata ?? [];
  return all.find((m) => m.startsWith('Skjerming tittel')) ?? all[0];
}

/**
 * loependeJournal.xml (the internal running journal, full titles) or offentligJournal.xml (the
 * public one: only offentligTittel, screened correspondents' names replaced). Returns undefined
 * when no entry falls in the period: both schemas require at least one journalregistrering.
 */
export function buildJournal(kind: JournalFile, models: readonly NoarkSaksmappe[], ctx: JournalContext): string | undefined {
  const rows = journalRows(models, ctx.from, ctx.to);
  if (rows.length === 0) return undefined;
  const isPublic = kind === 'offentligJournal';
  const doc = create({ version: '1.0', encoding: 'UTF-8' });
  const root = doc.ele(NAMESPACE[kind], kind, {
    'xmlns:xsi': XSI_NAMESPACE,
    'xsi:schemaLocation': `${NAMESPACE[kind]} ${kind}.xsd`,
  });
  const head = root.ele('journalhode');
  leaf(head, 'journalStartDato', ctx.from);
  leaf(head, 'journalSluttDato', ctx.to);
  leaf(head, 'seleksjon', ctx.seleksjon);
  leaf(head, 'antallJournalposter', rows.length);
  const arkivskaper = head.ele('arkivskaper');
  leaf(arkivskaper, 'arkivskaperID', ctx.arkivskaper.arkivskaperID);
  leaf(arkivskaper, 'arkivskaperNavn', ctx.arkivskaper.arkivskaperNavn);

  for (const { saksmappe, journalpost } of rows) {
    const reg = root.ele('journalregistrering');
    const klasse = reg.ele('klasse');
    leaf(klasse, 'klasseID', ctx.klasse.klasseID);
    leaf(klasse, 'tittel', ctx.klasse.tittel);
    appendSaksmappe(reg, saksmappe, isPublic);
    appendJournalpost(reg, journalpost, saksmappe, isPublic);
  }
  return doc.end({ prettyPrint: true });
}

function appendSaksmappe(parent: XmlNode, saksmappe: NoarkSaksmappe, isPublic: boolean): void {
  const el = parent.ele('saksmappe');
  leaf(el, 'saksaar', saksmappe.saksaar);
  leaf(el, 'sakssekvensnummer', saksmappe.sakssekvensnummer);
  if (!isPublic) leaf(el, 'tittel', saksmappe.tittel);
  leaf(el, 'offentligTittel', saksmappe.offentligTittel);
  if (!isPublic) leaf(el, 'skjermingMetadata', titleScreening(saksmappe.skjerming));
}

function appendJournalpost(parent: XmlNode, jp: NoarkJournalpost, saksmappe: NoarkSaksmappe, isPublic: boolean): void {
  const el = parent.ele('journalpost');
  leaf(el, 'systemID', jp.systemID);
  leaf(el, 'journalaar', jp.journalaar);
  leaf(el, 'journalsekvensnummer', jp.journalsekvensnummer);
  leaf(el, 'journalpostnummer', jp.journalpostnummer);
  if (!isPublic) leaf(el, 'tittel', jp.tittel);
  leaf(el, 'offentligTittel', jp.offentligTittel);
  leaf(el, 'skjermingMetadata', titleScreening(jp.skjerming));
  leaf(el, 'journaldato', jp.journaldato);
  leaf(el, 'dokumentetsDato', jp.dokumentetsDato);
  // That an entry is exempt, and under which law, is itself public: the reader needs it to
  // ask for access.
  leaf(el, 'tilgangsrestriksjon', jp.skjerming?.tilgangsrestriksjon);
  leaf(el, 'skjermingshjemmel', jp.skjerming?.skjermingshjemmel);
  for (const part of correspondentsOf(jp, saksmappe)) {
    const screened = isNameScreened(part, jp);
    const kp = el.ele('korrespondansepart');
    leaf(kp, 'korrespondanseparttype', part.korrespondanseparttype);
    leaf(kp, 'korrespondansepartNavn', isPublic && screened ? SKJERMET_NAVN : part.korrespondansepartNavn);
    if (!isPublic && screened) {
      leaf(kp, 'skjermingMetadata', part.korrespondanseparttype === 'Avsender' ? 'Skjerming navn avsender' : 'Skjerming navn mottaker');
    }
  }
}
