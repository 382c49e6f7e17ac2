/**
 * Which fields of each event are a child's personal data (api.md, Privacy of a child's data:
 * "names; free text: summaries, minutes, notes, reasons, the student's views, participants'
 * names"). As data: the event store encrypts exactly these under the student's key before the
 * event is hashed, and the record of processing (docs/behandlingsprotokoll.md) is generated from
 * this table, so the two cannot drift.
 *
 * A path is dot-separated; `[]` walks every element of an array, `*` every value of an object.
 * Only string leaves are encrypted; ids, dates, kinds, levels and counts stay readable, so
 * statistics, deadlines and the hash chain hold after a student's key is destroyed.
 *
 * School streams are not a student's: a review's minutes are about a class and an anonymous
 * consultation names nobody (plans.md, "Anonymous consultation").
 */
import type { EventType } from './catalogue.js';

export const PERSONAL_FIELDS = {
  SchoolRegistered: [],
  SchoolCalendarChanged: [],
  ReviewHeld: [],
  AnonymousConsultationRecorded: [],
  StudentEnrolled: ['name'],
  StudentMoved: [],
  AbsenceRegistered: ['reason'],
  AbsenceCorrected: ['reason', 'changes.reason', 'previous.reason'],
  AbsenceRetracted: ['reason'],
  AbsenceDocumentationReceived: ['note'],
  ConcernRaisedManually: ['reason'],
  ConcernOverrideWithdrawn: ['reason'],
  ConcernLevelChanged: [],
  StudentContactRecorded: ['summary'],
  FollowUpStepCompleted: ['note'],
  FollowUpStepWaived: ['reason'],
  StudentErased: [],
  CaseOpened: ['reason'],
  ContactRecorded: ['summary', 'studentView'],
  MeetingHeld: ['participants[].name', 'minutes', 'studentView'],
  MappingRecorded: ['domains.*', 'summary'],
  MeasureAgreed: ['description', 'responsible.name'],
  MeasureEvaluated: ['note', 'studentView'],
  ConsentGiven: ['recipients[]', 'givenBy.name'],
  ConsentWithdrawn: ['note'],
  ReferralMade: ['note'],
  PhaseChanged: ['reason'],
  ReturnPlanAgreed: ['goals[]', 'presenceGuide.name'],
  CaseClosed: ['outcome', 'note'],
  CaseReopened: ['reason'],
  CaseDeposited: [],
  CaseBlocked: ['reason'],
} as const satisfies Record<EventType, readonly string[]>;

/** What a personal field reads as once the student's key is destroyed (api.md). */
export const ERASED_TEXT = '[slettet]';

/**
 * Whose personal data an event of `stream` is: the student of a student stream, or of a case
 * stream the student its `CaseOpened` names (the event store looks that up). Null: nobody's.
 */
export type PersonalDataSubject = { student: string } | { caseOf: string } | null;

export function personalDataSubject(stream: string): PersonalDataSubject {
  if (stream.startsWith('student-') && stream.length > 8) return { student: stream.slice(8) };
  if (stream.startsWith('case-') && stream.length > 5) return { caseOf: stream.slice(5) };
  return null;
}
