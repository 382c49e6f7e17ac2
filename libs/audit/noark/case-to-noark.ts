import type { Actor, StoredEvent } from '#event-store/event-store.port.js';
import type {
  CaseEvent,
  ConsentPurpose,
  ConsentRelation,
  ContactChannel,
  EvaluationOutcome,
  MappingDomain,
  MeetingType,
  ReferralTarget,
} from '#domain/events/index.js';
import { absenceCorrectionChanges } from './absence-corrections.js';
import { JOURNAL_KINDS, type JournalKind } from './journal-kinds.js';
import { nameBasedUuid } from '#event-store/name-based-uuid.js';
import type { Journalstatus, Saksstatus } from './noark-codes.js';
import {
  SKJERMING_JOURNALPOST,
  SKJERMING_SAKSMAPPE,
  type NoarkEndring,
  type NoarkJournalpost,
  type NoarkKorrespondansepart,
  type NoarkSaksmappe,
  type NoarkSkjerming,
} from './noark-model.js';

/** What the Noark model needs that the case stream does not hold. */
export interface CaseNoarkContext {
  /** The school's name: administrativEnhet, and the public titles' "elev ved …". */
  schoolName: string;
  /** The student's name: internal titles, the case's party, and the first screened words. */
  studentName: string;
  /** The student's class (e.g. '9B'), shown in the internal case title. */
  studentGroup?: string;
  /** More names to keep out of public fields (guardians known from elsewhere). */
  screenedNames?: readonly string[];
  /** M011/M012. Default: the year the case was opened and the global position of its first event. */
  saksnummer?: { saksaar: number; sakssekvensnummer: number };
  /** M306. Default: whoever opened the case. */
  saksansvarlig?: string;
  /** How an actor is written in opprettetAv/endretAv. Default: role in Norwegian and id. */
  actorName?: (actor: Actor) => string;
  /**
   * `AbsenceCorrected` events of the case's student (from the student's stream) that this case
   * file journals: each changed field becomes an entry of its change log (endringslogg), with
   * the old and the new value. See `assignCorrectionsToCases` when a student has several cases.
   */
  absenceCorrections?: readonly StoredEvent[];
}

const ROLE_NAMES: Record<string, string> = {
  admin: 'administrator',
  teacher: 'faglærer',
  'contact-teacher': 'kontaktlærer',
  'school-leader': 'skoleledelse',
  'student-services': 'elevtjeneste',
  ppt: 'PPT',
  municipality: 'kommune',
  auditor: 'revisor',
};

function defaultActorName(actor: Actor): string {
  return `${ROLE_NAMES[actor.role] ?? actor.role} (${actor.id})`;
}

const MEETING_NAMES: Record<MeetingType, string> = {
  'presence-meeting': 'nærværsmøte',
  'shared-understanding': 'møte om felles forståelse',
  'resource-team': 'møte i ressursteamet',
  interdisciplinary: 'tverrfaglig møte',
  evaluation: 'evalueringsmøte',
  other: 'møte',
};

/** The services as correspondents. Names of services, never of people. */
const SERVICE_NAMES: Record<ReferralTarget, string> = {
  ppt: 'PPT',
  bup: 'BUP',
  barnevern: 'Barneverntjenesten',
  'school-nurse': 'Helsesykepleier',
  gp: 'Fastlege',
  other: 'Annen instans',
};

const CONSENT_PURPOSES: Record<ConsentPurpose, string> = {
  ppt: 'samarbeid med PPT',
  stafettlogg: 'bruk av stafettlogg',
  bup: 'samarbeid med BUP',
  'school-nurse': 'samarbeid med helsesykepleier',
  gp: 'samarbeid med fastlege',
  other: 'samarbeid med andre',
};

const CHANNELS: Record<ContactChannel, string> = {
  phone: 'telefon',
  meeting: 'møte',
  message: 'melding',
  'home-visit': 'hjemmebesøk',
};

const OUTCOMES: Record<EvaluationOutcome, string> = {
  resolved: 'løst',
  progressing: 'i bedring',
  'try-other-measures': 'prøv andre tiltak',
  'external-help-needed': 'trenger hjelp utenfra',
};

const DOMAINS: Record<MappingDomain, string> = {
  individual: 'Individ',
  family: 'Familie',
  social: 'Sosialt',
  school: 'Skole',
  community: 'Nærmiljø',
  society: 'Samfunn',
};

const RELATIONS: Record<ConsentRelation, string> = { guardian: 'foresatt', student: 'elev' };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Noark wants UUID systemIDs; ids that are not one get a stable UUID derived from them. */
function asUuid(id: string, kind: string): string {
  return UUID.test(id) ? id.toLowerCase() : nameBasedUuid(`${kind}/${id}`);
}

