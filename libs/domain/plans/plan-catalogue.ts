/**
 * The five built-in plans, looking them up, and copying one so a municipality can change
 * its numbers (plans.md: "a school may change any number in its own copy of a plan").
 */
import { baerumPlan } from './baerum.plan.js';
import { bergenSmorasPlan } from './bergen-smoras.plan.js';
import { eksempelHandlingsplanPlan } from './eksempel-handlingsplan.plan.js';
import { hemsedalTrafikklysPlan } from './hemsedal-trafikklys.plan.js';
import type { ConcernRule, FollowUpStep, Plan } from './plan.js';
import { validatePlan } from './validate-plan.js';
import { vindafjordEtnePlan } from './vindafjord-etne.plan.js';

export const builtInPlans: readonly Plan[] = [
  hemsedalTrafikklysPlan,
  vindafjordEtnePlan,
  eksempelHandlingsplanPlan,
  bergenSmorasPlan,
  baerumPlan,
];

/**
 * A plan by id, from `plans` (the built-in ones unless given): the given version, or the
 * highest version when none is asked for. undefined when there is none.
 */
export function getPlan(id: string, version?: number, plans: readonly Plan[] = builtInPlans): Plan | undefined {
  let best: Plan | undefined;
  for (const plan of plans) {
    if (plan.id !== id) continue;
    if (version !== undefined) {
      if (plan.version === version) return plan;
      continue;
    }
    if (!best || plan.version > best.version) best = plan;
  }
  return best;
}

/** The numbers a copy may change in a rule. */
export type RuleChange = Partial<Pick<ConcernRule, 'threshold' | 'comparison' | 'level' | 'window' | 'description' | 'spell'>>;
/** The numbers a copy may change in a step. */
export type StepChange = Partial<Pick<FollowUpStep, 'deadline' | 'repeatEvery' | 'graceBeforeTrigger' | 'responsibleRole' | 'what'>>;

export interface PlanChanges {
  readonly name?: string;
  readonly municipality?: string;
  readonly school?: string;
  /** Changes by rule id. */
  readonly rules?: Readonly<Record<string, RuleChange>>;
  /** Rules left out of the copy, by id. */
  readonly removeRules?: readonly string[];
  /** Rules added to the copy. */
  readonly addRules?: readonly ConcernRule[];
  /** Changes by step id. */
  readonly steps?: Readonly<Record<string, StepChange>>;
  readonly removeSteps?: readonly string[];
  readonly addSteps?: readonly FollowUpStep[];
}

/**
 * A municipality's copy of `plan` under a new id, version 1, remembering where it came
 * from. Throws when a change names a rule or step the plan does not have, or when the copy
 * would not run (see validatePlan). The original is never changed.
 */
export function copyPlan(plan: Plan, copy: { id: string; changes?: PlanChanges }): Plan {
  const changes = copy.changes ?? {};
  const unknown = (ids: Iterable<string>, known: readonly { id: string }[], what: string) => {
    for (const id of ids) {
      if (!known.some((x) => x.id === id)) throw new RangeError(`plan ${plan.id} has no ${what} ${id}`);
    }
  };
  unknown(Object.keys(changes.rules ?? {}), plan.rules, 'rule');
  unknown(changes.removeRules ?? [], plan.rules, 'rule');
  unknown(Object.keys(changes.steps ?? {}), plan.steps, 'step');
  unknown(changes.removeSteps ?? [], plan.steps, 'step');

  const rules = plan.rules
    .filter((r) => !(changes.removeRules ?? []).includes(r.id))
    .map((r) => ({ ...r, ...(changes.rules?.[r.id] ?? {}) }))
    .concat(changes.addRules ?? []);
  const steps = plan.steps
    .filter((s) => !(changes.removeSteps ?? []).includes(s.id))
    .map((s) => ({ ...s, ...(changes.steps?.[s.id] ?? {}) }))
    .concat(changes.addSteps ?? []);

  // Through JSON so the copy shares no object with the built-in plan.
  const result: Plan = JSON.parse(
    JSON.stringify({
      ...plan,
      id: copy.id,
      version: 1,
      name: changes.name ?? plan.name,
      municipality: changes.municipality ?? plan.municipality,
      school: changes.school ?? plan.school,
      rules,
      steps,
      copiedFrom: { id: plan.id, version: plan.version },
    }),
  );
  const problems = validatePlan(result);
  if (problems.length > 0) throw new RangeError(`the copy of ${plan.id} would not run: ${problems.join('; ')}`);
  return result;
}
