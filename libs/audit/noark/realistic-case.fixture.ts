import { JOURNAL_KINDS, type JournalKindName } from './journal-kinds.js';
import {
  SKJERMING_JOURNALPOST,
  SKJERMING_SAKSMAPPE,
  type NoarkJournalpost,
  type NoarkKorrespondansepart,
  type NoarkSaksmappe,
  type NoarkSkjerming,
} from './noark-model.js';

/**
 * Test data: one student's absence case at a nynorsk school as the case mapper would hand it
 * over, with Norwegian letters in names, titles and texts. Names are fictitious.
 */

export const SCHOOL = 'Bø skule';
export const STUDENT = 'Ingrid Åsheim Bakken';
export const GUARDIAN = 'Pål Ødegård';
/** Every word that names the student or a guardian. */
export const SCREENED_WORDS = ['Ingrid', 'Åsheim', 'Bakken', 'Pål', 'Ødegård'];

const CONTACT_TEACHER = 'Kari Nordbø (kontaktlærar)';

interface EntrySpec {
  id: string;
  kind: JournalKindName;
  date: string;
  seq: number;
  tittel: string;
  tekst: string;
  korrespondanseparter?: NoarkKorrespondansepart[];
  skjerming?: NoarkSkjerming;
}

function entry(spec: EntrySpec, journalpostnummer: number): NoarkJournalpost {
  const kind: { journalposttype: NoarkJournalpost['journalposttype']; dokumenttype: string; offentligTittel: string } =
    JOURNAL_KINDS[spec.kind];
  const at = `${spec.date}T14:30:00.000Z`;
  return {
    systemID: spec.id,
    journalaar: Number(spec.date.slice(0, 4)),
    journalsekvensnummer: spec.seq,
    journalpostnummer,
    journalposttype: kind.journalposttype,
    journalstatus: 'Journalført',
    journaldato: spec.date,
    dokumentetsDato: spec.date,
    ...(kind.journalposttype === 'Inngående dokument' ? { mottattDato: at } : {}),
    ...(kind.journalposttype === 'Utgående dokument' ? { sendtDato: at } : {}),
    tittel: spec.tittel,
    offentligTittel: `${kind.offentligTittel} – elev ved ${SCHOOL}`,
    opprettetDato: at,
    opprettetAv: CONTACT_TEACHER,
    forfatter: [CONTACT_TEACHER],
    skjerming: spec.skjerming ?? SKJERMING_JOURNALPOST,
    korrespondanseparter: spec.korrespondanseparter ?? [],
    dokument: {
      dokumenttype: kind.dokumenttype,
      dokumentstatus: 'Dokumentet er ferdigstilt',
      tittel: spec.tittel,
      tekst: spec.tekst,
    },
  };
}

export const CASE_ID = '3f2a9c64-5d1e-4b7a-9c0d-2e8f6a1b4c57';
export const MINUTES_ID = '0b6c1e2a-7f3d-4e59-8a14-6d2c9b0e3f71';

const ENTRIES: EntrySpec[] = [
  {
    id: MINUTES_ID,
    kind: 'meetingMinutes',
    date: '2026-01-14',
    seq: 412,
    tittel: `Referat frå nærværsmøte – ${STUDENT}, 9B`,
    tekst:
      `Nærværsmøte 14.01.2026. Til stades: ${STUDENT}, ${GUARDIAN} (føresett), ${CONTACT_TEACHER}.\n` +
      'Ingrid fortel at ho gruar seg til gymtimane og har vondt i magen om morgonen. ' +
      'Avtalt: kontaktlærar ringjer heim kvar måndag; Ingrid kan byrje dagen på grupperommet.\n' +
      'Elevens stemme: «Eg vil gjerne vere på skulen, men ikkje i garderoben.»',
  },
  {
    id: '5e0f7a3b-2c4d-4a8e-b1f6-9d3c7e2a0b48',
    kind: 'measurePlan',
    date: '2026-01-20',
    seq: 437,
    tittel: `Tiltaksplan for ${STUDENT}`,
    tekst:
      'Tiltak 1: Fleksibel oppstart på grupperommet, ansvarleg kontaktlærar, frå 21.01.2026, evaluerast innan 18.02.2026.\n' +
      'Tiltak 2: Eigen garderobe i gymtimane, ansvarleg faglærar i kroppsøving.',
  },
  {
    id: '8a1d4f6c-3b2e-4c7d-9e0a-5f8b2c6d1e93',
    kind: 'meetingMinutes',
    date: '2026-02-03',
    seq: 501,
    tittel: `Referat frå ressursteam – ${STUDENT}`,
    tekst: 'Ressursteamet drøfta saka. Fråværet held fram (12 heile dagar sidan 01.01.2026). Tilrår kontakt med PPT.',
  },
  {
    id: 'c4e7b2a9-6d1f-4e3c-8b5a-0f9d2e7c1a64',
    kind: 'consent',
    date: '2026-02-05',
    seq: 515,
    tittel: `Samtykke frå ${GUARDIAN} til tilvising til PPT for ${STUDENT}`,
    tekst: `Eg, ${GUARDIAN}, samtykkjer til at skulen tilviser ${STUDENT} til PPT og deler naudsynte opplysningar.`,
    korrespondanseparter: [{ korrespondanseparttype: 'Avsender', korrespondansepartNavn: GUARDIAN }],
  },
  {
    id: 'e9b3d5f1-0a2c-4d6e-a7f8-3c1b9e5d2a07',
    kind: 'referral',
    date: '2026-02-10',
    seq: 533,
    tittel: `Tilvising til PPT – ${STUDENT}, 9B`,
    tekst: `Skulen tilviser ${STUDENT} til PPT for utgreiing av skulefråvær. Samtykke frå føresette ligg ved.`,
    korrespondanseparter: [
      {
        korrespondanseparttype: 'Mottaker',
        korrespondansepartNavn: 'PPT Midt-Telemark',
        administrativEnhet: 'PPT Midt-Telemark',
      },
    ],
    // The recipient is a public service, not a person: only the title's names are screened.
    skjerming: { ...SKJERMING_JOURNALPOST, skjermingMetadata: ['Skjerming tittel registrering - utvalgte ord'] },
  },
  {
    id: '1f5c8e2d-4b7a-4c9e-b3d6-7a0e1c4f8b25',
    kind: 'evaluation',
    date: '2026-03-02',
    seq: 602,
    tittel: `Evaluering av tiltak for ${STUDENT}`,
    tekst: 'Evaluering: fråværet er redusert, tiltak 1 held fram. Resultat: «progressing» – tiltaka verkar delvis.',
  },
];