/**
 * The calendar day in Norway of an instant, or the day of a date. The journal date is the day
 * the school journalled the entry, and a record made at 00:30 Oslo time is made that day, not
 * the UTC day before.
 */
function osloDate(dateOrInstant: string): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(dateOrInstant)) return dateOrInstant;
  const instant = new Date(dateOrInstant);
  if (Number.isNaN(instant.getTime())) return dateOrInstant.slice(0, 10);
  return new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Oslo', year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant);
}

/** Name words (split on spaces and hyphens) to screen. */
/**
 * Every word the public titles are made of, besides the school's name. Public titles are built
 * only from this fixed wording, so a name word that is also one of these ("til", "Elev") cannot
 * be told apart from the wording by a word check; screening it would only refuse the export.
 */
const PUBLIC_TITLE_WORDS: ReadonlySet<string> = new Set(
  [
    ...Object.values(JOURNAL_KINDS).map((k) => k.offentligTittel),
    ...Object.values(SERVICE_NAMES),
    'Tilbaketrekking av samtykke',
    'Plan for tilbakeføring til skolen',
    'Oppfølging av skolefravær – elev ved',
    'Henvisning Konsultasjon til',
  ]
    .flatMap((phrase) => phrase.split(/[\s–-]+/u))
    .filter((w) => w.length > 0)
    .map((w) => w.toLocaleLowerCase('nb')),
);

function nameWords(name: string): string[] {
  return name.split(/[\s-]+/u).filter((w) => w.length > 1);
}

type Data<T extends CaseEvent['type']> = Extract<CaseEvent, { type: T }>['data'];

interface Draft {
  event: StoredEvent;
  kind: JournalKind;
  tittel: string;
  dokumentetsDato: string;
  tekst: string;
  korrespondanseparter?: NoarkKorrespondansepart[];
  skjerming?: NoarkSkjerming;
  journalstatus?: Journalstatus;
}

/** Only the title's names are screened when the correspondent is a service rather than a person. */
const SKJERMING_TITTEL_ONLY: NoarkSkjerming = {
  ...SKJERMING_JOURNALPOST,
  skjermingMetadata: ['Skjerming tittel registrering - utvalgte ord'],
};

/**
 * A case's history (its stream as stored, oldest first, data at the current schema version)
 * as the neutral Noark model: every record that is a document (contacts, meeting minutes,
 * mappings, measure plans, evaluations, consents and their withdrawal, referrals, return plans,
 * the closing note) becomes a journalpost, and every change of the case's status after it was
 * first opened goes to the change log.
 */
