import type { Journalposttype, Korrespondanseparttype } from './noark-codes.js';

/**
 * How each kind of case record is journalled, so the mapper from case events does not have to
 * reinvent it. Internal notes (minutes, plans, evaluations) are "organinterne" documents;
 * a plan carries a follow-up (its evaluation date), the others do not. A consent comes in
 * from a guardian or the student; a referral goes out to the service.
 */
export interface JournalKind {
  journalposttype: Journalposttype;
  /** M083 (free text in Noark 5). */
  dokumenttype: string;
  /** The correspondent's role for this kind, when it has an outside one. */
  korrespondanseparttype?: Korrespondanseparttype;
  /** Public title stem: says what the document is, never who it is about. */
  offentligTittel: string;
}

export const JOURNAL_KINDS = {
  meetingMinutes: {
    journalposttype: 'Organinternt dokument uten oppfølging',
    dokumenttype: 'Møtereferat',
    offentligTittel: 'Referat fra møte om skolefravær',
  },
  contactNote: {
    journalposttype: 'Organinternt dokument uten oppfølging',
    dokumenttype: 'Samtalereferat',
    offentligTittel: 'Referat fra samtale om skolefravær',
  },
  mapping: {
    journalposttype: 'Organinternt dokument uten oppfølging',
    dokumenttype: 'Kartlegging',
    offentligTittel: 'Kartlegging av skolefravær',
  },
  measurePlan: {
    journalposttype: 'Organinternt dokument for oppfølging',
    dokumenttype: 'Tiltaksplan',
    offentligTittel: 'Tiltaksplan ved skolefravær',
  },
  evaluation: {
    journalposttype: 'Organinternt dokument uten oppfølging',
    dokumenttype: 'Evaluering',
    offentligTittel: 'Evaluering av tiltak ved skolefravær',
  },
  consent: {
    journalposttype: 'Inngående dokument',
    dokumenttype: 'Samtykkeerklæring',
    korrespondanseparttype: 'Avsender',
    offentligTittel: 'Samtykke til samarbeid om elev',
  },
  referral: {
    journalposttype: 'Utgående dokument',
    dokumenttype: 'Henvisning',
    korrespondanseparttype: 'Mottaker',
    offentligTittel: 'Henvisning av elev',
  },
  closing: {
    journalposttype: 'Organinternt dokument uten oppfølging',
    dokumenttype: 'Avslutningsnotat',
    offentligTittel: 'Avslutning av oppfølging av skolefravær',
  },
} as const satisfies Record<string, JournalKind>;

export type JournalKindName = keyof typeof JOURNAL_KINDS;
