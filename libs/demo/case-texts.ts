/**
 * Norwegian texts for generated case records. They name roles, never the student, so the
 * records read like real ones without putting a name into free text.
 */
import type { MappingDomain, MeetingType } from '#domain/events/index.js';
import type { Random } from './random.js';

export const DAY_REASONS = [
  'Syk',
  'Syk – omgangssyke',
  'Feber',
  'Hodepine',
  'Legetime',
  'Tannlege',
  'Familiebegivenhet',
  'Begravelse i familien',
  'Vondt i magen',
];
export const LESSON_REASONS = ['Legetime', 'Tannlege', 'Fysioterapi', 'Samtale med helsesykepleier', 'Kjeveortoped'];
export const LATE_REASONS = ['Forsinket buss', 'Forsov seg', 'Glemte gymtøy hjemme', 'Levering av søsken i barnehagen'];
export const LEFT_EARLY_REASONS = ['Legetime', 'Ble syk i løpet av dagen', 'Tannlege', 'Hentet av foresatte'];
export const SPELL_REASONS = ['Skolevegring', 'Angst knyttet til skolen', 'Langvarig sykdom', 'Vondt i magen om morgenen'];
export const SUBJECTS = [
  'Norsk',
  'Matematikk',
  'Engelsk',
  'Naturfag',
  'Samfunnsfag',
  'KRLE',
  'Kroppsøving',
  'Kunst og håndverk',
  'Musikk',
  'Mat og helse',
  'Fremmedspråk',
  'Valgfag',
];

export const CORRECTION_REASONS = {
  documented: 'Legeerklæring levert i etterkant',
  reportedByGuardian: 'Foresatte hadde meldt fraværet på forhånd',
  lessons: 'Feil antall timer registrert',
  minutes: 'Feil antall minutter registrert',
  kind: 'Eleven var borte hele dagen, ikke bare enkelttimer',
} as const;
export const RETRACTION_REASONS = ['Registrert på feil elev', 'Eleven var på ekskursjon med klassen', 'Dobbeltregistrering'];
export const DOCUMENTATION_NOTES = ['Legeerklæring mottatt', 'Bekreftelse fra tannlege', 'Melding fra helsestasjonen'];

