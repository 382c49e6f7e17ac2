/**
 * An action plan (handlingsplan for oppfølging av skolefravær) as plain data: the rules
 * that raise a concern level and the follow-up steps with deadlines and who is responsible.
 *
 * Plans are data, not code, so that a municipality can copy one and change its numbers
 * (plan-catalogue.ts `copyPlan`), so that `GET /plans` can return them as JSON, and so that
 * every rule can show where in the seed plan it comes from. See ../../../../shared/domain/plans.md.
 */
import type { Role } from '../shared/roles.js';

/** The level a rule raises. */
export type RuleLevel = 'yellow' | 'red';
/** A student's concern level: green (no rule fires), yellow (bekymringsfullt fravær), red (alvorlig fravær). */
export type ConcernLevel = 'green' | RuleLevel;

/** What a rule counts. Days and lessons are counted apart, never converted into each other. */
export type RuleUnit = 'days' | 'lessons' | 'lates' | 'events' | 'percent' | 'pattern' | 'spells' | 'manual';

/**
 * Rolling windows ending on the evaluation date (plans.md, "Windows are rolling"):
 * month = last 30 calendar days, quarter = last 91, eight-weeks = last 56 (patterns),
 * school-year = since the school year's first day.
 */
export type RuleWindow = 'month' | 'quarter' | 'school-year' | 'eight-weeks';

export type Comparison = 'at-least' | 'more-than';

/** Where a rule or step comes from: the seed file, the line, and the plan's own words. */
export interface SeedSource {
  readonly seedFile: string;
  readonly line: number;
  readonly quote: string;
}

/** Facts outside the registrations a rule may require; the engine reads them from its options. */
export type ConditionFlag = 'caseInPhase3Unresolved';

export interface RuleCondition {
  /** The engine fires the rule only when `options[flag] === true`. */
  readonly flag: ConditionFlag;
  readonly description: string;
}

/** 'same-weekday': one weekday absent `threshold`+ times; 'weekend-or-holiday': absence touching a weekend or public holiday on `threshold`+ occasions. */
export type PatternKind = 'same-weekday' | 'weekend-or-holiday';

export interface ConcernRule {
  readonly id: string;
  /** The plan's Norwegian wording in «», then the reading in English. */
  readonly description: string;
  readonly unit: RuleUnit;
  readonly window: RuleWindow;
  readonly threshold: number;
  readonly comparison: Comparison;
  readonly level: RuleLevel;
  readonly condition?: RuleCondition;
  /** For unit 'pattern'. */
  readonly pattern?: PatternKind;
  /** For unit 'spells': a spell is a run of consecutive school days with day-absence of this length. */
  readonly spell?: { readonly minDays: number; readonly maxDays: number };
  readonly source: SeedSource;
  /** Present when plans.md names the rule a reading of a vague plan. */
  readonly reading?: string;
}

/**
 * Who a step is for: a role of the service (shared/roles.ts), or the resource team or the
 * guardians, whom plans give steps though they are not roles of the access table.
 */
export type ResponsibleRole =
  Extract<Role, 'contact-teacher' | 'teacher' | 'school-leader' | 'student-services'> | 'resource-team' | 'guardian';

/**
 * What starts a step.
 * - level-yellow / level-red: the student's concern level reached yellow (or higher) / red.
 * - unreported-day-absence / reported-day-absence: a spell of day-absence (consecutive school
 *   days) whose first day the guardians did / did not report.
 * - lesson-absence: a date with absence from single lessons.
 * - contact-home: the latest conversation with the guardians.
 * - presence-meeting / meeting-held: the latest presence meeting / meeting of `meetingTypes` (any when absent).
 * - measure-agreed: each measure, from its start date.
 * - phase-entered: the case entered `phase` (or a later one).
 * - evaluation-outcome: a measure was evaluated with one of `outcomes`; the step is what the plan
 *   says comes next (plans.md, "Evaluation outcomes lead on").
 */
export type StepTrigger =
  | 'level-yellow'
  | 'level-red'
  | 'unreported-day-absence'
  | 'reported-day-absence'
  | 'lesson-absence'
  | 'contact-home'
  | 'presence-meeting'
  | 'meeting-held'
  | 'measure-agreed'
  | 'phase-entered'
  | 'evaluation-outcome';

export type EvaluationOutcome = 'resolved' | 'progressing' | 'try-other-measures' | 'external-help-needed';

/** 'school-days' counts on the school's calendar; 'weeks' and 'days' are calendar time. */
export type DeadlineUnit = 'school-days' | 'weeks' | 'days';

export interface Deadline {
  readonly amount: number;
  readonly unit: DeadlineUnit;
}

export type MeetingType = 'presence-meeting' | 'shared-understanding' | 'resource-team' | 'interdisciplinary' | 'evaluation' | 'other';

