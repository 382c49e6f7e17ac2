/**
 * Case phases are numbers 1..N. N and the phases' names are the plan's own (`phases` in each
 * plans/*.plan.ts, in the plan's words, with the seed line they come from); a plan that names no
 * phases gives its cases DEFAULT_MAX_PHASE numbered ones. Numbers, not names, are stored, because
 * plans count their phases and name them differently (vindafjord-etne: three tiltaksfasar;
 * baerum: four phases, a case opened in phase 2 or 3; the others none). Moving down is allowed:
 * de-escalation after a resolved evaluation is a real step.
 */
import type { Plan } from '../plans/plan.js';
import { DomainError } from '../shared/domain-error.js';

export const DEFAULT_MAX_PHASE = 4;
export const FIRST_PHASE = 1;

/** How many phases a case under `plan` has (the application passes it as `CaseContext.maxPhase`). */
export function maxPhaseOf(plan: Pick<Plan, 'phases'>): number {
  return plan.phases.length > 0 ? Math.max(...plan.phases.map((p) => p.phase)) : DEFAULT_MAX_PHASE;
}

/** The phase a case under `plan` opens in unless the school says otherwise (plans.md, "Bærum's phases"). */
export function openingPhaseOf(plan: Pick<Plan, 'openingPhase'>): number {
  return plan.openingPhase ?? FIRST_PHASE;
}

/** The plan's name for `phase`, when the plan names its phases. */
export function phaseNameOf(plan: Pick<Plan, 'phases'>, phase: number): string | undefined {
  return plan.phases.find((p) => p.phase === phase)?.name;
}

export function requireValidPhase(phase: unknown, maxPhase: number = DEFAULT_MAX_PHASE, field = 'phase'): number {
  if (typeof phase !== 'number' || !Number.isInteger(phase) || phase < FIRST_PHASE || phase > maxPhase) {
    throw new DomainError('invalid-phase', `phase must be a whole number ${FIRST_PHASE}..${maxPhase}, got ${JSON.stringify(phase)}`, field);
  }
  return phase;
}
