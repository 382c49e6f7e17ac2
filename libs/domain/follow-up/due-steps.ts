/**
 * The follow-up steps a plan asks for now, for one student: each with its deadline, who is
 * responsible, and whether it is due, overdue or done (plans.md, "Common model": "an overdue
 * step is visible to the person responsible and to the school's leaders").
 */
import { dateOf, type IsoDate, type SchoolCalendar } from '../calendar/index.js';
import type { FollowUpStep, Plan, ResponsibleRole, StepTrigger } from '../plans/index.js';
import { addDeadline } from './deadlines.js';
import type { FollowUpFacts } from './follow-up-facts.js';
import { fulfilmentDates } from './fulfilment.js';
import { occurrences, type Occurrence } from './trigger-occurrences.js';

export type StepStatus = 'due' | 'overdue' | 'done' | 'waived';

export interface DueStep {
  readonly stepId: string;
  /** Stable per step and occurrence (`${stepId}@${key}`), for task ids. */
  readonly key: string;
  /** The step's wording (plan's Norwegian, then English). */
  readonly step: string;
  readonly responsibleRole: ResponsibleRole;
  readonly dueOn: IsoDate;
  readonly status: StepStatus;
  readonly trigger: { readonly type: StepTrigger; readonly on: IsoDate };
  /** When the fact that fulfilled it happened (status 'done'), or the day it was waived. */
  readonly doneOn?: IsoDate;
  /** Done by a completion by hand rather than by a record. */
  readonly byHand?: boolean;
  /** Records of their own fulfil it (a contact, a meeting …): completing it by hand is refused. */
  readonly fulfilledByRecords: boolean;
  /** The measure the step is about (a measure's evaluation, an outcome of its evaluation). */
  readonly measureId?: string;
}

/** Triggers that come from the case; a closed case stops asking for them. */
const CASE_TRIGGERS: ReadonlySet<StepTrigger> = new Set([
  'contact-home',
  'presence-meeting',
  'meeting-held',
  'measure-agreed',
  'phase-entered',
  'evaluation-outcome',
]);

/**
 * @param today the business date the tasks are for; facts dated after it are ignored.
 * @returns every triggered step, sorted by dueOn, then step id.
 */
export function dueSteps(facts: FollowUpFacts, plan: Plan, calendar: SchoolCalendar, today: IsoDate): DueStep[] {
  const result: DueStep[] = [];
  const phase = facts.case?.phase;
  const closedOn = facts.case?.closedOn;
  for (const step of plan.steps) {
    // A phase on a step other than phase-entered means "only from this phase on".
    if (step.trigger !== 'phase-entered' && step.phase !== undefined && (phase === undefined || phase < step.phase)) continue;
    for (const occurrence of occurrences(step, facts, calendar, today)) {
      const entry = stepStatus(step, occurrence, facts, calendar, today);
      if (
        closedOn !== undefined &&
        closedOn <= today &&
        CASE_TRIGGERS.has(step.trigger) &&
        entry.status !== 'done' &&
        entry.status !== 'waived'
      )
        continue;
      result.push(entry);
    }
  }
  return result.sort((a, b) => (a.dueOn < b.dueOn ? -1 : a.dueOn > b.dueOn ? 1 : a.stepId < b.stepId ? -1 : a.stepId > b.stepId ? 1 : 0));
}

function stepStatus(step: FollowUpStep, occurrence: Occurrence, facts: FollowUpFacts, calendar: SchoolCalendar, today: IsoDate): DueStep {
  const base = {
    stepId: step.id,
    key: `${step.id}@${occurrence.key}`,
    step: step.what,
    responsibleRole: step.responsibleRole,
    trigger: { type: step.trigger, on: occurrence.on },
    fulfilledByRecords: step.fulfilledBy.length > 0,
    ...(occurrence.measure ? { measureId: occurrence.measure.measureId } : {}),
  };
  const key = base.key;
  const waived = (facts.waivedSteps ?? []).find((w) => w.key === key && w.on <= today);
  // Marked done by hand: that occurrence, or (keyless) on or after the trigger (the first day of the absence for absence steps).
  const from = occurrence.fulfilFrom ?? occurrence.on;
  const byHand = (facts.completedSteps ?? [])
    .filter((c) => c.stepId === step.id && c.on <= today && (c.key === undefined ? c.on >= from : c.key === key))
    .map((c) => c.on);
  const records = fulfilmentDates(step, occurrence, facts, today);
  const fulfilled = [...records, ...byHand].sort();

  let dueOn = addDeadline(calendar, occurrence.on, step.deadline);
  // A measure's own evaluation date counts when it is sooner than the plan's limit.
  const evaluateBy = occurrence.measure?.evaluateBy;
  if (step.trigger === 'measure-agreed' && evaluateBy && evaluateBy < dueOn) dueOn = evaluateBy;
  if (waived) return { ...base, dueOn, status: 'waived', doneOn: waived.on };

  if (step.repeatEvery) {
    // A repeating step is never done while its trigger holds, except a measure that was
    // evaluated as resolved; after each fulfilment it is due again repeatEvery later.
    const resolved = occurrence.measure?.evaluations.find((e) => e.outcome === 'resolved' && dateOf(e.at) <= today);
    if (resolved) return { ...base, dueOn, status: 'done', doneOn: dateOf(resolved.at) };
    const last = fulfilled[fulfilled.length - 1];
    if (last !== undefined) dueOn = addDeadline(calendar, last, step.repeatEvery);
    return { ...base, dueOn, status: today > dueOn ? 'overdue' : 'due' };
  }
  if (fulfilled.length > 0) {
    const doneOn = fulfilled[0]!;
    return { ...base, dueOn, status: 'done', doneOn, ...(records.includes(doneOn) ? {} : { byHand: true }) };
  }
  return { ...base, dueOn, status: today > dueOn ? 'overdue' : 'due' };
}
