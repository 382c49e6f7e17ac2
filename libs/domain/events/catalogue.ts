/** The whole catalogue: every event type and the schema version code writes today. */
import type { CaseEvent } from './case.events.js';
import type { SchoolEvent } from './school.events.js';
import type { StudentEvent } from './student.events.js';

export type AnyDomainEvent = SchoolEvent | StudentEvent | CaseEvent;
export type EventType = AnyDomainEvent['type'];
/** The data of one event type, e.g. `EventData<'MeetingHeld'>`. */
export type EventData<T extends EventType> = Extract<AnyDomainEvent, { type: T }>['data'];

/**
 * The version each type is written with now. Bump a number here together with the type's
 * `DomainEvent<…, N>` and register an upcaster from N-1 in `upcasters.ts`.
 */
export const CURRENT_SCHEMA_VERSIONS = {
  SchoolRegistered: 1,
  SchoolCalendarChanged: 1,
  ReviewHeld: 1,
  AnonymousConsultationRecorded: 1,
  StudentEnrolled: 1,
  StudentMoved: 1,
  AbsenceRegistered: 1,
  AbsenceCorrected: 1,
  AbsenceRetracted: 1,
  AbsenceDocumentationReceived: 1,
  ConcernRaisedManually: 1,
  ConcernOverrideWithdrawn: 1,
  ConcernLevelChanged: 1,
  StudentContactRecorded: 1,
  FollowUpStepCompleted: 1,
  FollowUpStepWaived: 1,
  CaseOpened: 1,
  ContactRecorded: 1,
  MeetingHeld: 1,
  MappingRecorded: 1,
  MeasureAgreed: 1,
  MeasureEvaluated: 1,
  ConsentGiven: 1,
  ConsentWithdrawn: 1,
  ReferralMade: 1,
  PhaseChanged: 1,
  ReturnPlanAgreed: 1,
  CaseClosed: 1,
  CaseReopened: 1,
  CaseDeposited: 1,
  CaseBlocked: 1,
  StudentErased: 1,
} as const satisfies Record<EventType, number>;

export const EVENT_TYPES = Object.keys(CURRENT_SCHEMA_VERSIONS) as EventType[];

export function isEventType(value: unknown): value is EventType {
  return typeof value === 'string' && Object.hasOwn(CURRENT_SCHEMA_VERSIONS, value);
}
