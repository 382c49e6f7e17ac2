/**
 * Events of the `student-<id>` stream. Enrolment lives here (not on the school stream):
 * the student stream is where absences are decided, and deciding them needs the school id
 * (for its calendar) without reading a second stream.
 */
import type { DomainEvent } from './event.js';
import type {
  AbsenceKind,
  ConcernLevel,
  ConcernTrigger,
  ContactChannel,
  ContactParty,
  ErasureBasis,
  ManualConcernLevel,
} from './values.js';

export type StudentEnrolled = DomainEvent<
  'StudentEnrolled',
  {
    readonly studentId: string;
    readonly schoolId: string;
    readonly name: string;
    /** 1..10 (grunnskole). */
    readonly grade: number;
    /** The class/group id teachers' tokens carry in `groups`. */
    readonly group: string;
    /** YYYY-MM-DD; a student's own consent counts from 15 (plans.md, "Consent"). Optional. */
    readonly birthDate?: string;
  },
  1
>;

/**
 * The student moved to another group or grade (a new school year) or another school, from `on`
 * (api.md, People and classes: moves). The placement before it is kept (`from`), so what came
 * before stays with the dates it held.
 */
export type StudentMoved = DomainEvent<
  'StudentMoved',
  {
    readonly studentId: string;
    readonly on: string;
    readonly schoolId: string;
    readonly grade: number;
    readonly group: string;
    readonly from: { readonly schoolId: string; readonly grade: number; readonly group: string };
  },
  1
>;

/** The fields of a registration that a correction may change. */
export interface AbsenceFields {
  readonly date: string;
  readonly kind: AbsenceKind;
  /** Only for `lesson`: how many single lessons (≥ 1). */
  readonly lessons?: number;
  readonly subject?: string;
  /** Only for `late` and `left-early` (≥ 1). */
  readonly minutes?: number;
  readonly documented: boolean;
  readonly reportedByGuardian: boolean;
  /** Why the student was away, as told; not the reason for a correction. */
  readonly reason?: string;
}

export type AbsenceRegistered = DomainEvent<
  'AbsenceRegistered',
  { readonly studentId: string; readonly absenceId: string } & AbsenceFields,
  1
>;

/**
 * Values of changed fields. `null` means the field was removed (e.g. `lessons` when a
 * lesson absence is corrected into a day absence).
 */
export type AbsenceFieldChanges = { readonly [K in keyof AbsenceFields]?: AbsenceFields[K] | null };

/**
 * A registration was corrected. `changes` holds the new values and `previous` the old
 * ones of exactly the same keys, so a Noark change log (endringslogg) can show old → new.
 * `reason` is why it was corrected; `on` the day it was corrected.
 */
export type AbsenceCorrected = DomainEvent<
  'AbsenceCorrected',
  {
    readonly studentId: string;
    readonly absenceId: string;
    readonly changes: AbsenceFieldChanges;
    readonly previous: AbsenceFieldChanges;
    readonly reason: string;
    readonly on: string;
  },
  1
>;

/** A registration was withdrawn as wrong. Nothing is deleted; it no longer counts. */
export type AbsenceRetracted = DomainEvent<
  'AbsenceRetracted',
  { readonly studentId: string; readonly absenceId: string; readonly reason: string; readonly on: string },
  1
>;

/** Documentation (e.g. a doctor's note) arrived: the absence is now documented. */
export type AbsenceDocumentationReceived = DomainEvent<
  'AbsenceDocumentationReceived',
  { readonly studentId: string; readonly absenceId: string; readonly on: string; readonly note?: string },
  1
>;

/**
 * Staff raised the concern level by hand (plans.md: "Staff can also raise a level by hand").
 * `overrideId` names it for a withdrawal (absent on raises recorded before withdrawals existed,
 * which can therefore not be withdrawn); `until` is the last date it holds.
 */
