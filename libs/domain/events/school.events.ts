/** Events of the `school-<id>` stream. */
import type { DomainEvent } from './event.js';
import type { PersonRef, SchoolLevel, SchoolYear } from './values.js';

/** An admin set up a school with the plan it follows (planId + the version adopted). */
export type SchoolRegistered = DomainEvent<
  'SchoolRegistered',
  {
    readonly schoolId: string;
    readonly name: string;
    readonly municipalityId: string;
    readonly level: SchoolLevel;
    readonly planId: string;
    readonly planVersion: number;
    readonly schoolYear: SchoolYear;
  },
  1
>;

/**
 * The school year or its breaks changed (a new year, a moved break). `previous` keeps the
 * old calendar so the change log shows old → new. Absences registered earlier stay as they
 * are: they were checked against the calendar valid when they were recorded.
 */
export type SchoolCalendarChanged = DomainEvent<
  'SchoolCalendarChanged',
  {
    readonly schoolId: string;
    readonly schoolYear: SchoolYear;
    readonly previous: SchoolYear;
    readonly reason: string;
  },
  1
>;

/**
 * A routine review of absence was held (plans.md, "Review routines"): Hemsedal's trinntid, Bergen's
 * weekly review and monthly report, Bærum's monthly and termly reviews. `groupId` for a routine held
 * per group; `studentIds` the students discussed, when the minutes name them.
 */
export type ReviewHeld = DomainEvent<
  'ReviewHeld',
  {
    readonly schoolId: string;
    readonly reviewId: string;
    readonly routineId: string;
    readonly heldOn: string;
    readonly groupId?: string;
    readonly participants: readonly PersonRef[];
    readonly minutes: string;
    readonly studentIds?: readonly string[];
  },
  1
>;

/**
 * A consultation with PPT about a student who is not named (plans.md, "PPT's table": anonymous
 * consultations count as consulted; no student, so no consent). Recorded on the school's stream.
 */
export type AnonymousConsultationRecorded = DomainEvent<
  'AnonymousConsultationRecorded',
  {
    readonly schoolId: string;
    readonly consultationId: string;
    readonly schoolLevel: 'barneskole' | 'ungdomsskole';
    readonly at: string;
    readonly note?: string;
  },
  1
>;

export type SchoolEvent = SchoolRegistered | SchoolCalendarChanged | ReviewHeld | AnonymousConsultationRecorded;
