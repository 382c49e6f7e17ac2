/** Commands of the `school-<id>` stream. */
import type { Command } from '../shared/decider.js';
import type { SchoolLevel, SchoolYear } from '../events/values.js';

/**
 * POST /schools. `planVersion` is the version of the plan the school adopts, looked up by
 * the application in the plan library (this decider does not import plans).
 */
export type RegisterSchool = Command<
  'RegisterSchool',
  {
    readonly schoolId: string;
    readonly name: string;
    readonly municipalityId: string;
    readonly level: SchoolLevel;
    readonly planId: string;
    readonly planVersion: number;
    readonly schoolYear: { readonly start: string; readonly end: string; readonly breaks?: SchoolYear['breaks'] };
  }
>;

/** Replace the school year and its breaks (a new year, a moved break). */
export type ChangeSchoolCalendar = Command<
  'ChangeSchoolCalendar',
  {
    readonly schoolId: string;
    readonly schoolYear: { readonly start: string; readonly end: string; readonly breaks?: SchoolYear['breaks'] };
    readonly reason: string;
  }
>;

/** POST /schools/:schoolId/reviews: a routine review held. */
export type RecordReview = Command<
  'RecordReview',
  {
    readonly schoolId: string;
    readonly reviewId: string;
    readonly routineId: string;
    readonly heldOn: string;
    readonly groupId?: string;
    readonly participants: readonly { readonly name: string; readonly role: string }[];
    readonly minutes: string;
    readonly studentIds?: readonly string[];
  }
>;

/** POST /municipalities/:municipalityId/ppt-consultations: an anonymous consultation with PPT. */
export type RecordAnonymousConsultation = Command<
  'RecordAnonymousConsultation',
  {
    readonly schoolId: string;
    readonly consultationId: string;
    readonly schoolLevel: string;
    readonly at: string;
    readonly note?: string;
  }
>;

export type SchoolCommand = RegisterSchool | ChangeSchoolCalendar | RecordReview | RecordAnonymousConsultation;

export interface SchoolContext {
  readonly today: string;
  /** The routines of the school's plan (RecordReview): id and whether it is held per group. */
  readonly routines?: readonly { readonly id: string; readonly scope: 'group' | 'school' }[];
}
