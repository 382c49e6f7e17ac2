/**
 * What an evaluation outcome asks for next (plans.md, "Evaluation outcomes lead on"), as steps a
 * plan lists among its own. Each plan passes what its seed says for each outcome; the shape is
 * shared so that every plan's outcomes lead somewhere the tasks can show.
 */
import type { Deadline, EvaluationOutcome, FollowUpStep, Fulfilment, ResponsibleRole, SeedSource } from './plan.js';

export interface OutcomeStep {
  readonly outcomes: readonly EvaluationOutcome[];
  readonly what: string;
  readonly responsibleRole: ResponsibleRole;
  readonly deadline: Deadline;
  readonly fulfilledBy: readonly Fulfilment[];
  readonly source: SeedSource;
  readonly reading?: string;
}

/** `<planId>-after-<first outcome>` steps, triggered by an evaluation with one of the outcomes. */
export function outcomeSteps(planId: string, steps: readonly OutcomeStep[]): FollowUpStep[] {
  return steps.map((s) => ({
    id: `${planId}-after-${s.outcomes[0]}`,
    what: s.what,
    responsibleRole: s.responsibleRole,
    trigger: 'evaluation-outcome',
    outcomes: s.outcomes,
    deadline: s.deadline,
    fulfilledBy: s.fulfilledBy,
    source: s.source,
    ...(s.reading ? { reading: s.reading } : {}),
  }));
}

/** The reading plans.md gives where a seed says nothing of an outcome: resolved, consider closing. */
export const CONSIDER_CLOSING = 'plans.md, "Evaluation outcomes lead on": resolved, consider closing';
