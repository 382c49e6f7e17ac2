export type { DomainEvent } from './event.js';
export * from './values.js';
export { CONCERN_CAUSES } from './student.events.js';
export type { SchoolRegistered, SchoolCalendarChanged, ReviewHeld, AnonymousConsultationRecorded, SchoolEvent } from './school.events.js';
export type {
  StudentEnrolled,
  StudentMoved,
  AbsenceFields,
  AbsenceFieldChanges,
  AbsenceRegistered,
  AbsenceCorrected,
  AbsenceRetracted,
  AbsenceDocumentationReceived,
  ConcernRaisedManually,
  ConcernOverrideWithdrawn,
  ConcernLevelChanged,
  ConcernCause,
  StudentContactRecorded,
  FollowUpStepCompleted,
  FollowUpStepWaived,
  StudentErased,
  StudentEvent,
} from './student.events.js';
export type {
  CaseOpened,
  ContactRecorded,
  MeetingHeld,
  MappingRecorded,
  MeasureAgreed,
  MeasureEvaluated,
  ConsentGiven,
  ConsentWithdrawn,
  ReferralMade,
  PhaseChanged,
  ReturnPlanAgreed,
  CaseClosed,
  CaseReopened,
  CaseDeposited,
  CaseBlocked,
  CaseEvent,
} from './case.events.js';
export { CURRENT_SCHEMA_VERSIONS, EVENT_TYPES, isEventType } from './catalogue.js';
export type { AnyDomainEvent, EventType, EventData } from './catalogue.js';
export { streamName, schoolStream, studentStream, caseStream, parseStreamName, STREAM_CATEGORIES } from './stream-name.js';
export type { StreamCategory } from './stream-name.js';
export { describeEventType, EVENT_TYPE_LABELS } from './describe-event-type.js';
export { createUpcasterRegistry, upcast, toDomainEvent, eventUpcasters, UPCASTERS, UpcastError } from './upcast.js';
export type { Upcaster, UpcasterRegistry } from './upcast.js';
export { PERSONAL_FIELDS, ERASED_TEXT, personalDataSubject } from './personal-fields.js';
export type { PersonalDataSubject } from './personal-fields.js';
