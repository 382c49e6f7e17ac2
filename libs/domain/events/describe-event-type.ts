/**
 * Plain-words labels for auditors and the history view, Norwegian (bokmål) first, then
 * English, in the plans' own vocabulary (see ../shared/domain/glossary.md).
 */
import type { EventType } from './catalogue.js';

export const EVENT_TYPE_LABELS: Readonly<Record<EventType, { nb: string; en: string }>> = {
  SchoolRegistered: { nb: 'Skole registrert', en: 'School registered' },
  SchoolCalendarChanged: { nb: 'Skoleruta endret', en: 'School calendar changed' },
  ReviewHeld: { nb: 'Gjennomgang av fravær holdt', en: 'Absence review held' },
  AnonymousConsultationRecorded: { nb: 'Anonym drøfting med PPT', en: 'Anonymous consultation with PPT' },
  StudentEnrolled: { nb: 'Elev innskrevet', en: 'Student enrolled' },
  StudentMoved: { nb: 'Elev flyttet', en: 'Student moved' },
  AbsenceRegistered: { nb: 'Fravær registrert', en: 'Absence registered' },
  AbsenceCorrected: { nb: 'Fravær korrigert', en: 'Absence corrected' },
  AbsenceRetracted: { nb: 'Fravær trukket tilbake', en: 'Absence retracted' },
  AbsenceDocumentationReceived: { nb: 'Dokumentasjon for fravær mottatt', en: 'Absence documentation received' },
  ConcernRaisedManually: { nb: 'Bekymringsnivå hevet manuelt', en: 'Concern level raised by hand' },
  ConcernOverrideWithdrawn: { nb: 'Manuelt bekymringsnivå trukket tilbake', en: 'Concern level set by hand withdrawn' },
  ConcernLevelChanged: { nb: 'Bekymringsnivå endret', en: 'Concern level changed' },
  StudentContactRecorded: { nb: 'Kontakt med hjemmet registrert', en: 'Contact recorded (outside a case)' },
  FollowUpStepCompleted: { nb: 'Oppfølgingstrinn utført', en: 'Follow-up step done' },
  FollowUpStepWaived: { nb: 'Oppfølgingstrinn ikke nødvendig', en: 'Follow-up step waived' },
  CaseOpened: { nb: 'Sak opprettet', en: 'Case opened' },
  ContactRecorded: { nb: 'Samtale registrert', en: 'Contact recorded' },
  MeetingHeld: { nb: 'Møte holdt', en: 'Meeting held' },
  MappingRecorded: { nb: 'Kartlegging registrert', en: 'Mapping recorded' },
  MeasureAgreed: { nb: 'Tiltak avtalt', en: 'Measure agreed' },
  MeasureEvaluated: { nb: 'Tiltak evaluert', en: 'Measure evaluated' },
  ConsentGiven: { nb: 'Samtykke gitt', en: 'Consent given' },
  ConsentWithdrawn: { nb: 'Samtykke trukket tilbake', en: 'Consent withdrawn' },
  ReferralMade: { nb: 'Henvisning sendt', en: 'Referral made' },
  PhaseChanged: { nb: 'Fase endret', en: 'Phase changed' },
  ReturnPlanAgreed: { nb: 'Tilbakeføringsplan avtalt', en: 'Return plan agreed' },
  CaseClosed: { nb: 'Sak avsluttet', en: 'Case closed' },
  CaseReopened: { nb: 'Sak gjenåpnet', en: 'Case reopened' },
  CaseDeposited: { nb: 'Sak avlevert til arkiv', en: 'Case deposited to the archive' },
  CaseBlocked: { nb: 'Sak sperret', en: 'Case blocked' },
  StudentErased: { nb: 'Personopplysninger slettet', en: 'Personal data erased' },
};

/** `describeEventType('MeetingHeld')` → 'Møte holdt / Meeting held'. Unknown types are returned as they are. */
export function describeEventType(type: string): string {
  const label = (EVENT_TYPE_LABELS as Record<string, { nb: string; en: string } | undefined>)[type];
  return label ? `${label.nb} / ${label.en}` : type;
}