/** The open case as of early March 2026. */
export function realisticCase(overrides: Partial<NoarkSaksmappe> = {}): NoarkSaksmappe {
  return {
    systemID: CASE_ID,
    saksaar: 2026,
    sakssekvensnummer: 123,
    mappeID: '2026/123',
    tittel: `Oppfølging av skulefråvær – ${STUDENT}, 9B`,
    offentligTittel: `Oppfølging av skolefravær – elev ved ${SCHOOL}`,
    opprettetDato: '2026-01-12T08:15:00.000Z',
    opprettetAv: CONTACT_TEACHER,
    saksdato: '2026-01-12',
    administrativEnhet: SCHOOL,
    saksansvarlig: 'Rektor Øystein Haugland',
    saksstatus: 'Under behandling',
    skjerming: SKJERMING_SAKSMAPPE,
    parter: [
      { partNavn: STUDENT, partRolle: 'Elev' },
      { partNavn: GUARDIAN, partRolle: 'Føresett' },
    ],
    skjermedeOrd: SCREENED_WORDS,
    journalposter: ENTRIES.map((spec, i) => entry(spec, i + 1)),
    endringer: [
      {
        referanseArkivenhet: MINUTES_ID,
        referanseMetadata: 'dokumentetsDato',
        endretDato: '2026-01-15T07:45:00.000Z',
        endretAv: CONTACT_TEACHER,
        tidligereVerdi: '2026-01-13',
        nyVerdi: '2026-01-14',
      },
    ],
    ...overrides,
  };
}

/** A second, closed case at the same school, from the autumn term, with no changes. */
export function closedAutumnCase(): NoarkSaksmappe {
  const id = '6b9e2c4d-1a3f-4e8b-a5c7-0d2f4b6e8a19';
  const minutes = entry(
    {
      id: 'a2c4e6f8-1b3d-4f5a-8c7e-9d0b2a4c6e81',
      kind: 'meetingMinutes',
      date: '2025-10-07',
      seq: 1877,
      tittel: 'Referat frå samtale med føresette – Jonas Lie Sæther, 6A',
      tekst: 'Samtale med føresette om sein oppmøte. Avtale om vekkjarklokke og felles frukost.',
    },
    1,
  );
  const closing = entry(
    {
      id: 'b3d5f7a9-2c4e-4a6b-9d8f-0e1c3b5d7f92',
      kind: 'closing',
      date: '2025-12-12',
      seq: 2210,
      tittel: 'Avslutting av sak – Jonas Lie Sæther',
      tekst: 'Fråværet er normalisert. Saka vert avslutta etter evaluering.',
    },
    2,
  );
  return {
    systemID: id,
    saksaar: 2025,
    sakssekvensnummer: 88,
    tittel: 'Oppfølging av skulefråvær – Jonas Lie Sæther, 6A',
    offentligTittel: `Oppfølging av skolefravær – elev ved ${SCHOOL}`,
    opprettetDato: '2025-10-06T09:00:00.000Z',
    opprettetAv: CONTACT_TEACHER,
    avsluttetDato: '2025-12-12T13:00:00.000Z',
    avsluttetAv: 'Rektor Øystein Haugland',
    saksdato: '2025-10-06',
    administrativEnhet: SCHOOL,
    saksansvarlig: 'Rektor Øystein Haugland',
    saksstatus: 'Avsluttet',
    skjerming: SKJERMING_SAKSMAPPE,
    skjermedeOrd: ['Jonas', 'Lie', 'Sæther'],
    journalposter: [
      { ...minutes, journalstatus: 'Arkivert' },
      { ...closing, journalstatus: 'Arkivert' },
    ],
    endringer: [],
  };
}
