/**
 * What the follow-up engine needs to know about one student, in neutral terms: the
 * concern level's history, the absences, and the case (sak) if there is one. Callers build
 * it from their projections; nothing here depends on the event catalogue.
 */
import type { IsoDate } from '../calendar/index.js';
import type { ConcernLevel, EvaluationOutcome, MeetingType } from '../plans/index.js';

export interface LevelChange {
  readonly level: ConcernLevel;
  readonly on: IsoDate;
}

export interface DayAbsenceFact {
  readonly date: IsoDate;
  readonly reportedByGuardian: boolean;
  /** When the registration was recorded. */
  readonly recordedOn?: IsoDate;
  /** When the guardians reported it; defaults to recordedOn (else date) when reportedByGuardian. */
  readonly reportedOn?: IsoDate;
}

export interface LessonAbsenceFact {
  readonly date: IsoDate;
  readonly lessons?: number;
}

export interface ContactFact {
  readonly with: 'guardian' | 'student';
  /** Instant or date. */
  readonly at: string;
  readonly channel?: 'phone' | 'meeting' | 'message' | 'home-visit';
}

export interface MeetingFact {
  readonly type: MeetingType;
  /** Instant or date. */
  readonly heldAt: string;
}

export type { EvaluationOutcome } from '../plans/index.js';

export interface EvaluationFact {
  /** Instant or date. */
  readonly at: string;
  readonly outcome?: EvaluationOutcome;
}

export interface MeasureFact {
  readonly measureId: string;
  readonly startsOn: IsoDate;
  /** When it was agreed, if before it starts; startsOn otherwise. */
  readonly agreedOn?: IsoDate;
  readonly evaluateBy?: IsoDate;
  readonly evaluations: readonly EvaluationFact[];
}

export interface CaseFacts {
  readonly openedOn?: IsoDate;
  /** The case's current phase. */
  readonly phase?: number;
  /** Phase changes, any order; without them a phase counts from openedOn. */
  readonly phaseChanges?: readonly { readonly phase: number; readonly on: IsoDate }[];
  readonly contacts: readonly ContactFact[];
  readonly meetings: readonly MeetingFact[];
  readonly measures: readonly MeasureFact[];
  readonly mappings?: readonly { readonly at: string }[];
  readonly consents?: readonly { readonly purpose: string; readonly givenAt: string }[];
  readonly referrals?: readonly { readonly to: string; readonly at: string }[];
  readonly returnPlan?: { readonly startsOn: IsoDate; readonly recordedOn?: IsoDate };
  /** A closed case asks for nothing more; done steps stay listed. */
  readonly closedOn?: IsoDate;
}

export interface FollowUpFacts {
  readonly levelChanges?: readonly LevelChange[];
  readonly dayAbsences?: readonly DayAbsenceFact[];
  readonly lessonAbsences?: readonly LessonAbsenceFact[];
  readonly case?: CaseFacts;
  /**
   * Steps staff marked done by hand, for steps no recorded fact can show (e.g. Hemsedal's
   * «Umiddelbart varsle ledelsen»). With `key` (the occurrence, `DueStep.key`), that occurrence
   * alone; without, every occurrence triggered on or before `on`.
   */
  readonly completedSteps?: readonly { readonly stepId: string; readonly on: IsoDate; readonly key?: string }[];
  /** Occurrences a school leader judged not needed (`DueStep.key`), from `on`. */
  readonly waivedSteps?: readonly { readonly key: string; readonly on: IsoDate }[];
  /** Contacts outside any case (api.md, Absence): they fulfil contact steps as case contacts do. */
  readonly contacts?: readonly ContactFact[];
}
