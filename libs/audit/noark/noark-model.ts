import type {
  Dokumentstatus,
  Journalposttype,
  Journalstatus,
  Korrespondanseparttype,
  Saksstatus,
  SkjermingMetadata,
  Tilgangsrestriksjon,
  TilknyttetRegistreringSom,
} from './noark-codes.js';

/**
 * The neutral journal model the Noark exports take. It knows nothing of the case events: a
 * mapper turns a case's history into one `NoarkSaksmappe`, and every export reads only this.
 *
 * Field names are the Noark 5 metadata names (M-numbers in the comments), so the mapping can be
 * checked against the metadatakatalog line by line. Dates (`…Dato` of type xs:date) are
 * `YYYY-MM-DD`; instants (xs:dateTime) are ISO 8601 in UTC, as the event store writes them.
 */

/** Skjerming (M500–M505): what is exempt from public access and why. */
export interface NoarkSkjerming {
  /** M500 */
  tilgangsrestriksjon: Tilgangsrestriksjon;
  /** M501, e.g. 'Offl. § 13 jf. fvl. § 13 første ledd nr. 1' */
  skjermingshjemmel: string;
  /** M502, at least one (the schema requires it). */
  skjermingMetadata: readonly SkjermingMetadata[];
  /** M503 */
  skjermingDokument?: 'Skjerming av hele dokumentet' | 'Skjerming av deler av dokumentet';
  /** M504, in years */
  skjermingsvarighet?: number;
  /** M505, date */
  skjermingOpphoererDato?: string;
}

/** A party to the case (M302–M303), e.g. the student ('Elev') and guardians ('Foresatt'). */
export interface NoarkPart {
  partNavn: string;
  partRolle: string;
}

/** Who a journal entry came from or went to (M087, M400 …). */
export interface NoarkKorrespondansepart {
  korrespondanseparttype: Korrespondanseparttype;
  korrespondansepartNavn: string;
  /** M305: the receiving/sending unit, e.g. 'PPT Bø kommune'. */
  administrativEnhet?: string;
  /** M307 */
  saksbehandler?: string;
}

/**
 * The document journalled with an entry. The export does not ship document files; it describes
 * one plain-text file per entry (`dokumentobjekt`) whose contents are `tekst`, so its checksum
 * and size can be recomputed from the model (see `documentFiles`).
 */
export interface NoarkDokument {
  /** M083: free text in Noark 5, e.g. 'Møtereferat', 'Tiltaksplan', 'Henvisning'. */
  dokumenttype: string;
  /** M054 */
  dokumentstatus: Dokumentstatus;
  /** M020 of the dokumentbeskrivelse. */
  tittel: string;
  /** The document's text: minutes, plan, note … The file is this text in UTF-8. */
  tekst: string;
  /** M217, default 'Hoveddokument'. */
  tilknyttetRegistreringSom?: TilknyttetRegistreringSom;
}

/** One journal entry (journalpost). */
export interface NoarkJournalpost {
  /** M001, UUID. A mapper can use the id of the event that recorded the document. */
  systemID: string;
  /** M013 */
  journalaar: number;
  /** M014: running number in the journal for the year. */
  journalsekvensnummer: number;
  /** M015: running number within the case file (1, 2, 3 …). */
  journalpostnummer: number;
  /** M082 */
  journalposttype: Journalposttype;
  /** M053 */
  journalstatus: Journalstatus;
  /** M101, date */
  journaldato: string;
  /** M103, date the document itself bears (a meeting's date, not when the minutes were typed). */
  dokumentetsDato?: string;
  /** M104, instant, for incoming documents. */
  mottattDato?: string;
  /** M105, instant, for outgoing documents. */
  sendtDato?: string;
  /** M020: internal title. May name people; it never reaches the public journal. */
  tittel: string;
  /** M025: public title. Must name no student: the export refuses one containing `skjermedeOrd`. */
  offentligTittel: string;
  /** M021 */
  beskrivelse?: string;
  /** M600, instant */
  opprettetDato: string;
  /** M601 */
  opprettetAv: string;
  /**
   * M604/M605. Default: `opprettetDato`/`opprettetAv`, because an entry is frozen in the event
   * store the moment it is recorded; there is no later archiving step.
   */
  arkivertDato?: string;
  arkivertAv?: string;
  /** M024 */
  forfatter?: readonly string[];
  skjerming?: NoarkSkjerming;
  /**
   * Senders/recipients. The journals (løpende and offentlig) require at least one per entry;
   * when this is empty the export names the case's `administrativEnhet` as 'Intern avsender'.
   */
  korrespondanseparter: readonly NoarkKorrespondansepart[];
  dokument: NoarkDokument;
}