/** A recorded fact that fulfils a step, when it happened on or after the step's trigger. */
export type Fulfilment =
  | { readonly type: 'contact'; readonly with: 'guardian' | 'student' }
  | { readonly type: 'meeting'; readonly meetingTypes?: readonly MeetingType[] }
  /** An evaluation of the triggering measure (or of any measure, for other triggers); after an evaluation-outcome trigger, a later one. */
  | { readonly type: 'evaluation' }
  /** The case moved on to a later phase than it was in when the step arose. */
  | { readonly type: 'phase-advanced' }
  /** The case was closed. */
  | { readonly type: 'case-closed' }
  | { readonly type: 'measure' }
  | { readonly type: 'mapping' }
  | { readonly type: 'consent'; readonly purpose: 'ppt' | 'stafettlogg' | 'bup' | 'school-nurse' | 'gp' | 'other' }
  | { readonly type: 'referral' }
  | { readonly type: 'return-plan' }
  /** The guardians reported the absence (meldt fravær). */
  | { readonly type: 'guardian-report' };

export interface FollowUpStep {
  readonly id: string;
  /** The plan's Norwegian wording in «», then the step in English. */
  readonly what: string;
  readonly responsibleRole: ResponsibleRole;
  readonly trigger: StepTrigger;
  /** Due this long after the trigger (0 school days = the same school day). */
  readonly deadline: Deadline;
  /**
   * For the day-absence triggers: the step arises only on the Nth consecutive school day of the
   * spell (Vindafjord's «dag 2»), not for a shorter spell the student is back from.
   */
  readonly spellAtLeast?: number;
  /** For trigger 'unreported-day-absence': the step arises only if the absence is still unreported this long after its first day. */
  readonly graceBeforeTrigger?: Deadline;
  /** For trigger 'meeting-held': which meetings start it. */
  readonly meetingTypes?: readonly MeetingType[];
  /** For trigger 'phase-entered': the phase. */
  readonly phase?: number;
  /** For trigger 'evaluation-outcome': the outcomes that start it. */
  readonly outcomes?: readonly EvaluationOutcome[];
  /** A repeating step is due again this long after each time it was fulfilled. */
  readonly repeatEvery?: Deadline;
  /** The step applies only while the concern level is at least this. */
  readonly level?: RuleLevel;
  /** Facts that fulfil the step; empty when only an explicit completion (facts.completedSteps) can. */
  readonly fulfilledBy: readonly Fulfilment[];
  readonly source: SeedSource;
  readonly reading?: string;
}

/** How often measures are evaluated, as the plan says it (the steps carry the runnable form). */
export interface EvaluationInterval {
  readonly id: string;
  readonly what: string;
  /** Earliest, when the plan gives a span ("2-4 uker"). */
  readonly from?: Deadline;
  readonly to: Deadline;
  readonly repeats: boolean;
  readonly source: SeedSource;
}

/** A recurring review of absence lists (gjennomgang av fravær). */
export interface ReviewRoutine {
  readonly id: string;
  readonly what: string;
  readonly responsibleRole: ResponsibleRole;
  readonly times: number;
  readonly per: 'week' | 'month' | 'term' | 'year';
  /** Held per group (a class's contact teacher, a trinn) or once for the whole school. */
  readonly scope: 'group' | 'school';
  /** Due on the first Thursday of each month (Bergen's report to the department leader) rather than at the period's end. */
  readonly dueOnFirstThursday?: boolean;
  /** The daily registration is its own record: no review task (Vindafjord, the example plan). */
  readonly recordedByRegistration?: boolean;
  readonly source: SeedSource;
}

/**
 * Consents a plan's own text asks for: referrals to these services need a valid consent of the
 * same purpose (barnevern never does: opplysningsplikt); these meetings need a valid consent of any
 * purpose on the case, the guardians' say that the case may be shared there.
 */
export interface ConsentDemands {
  readonly referralsTo?: readonly ('school-nurse' | 'gp' | 'other')[];
  readonly meetings?: readonly MeetingType[];
  readonly source: SeedSource;
}

export interface PlanPhase {
  readonly phase: number;
  readonly name: string;
  readonly description: string;
}

export interface Plan {
  readonly id: string;
  readonly version: number;
  readonly name: string;
  readonly municipality: string;
  readonly school?: string;
  readonly source: { readonly seedFile: string; readonly title: string };
  readonly rules: readonly ConcernRule[];
  readonly steps: readonly FollowUpStep[];
  readonly evaluationIntervals: readonly EvaluationInterval[];
  readonly reviewRoutines: readonly ReviewRoutine[];
  readonly phases: readonly PlanPhase[];
  /** The phase a case opens in unless the school says otherwise; default 1. */
  readonly openingPhase?: number;
  /** Consent a plan asks for beyond the common rule (PPT and BUP), where its text makes it (plans.md, "Consent"). */
  readonly consentDemands?: ConsentDemands;
  /** Set on a municipality's copy: the plan it was copied from. */
  readonly copiedFrom?: { readonly id: string; readonly version: number };
}

/** The facts from other read models a plan's rules read (only Bærum's red rule reads one): the rest need not be looked up. */
export function flagsReadBy(plan: Plan): readonly ConditionFlag[] {
  return [...new Set(plan.rules.flatMap((rule) => (rule.condition ? [rule.condition.flag] : [])))];
}