export function caseToNoark(history: readonly StoredEvent[], context: CaseNoarkContext): NoarkSaksmappe {
  const opened = history.find((e) => e.type === 'CaseOpened');
  if (!opened) throw new Error('caseToNoark: the history has no CaseOpened event');
  const openedData = opened.data as Data<'CaseOpened'>;
  const actorName = context.actorName ?? defaultActorName;
  const systemID = asUuid(openedData.caseId, 'case');
  const student = context.studentName;
  const consentGivers = new Map<string, string>();
  const screened = new Set([...nameWords(student), ...(context.screenedNames ?? []).flatMap(nameWords)]);
  const drafts: Draft[] = [];
  const endringer: NoarkEndring[] = [];
  let status: Saksstatus = 'Under behandling';
  let closedBy: StoredEvent | undefined;

  for (const event of history) {
    switch (event.type) {
      case 'ContactRecorded': {
        const d = event.data as Data<'ContactRecorded'>;
        const who = d.with === 'guardian' ? 'foresatte' : 'eleven';
        drafts.push({
          event,
          kind: JOURNAL_KINDS.contactNote,
          tittel: `Samtale med ${who} – ${student}`,
          dokumentetsDato: osloDate(d.at),
          tekst: [
            `Samtale med ${who} (${CHANNELS[d.channel]}), ${d.at}.`,
            d.summary,
            d.studentView ? `Elevens stemme: ${d.studentView}` : '',
          ]
            .filter(Boolean)
            .join('\n'),
        });
        break;
      }
      case 'MeetingHeld': {
        const d = event.data as Data<'MeetingHeld'>;
        // Participants outside the school's staff roles are the family and the student: their
        // names must stay out of public fields like the student's.
        for (const p of d.participants) if (!(p.role in ROLE_NAMES)) for (const w of nameWords(p.name)) screened.add(w);
        drafts.push({
          event,
          kind: JOURNAL_KINDS.meetingMinutes,
          tittel: `Referat fra ${MEETING_NAMES[d.type]} – ${student}`,
          dokumentetsDato: osloDate(d.heldAt),
          tekst: [
            `Referat fra ${MEETING_NAMES[d.type]} ${d.heldAt}.`,
            `Til stede: ${d.participants.map((p) => `${p.name} (${p.role})`).join(', ')}.`,
            d.minutes,
            d.studentView ? `Elevens stemme: ${d.studentView}` : '',
          ]
            .filter(Boolean)
            .join('\n'),
        });
        break;
      }
      case 'MappingRecorded': {
        const d = event.data as Data<'MappingRecorded'>;
        const domains = (Object.entries(d.domains) as [MappingDomain, string][]).map(([domain, text]) => `${DOMAINS[domain]}: ${text}`);
        drafts.push({
          event,
          kind: JOURNAL_KINDS.mapping,
          tittel: `Kartlegging – ${student}`,
          dokumentetsDato: osloDate(d.on),
          tekst: [d.summary, ...domains].join('\n'),
        });
        break;
      }
      case 'MeasureAgreed': {
        const d = event.data as Data<'MeasureAgreed'>;
        drafts.push({
          event,
          kind: JOURNAL_KINDS.measurePlan,
          tittel: `Tiltaksplan – ${student}`,
          dokumentetsDato: osloDate(d.startsOn),
          tekst: `Tiltak: ${d.description}\nAnsvarlig: ${d.responsible.name} (${d.responsible.role})\nFra: ${d.startsOn}\nEvalueres innen: ${d.evaluateBy}`,
        });
        break;
      }
      case 'MeasureEvaluated': {
        const d = event.data as Data<'MeasureEvaluated'>;
        drafts.push({
          event,
          kind: JOURNAL_KINDS.evaluation,
          tittel: `Evaluering av tiltak – ${student}`,
          dokumentetsDato: osloDate(d.on),
          tekst: [`Resultat: ${OUTCOMES[d.outcome]}`, d.note, d.studentView ? `Elevens stemme: ${d.studentView}` : '']
            .filter(Boolean)
            .join('\n'),
        });
        break;
      }
      case 'ConsentGiven': {
        const d = event.data as Data<'ConsentGiven'>;
        consentGivers.set(d.consentId, d.givenBy.name);
        for (const w of nameWords(d.givenBy.name)) screened.add(w);
        drafts.push({
          event,
          kind: JOURNAL_KINDS.consent,
          tittel: `Samtykke fra ${d.givenBy.name} til ${CONSENT_PURPOSES[d.purpose]} – ${student}`,
          dokumentetsDato: osloDate(d.givenAt),
          tekst: `${d.givenBy.name} (${RELATIONS[d.givenBy.relation]}) samtykker til ${CONSENT_PURPOSES[d.purpose]}.\nMottakere: ${d.recipients.join(', ')}`,
          korrespondanseparter: [{ korrespondanseparttype: 'Avsender', korrespondansepartNavn: d.givenBy.name }],
        });
        break;
      }
      case 'ConsentWithdrawn': {
        const d = event.data as Data<'ConsentWithdrawn'>;
        const giver = consentGivers.get(d.consentId);
        drafts.push({
          event,
          kind: { ...JOURNAL_KINDS.consent, offentligTittel: 'Tilbaketrekking av samtykke' },
          tittel: `Samtykke trukket tilbake – ${student}`,
          dokumentetsDato: osloDate(d.at),
          tekst: ['Samtykket er trukket tilbake.', d.note ?? ''].filter(Boolean).join('\n'),
          ...(giver ? { korrespondanseparter: [{ korrespondanseparttype: 'Avsender' as const, korrespondansepartNavn: giver }] } : {}),
        });
        break;
      }
      case 'ReferralMade': {
        const d = event.data as Data<'ReferralMade'>;
        const service = SERVICE_NAMES[d.to];
        const what = d.kind === 'referral' ? 'Henvisning' : 'Konsultasjon';
        drafts.push({
          event,
          kind: { ...JOURNAL_KINDS.referral, offentligTittel: `${what} til ${service}` },
          tittel: `${what} til ${service} – ${student}`,
          dokumentetsDato: osloDate(d.at),
          tekst: `${what} til ${service}.\n${d.note}`,
          korrespondanseparter: [{ korrespondanseparttype: 'Mottaker', korrespondansepartNavn: service, administrativEnhet: service }],
          skjerming: SKJERMING_TITTEL_ONLY,
          // Sent when made: the referral leaves the school with the record.
          journalstatus: 'Ekspedert',
        });
        break;
      }
      case 'ReturnPlanAgreed': {
        const d = event.data as Data<'ReturnPlanAgreed'>;
        drafts.push({
          event,
          kind: { ...JOURNAL_KINDS.measurePlan, dokumenttype: 'Tilbakeføringsplan', offentligTittel: 'Plan for tilbakeføring til skolen' },
          tittel: `Tilbakeføringsplan – ${student}`,
          dokumentetsDato: osloDate(d.startsOn),
          tekst: `Mål:\n${d.goals.map((g) => `- ${g}`).join('\n')}\nNærværslos: ${d.presenceGuide.name} (${d.presenceGuide.role})\nFra: ${d.startsOn}`,
        });
        break;
      }
      case 'CaseClosed': {
        const d = event.data as Data<'CaseClosed'>;
        drafts.push({
          event,
          kind: JOURNAL_KINDS.closing,
          tittel: `Avslutning av sak – ${student}`,
          dokumentetsDato: osloDate(d.on),
          tekst: `Utfall: ${d.outcome}\n${d.note}`,
        });
        endringer.push(statusChange(event, status, 'Avsluttet'));
        status = 'Avsluttet';
        closedBy = event;
        break;
      }
      case 'CaseReopened': {
        endringer.push(statusChange(event, status, 'Under behandling'));
        status = 'Under behandling';
        closedBy = undefined;
        break;
      }
      default:
        // CaseOpened makes the file itself; PhaseChanged is the plan's stage, no Noark metadata.
        break;
    }
  }

  function statusChange(event: StoredEvent, from: Saksstatus, to: Saksstatus): NoarkEndring {
    return {
      referanseArkivenhet: systemID,
      referanseMetadata: 'saksstatus',
      endretDato: event.metadata.recordedAt,
      endretAv: actorName(event.metadata.actor),
      tidligereVerdi: from,
      nyVerdi: to,
    };
  }

  // Corrections of the student's registrations, journalled the way Noark's change log records them.
  endringer.push(...absenceCorrectionChanges(context.absenceCorrections ?? [], systemID, actorName));
  endringer.sort((a, b) => Date.parse(a.endretDato) - Date.parse(b.endretDato));

  const offentligTittel = `Oppfølging av skolefravær – elev ved ${context.schoolName}`;
  const journalposter = drafts.map((draft, i): NoarkJournalpost => {
    const { event, kind } = draft;
    const journaldato = osloDate(event.metadata.recordedAt);
    const by = actorName(event.metadata.actor);
    return {
      systemID: asUuid(event.id, 'event'),
      journalaar: Number(journaldato.slice(0, 4)),
      // The global position is unique and rises in commit order, as a journal's running number
      // must; unlike a paper journal's it does not restart each year.
      journalsekvensnummer: event.position,
      journalpostnummer: i + 1,
      journalposttype: kind.journalposttype,
      journalstatus: draft.journalstatus ?? 'Journalført',
      journaldato,
      dokumentetsDato: draft.dokumentetsDato,
      ...(kind.journalposttype === 'Inngående dokument' ? { mottattDato: event.metadata.recordedAt } : {}),
      ...(kind.journalposttype === 'Utgående dokument' ? { sendtDato: event.metadata.recordedAt } : {}),
      tittel: draft.tittel,
      offentligTittel: `${kind.offentligTittel} – elev ved ${context.schoolName}`,
      opprettetDato: event.metadata.recordedAt,
      opprettetAv: by,
      skjerming: draft.skjerming ?? SKJERMING_JOURNALPOST,
      korrespondanseparter: draft.korrespondanseparter ?? [],
      dokument: {
        dokumenttype: kind.dokumenttype,
        dokumentstatus: 'Dokumentet er ferdigstilt',
        tittel: draft.tittel,
        tekst: draft.tekst,
      },
    };
  });

  const openedOn = osloDate(openedData.openedOn);
  return {
    systemID,
    saksaar: context.saksnummer?.saksaar ?? Number(openedOn.slice(0, 4)),
    sakssekvensnummer: context.saksnummer?.sakssekvensnummer ?? opened.position,
    tittel: `Oppfølging av skolefravær – ${student}${context.studentGroup ? `, ${context.studentGroup}` : ''}`,
    offentligTittel,
    opprettetDato: opened.metadata.recordedAt,
    opprettetAv: actorName(opened.metadata.actor),
    ...(closedBy ? { avsluttetDato: closedBy.metadata.recordedAt, avsluttetAv: actorName(closedBy.metadata.actor) } : {}),
    saksdato: openedOn,
    administrativEnhet: context.schoolName,
    saksansvarlig: context.saksansvarlig ?? actorName(opened.metadata.actor),
    saksstatus: status,
    skjerming: SKJERMING_SAKSMAPPE,
    parter: [
      { partNavn: student, partRolle: 'Elev' },
      ...[...new Set(consentGivers.values())].map((name) => ({ partNavn: name, partRolle: 'Samtykkegiver' })),
    ],
    skjermedeOrd: [...screened].filter((w) => !PUBLIC_TITLE_WORDS.has(w.toLocaleLowerCase('nb'))),
    journalposter,
    endringer,
  };
}