export type ConcernRaisedManually = DomainEvent<
  'ConcernRaisedManually',
  {
    readonly studentId: string;
    readonly level: ManualConcernLevel;
    readonly reason: string;
    readonly on: string;
    readonly overrideId?: string;
    readonly until?: string;
  },
  1
>;

/** A level raised by hand is withdrawn from `on`: the plan's rules alone decide again. */
export type ConcernOverrideWithdrawn = DomainEvent<
  'ConcernOverrideWithdrawn',
  { readonly studentId: string; readonly overrideId: string; readonly reason: string; readonly on: string },
  1
>;

/**
 * A contact with the home or the student outside any case (api.md, Absence): the call home
 * about today's unreported absence. It fulfils the plan steps a contact fulfils.
 */
export type StudentContactRecorded = DomainEvent<
  'StudentContactRecorded',
  {
    readonly studentId: string;
    readonly contactId: string;
    readonly with: ContactParty;
    readonly channel: ContactChannel;
    readonly at: string;
    readonly summary: string;
    readonly absenceIds?: readonly string[];
  },
  1
>;

/**
 * A follow-up step marked done by hand (api.md, Read models: completion), for steps no other
 * record fulfils. `occurrence` is the step's occurrence key (`stepId@trigger`), which the task id hashes.
 */
export type FollowUpStepCompleted = DomainEvent<
  'FollowUpStepCompleted',
  {
    readonly studentId: string;
    readonly taskId: string;
    readonly stepId: string;
    readonly occurrence: string;
    readonly on: string;
    readonly note?: string;
  },
  1
>;

/** A school leader judged a follow-up step not needed here, with the reason (api.md: waiver). */
export type FollowUpStepWaived = DomainEvent<
  'FollowUpStepWaived',
  {
    readonly studentId: string;
    readonly taskId: string;
    readonly stepId: string;
    readonly occurrence: string;
    readonly on: string;
    readonly reason: string;
  },
  1
>;

/**
 * What moved a level (api.md, Absence: concern history): a registration (or its correction), time
 * alone (a window moving on, a school year ending, an override running out), a case (a phase a
 * plan's rule reads), or an override raised or withdrawn.
 */
export const CONCERN_CAUSES = ['registration', 'time', 'case', 'override'] as const;
export type ConcernCause = (typeof CONCERN_CAUSES)[number];

/**
 * The system recorded a new concern level, computed by the concern engine as of `asOf`.
 * Which event caused the evaluation is the envelope's `causationId`; `cause` says what kind of
 * thing it was (absent on changes recorded before causes were: read them from the causing event).
 */
export type ConcernLevelChanged = DomainEvent<
  'ConcernLevelChanged',
  {
    readonly studentId: string;
    readonly from: ConcernLevel;
    readonly to: ConcernLevel;
    readonly triggers: readonly ConcernTrigger[];
    readonly asOf: string;
    readonly cause?: ConcernCause;
  },
  1
>;

/**
 * The student's personal data was erased (api.md, Privacy: `POST /students/:id/erasure`): the
 * student's key is destroyed, so every personal field of every event reads "[slettet]". This
 * event itself holds no personal data: the legal basis is a code, and the reason (the request's
 * reference, e.g. an archive case number) is refused when it names the student.
 */
export type StudentErased = DomainEvent<
  'StudentErased',
  {
    readonly studentId: string;
    readonly erasureId: string;
    readonly legalBasis: ErasureBasis;
    readonly reason: string;
    readonly on: string;
  },
  1
>;

export type StudentEvent =
  | StudentEnrolled
  | StudentErased
  | StudentMoved
  | AbsenceRegistered
  | AbsenceCorrected
  | AbsenceRetracted
  | AbsenceDocumentationReceived
  | ConcernRaisedManually
  | ConcernOverrideWithdrawn
  | ConcernLevelChanged
  | StudentContactRecorded
  | FollowUpStepCompleted
  | FollowUpStepWaived;