/** One change to archived metadata, for endringslogg.xml (M680–M685). */
export interface NoarkEndring {
  /** M680: systemID of the changed unit (the saksmappe or a journalpost). */
  referanseArkivenhet: string;
  /** M681: the metadata element's name, e.g. 'dokumentetsDato'. */
  referanseMetadata: string;
  /** M682, instant */
  endretDato: string;
  /** M683 */
  endretAv: string;
  /** M684, non-empty */
  tidligereVerdi: string;
  /** M685, non-empty */
  nyVerdi: string;
}

/** One student's case file (saksmappe) with its journal entries and metadata changes. */
export interface NoarkSaksmappe {
  /** M001, UUID */
  systemID: string;
  /** M011 */
  saksaar: number;
  /** M012 */
  sakssekvensnummer: number;
  /** M003, default `${saksaar}/${sakssekvensnummer}` (e.g. '2026/123'). */
  mappeID?: string;
  /** M020: internal title. */
  tittel: string;
  /**
   * M025: public title naming no student, e.g. 'Oppfølging av skolefravær – elev ved Bø skule'.
   * Required here (optional in the schema) because every case is screened.
   */
  offentligTittel: string;
  /** M021 */
  beskrivelse?: string;
  /** M600, instant */
  opprettetDato: string;
  /** M601 */
  opprettetAv: string;
  /**
   * M602/M603, for a closed case. The schema makes both mandatory on every mappe, so for an
   * open case the export writes the extract's instant and maker: the file as it stood then.
   * `saksstatus` still says 'Under behandling'.
   */
  avsluttetDato?: string;
  avsluttetAv?: string;
  /** M100, date the case began. */
  saksdato: string;
  /** M305: the school. */
  administrativEnhet: string;
  /** M306 */
  saksansvarlig: string;
  /** M308 */
  journalenhet?: string;
  /** M052 */
  saksstatus: Saksstatus;
  skjerming?: NoarkSkjerming;
  /** The student and others the case is about (arkivstruktur only, never the journals). */
  parter?: readonly NoarkPart[];
  /**
   * Words that must never appear in a public field (offentligTittel, public correspondent
   * names, the whole offentlig journal): the student's and guardians' names. Matched as whole
   * words, ignoring case.
   */
  skjermedeOrd: readonly string[];
  journalposter: readonly NoarkJournalpost[];
  endringer: readonly NoarkEndring[];
}

/** The screening every student case gets: offentleglova § 13 with forvaltningsloven § 13 (1) nr. 1. */
export const SKJERMINGSHJEMMEL_ELEVSAK = 'Offl. § 13 jf. fvl. § 13 første ledd nr. 1';

/** Case file: the title's names are screened ("utvalgte ord"), as is the student as party. */
export const SKJERMING_SAKSMAPPE: NoarkSkjerming = {
  tilgangsrestriksjon: 'Unntatt offentlighet',
  skjermingshjemmel: SKJERMINGSHJEMMEL_ELEVSAK,
  skjermingMetadata: ['Skjerming tittel mappe - utvalgte ord', 'Skjerming navn part i sak'],
};

/** Journal entry: names in the title and outside senders/recipients are screened, and the document. */
export const SKJERMING_JOURNALPOST: NoarkSkjerming = {
  tilgangsrestriksjon: 'Unntatt offentlighet',
  skjermingshjemmel: SKJERMINGSHJEMMEL_ELEVSAK,
  skjermingMetadata: ['Skjerming tittel registrering - utvalgte ord', 'Skjerming navn avsender', 'Skjerming navn mottaker'],
  skjermingDokument: 'Skjerming av hele dokumentet',
};