const GUARDIAN_CONTACTS = [
  'Ringte foresatte om økende fravær. Foresatte kjenner seg igjen i bildet og ønsker samarbeid.',
  'Telefonsamtale med foresatte. Eleven har hatt vondt i magen om morgenen og vil ikke gå på skolen.',
  'Foresatte orientert om fraværet og om skolens handlingsplan. Avtalt møte neste uke.',
  'Melding sendt til foresatte om ugyldig fravær de siste ukene; foresatte ringte tilbake samme dag.',
  'Oppfølgingssamtale med foresatte. Fraværet er noe redusert, men morgenene er fortsatt vanskelige.',
];
const STUDENT_CONTACTS = [
  'Elevsamtale om trivsel og fravær. Eleven forteller om slitsomme morgener og lite søvn.',
  'Samtale med eleven i friminuttet. Eleven opplever friminuttene som vanskelige.',
  'Elevsamtale: eleven synes matematikk er tungt og gruer seg til prøver.',
  'Kort samtale med eleven om hvordan uka har gått; eleven er positiv til tiltakene.',
];
const STUDENT_VIEWS = [
  'Jeg vil gjerne komme, men det er vanskelig å komme meg ut døra om morgenen.',
  'Det hjelper at jeg vet hvem jeg skal gå til når jeg kommer.',
  'Jeg føler meg ikke som en del av klassen.',
  'Jeg sover dårlig og er trøtt når jeg skal på skolen.',
  'Det er best når dagen er forutsigbar.',
];
const MINUTES: Record<MeetingType, string[]> = {
  'presence-meeting': [
    'Nærværsmøte med elev, foresatte, kontaktlærer og avdelingsleder. Gjennomgang av fraværet siste måned. Enighet om tiltaksplan med evaluering om tre uker.',
    'Nærværsmøte: eleven beskriver uro før skoledagen. Avtalt fast oppmøte hos kontaktlærer første time og ukentlig kontakt med hjemmet.',
  ],
  'shared-understanding': [
    'Møte for felles forståelse. Skole og hjem er enige om at fraværet skyldes flere forhold. Samtykke til Stafettlogg drøftet.',
    'Felles forståelse: fraværet henger sammen med trivsel i klassen og søvn. Mål: full deltakelse de tre første timene hver dag.',
  ],
  'resource-team': [
    'Drøfting i ressursteamet med avdelingsleder og sosiallærer. Tiltakene har hatt begrenset effekt. Vurdere drøfting med PPT.',
    'Ressursteam: saken drøftet anonymt først, deretter med samtykke. Anbefaler tettere oppfølging og kontakt med helsesykepleier.',
  ],
  interdisciplinary: [
    'Tverrfaglig møte med PPT, helsesykepleier, foresatte og skolen. Ansvarsfordeling avklart; stafettholder er sosiallærer.',
    'Tverrfaglig møte: BUP orienterte om videre utredning. Skolen lager tilbakeføringsplan med nærværslos.',
  ],
  evaluation: [
    'Evalueringsmøte. Fraværet er redusert fra fire til én dag i uka. Tiltakene videreføres i tre nye uker.',
    'Evaluering av tiltakene: liten endring i fraværet. Avtalt nye tiltak og ny evaluering.',
  ],
  other: ['Oppfølgingsmøte med foresatte om skolehverdagen og veien videre.'],
};
const MAPPINGS: Record<MappingDomain, string[]> = {
  individual: ['Søvnvansker og uro om morgenen.', 'Lite mestring i teoretiske fag.', 'Hodepine og magesmerter uten kjent årsak.'],
  family: ['Endringer i familiesituasjonen det siste året.', 'Foresatte har turnusarbeid og går tidlig om morgenen.'],
  social: ['Opplever å stå utenfor i friminuttene.', 'Har mistet en nær venn som har flyttet.'],
  school: ['Gruer seg til muntlige fremføringer.', 'Klassemiljøet oppleves urolig.', 'Lang skolevei med buss.'],
  community: ['Lite fritidsaktiviteter etter skolen.', 'Trener fotball og trives der.'],
  society: ['Mye tid på skjerm sent på kvelden.'],
};
const MAPPING_SUMMARIES = [
  'Kartlegging etter tiltakssirkelen sammen med elev og foresatte.',
  'Kartlegging gjennomført; flere forhold virker sammen. Tiltak rettes mot skoledagens start og trivsel.',
];
const MEASURES = [
  'Fast oppmøte hos kontaktlærer første time hver dag',
  'Ukentlig samtale med sosiallærer',
  'Tilpasset timeplan de første ukene, med gradvis opptrapping',
  'Fast kontaktperson i friminuttene',
  'Daglig melding hjem om oppmøte',
  'Samtaler med helsesykepleier annenhver uke',
  'Leksehjelp to ettermiddager i uka',
];
const EVALUATION_NOTES = {
  resolved: ['Fraværet er tilbake på normalt nivå. Tiltaket avsluttes.', 'Eleven møter stabilt; tiltaket har virket.'],
  progressing: ['Fraværet går ned, men ikke nok. Tiltaket videreføres.', 'Positiv utvikling; fortsetter tre nye uker.'],
  'try-other-measures': [
    'Liten effekt. Prøver andre tiltak innad i skolen.',
    'Tiltaket har ikke virket; nye tiltak drøftes i ressursteamet.',
  ],
  'external-help-needed': [
    'Ingen bedring. Behov for hjelp utenfra, drøftes med PPT.',
    'Fraværet øker; skolen trenger bistand fra hjelpetjenestene.',
  ],
} as const;
const REFERRAL_NOTES = {
  ppt: ['Drøfting med PPT om skolefravær og læringsmiljø.', 'Henvisning til PPT for utredning av behov for tilrettelegging.'],
  bup: ['Henvisning til BUP via fastlege, med foresattes samtykke.'],
  barnevern: ['Bekymringsmelding til barneverntjenesten etter opplysningsplikten.'],
} as const;
const RETURN_GOALS = [
  'Delta første og andre time tre dager i uka',
  'Møte på skolen alle dager i to uker',
  'Full skoledag to dager i uka innen fire uker',
  'Delta i kroppsøving og i friminutt med fast voksen',
];

export const guardianContact = (r: Random): string => r.pick(GUARDIAN_CONTACTS);
export const studentContact = (r: Random): string => r.pick(STUDENT_CONTACTS);
export const studentView = (r: Random): string => r.pick(STUDENT_VIEWS);
export const meetingMinutes = (r: Random, type: MeetingType): string => r.pick(MINUTES[type]);
export const measureDescription = (r: Random): string => r.pick(MEASURES);
export const evaluationNote = (r: Random, outcome: keyof typeof EVALUATION_NOTES): string => r.pick(EVALUATION_NOTES[outcome]);
export const referralNote = (r: Random, to: keyof typeof REFERRAL_NOTES): string => r.pick(REFERRAL_NOTES[to]);
export const mappingSummary = (r: Random): string => r.pick(MAPPING_SUMMARIES);
export const returnGoals = (r: Random): string[] => [...new Set([r.pick(RETURN_GOALS), r.pick(RETURN_GOALS)])];

/** Two to four Tiltakssirkelen domains with findings. */
export function mappingDomains(r: Random): Partial<Record<MappingDomain, string>> {
  const domains = Object.keys(MAPPINGS) as MappingDomain[];
  const result: Partial<Record<MappingDomain, string>> = {};
  const wanted = r.int(2, 4);
  while (Object.keys(result).length < wanted) {
    const domain = r.pick(domains);
    result[domain] = r.pick(MAPPINGS[domain]);
  }
  return result;
}
