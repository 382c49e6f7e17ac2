/**
 * Checks that a plan (a built-in one, or a municipality's edited copy) can be run: every
 * rule and step has what its unit or trigger needs. Returns the problems, empty when none.
 */
import type { ConcernRule, Deadline, FollowUpStep, Plan } from './plan.js';

const UNITS = new Set(['days', 'lessons', 'lates', 'events', 'percent', 'pattern', 'spells', 'manual']);
const WINDOWS = new Set(['month', 'quarter', 'school-year', 'eight-weeks']);

export function validatePlan(plan: Plan): string[] {
  const problems: string[] = [];
  if (!plan.id) problems.push('plan: id is empty');
  if (!Number.isInteger(plan.version) || plan.version < 1) problems.push(`plan ${plan.id}: version must be a whole number ≥ 1`);
  const ruleIds = new Set<string>();
  for (const rule of plan.rules) {
    if (ruleIds.has(rule.id)) problems.push(`rule ${rule.id}: id used twice`);
    ruleIds.add(rule.id);
    problems.push(...ruleProblems(rule));
  }
  const stepIds = new Set<string>();
  for (const step of plan.steps) {
    if (stepIds.has(step.id)) problems.push(`step ${step.id}: id used twice`);
    stepIds.add(step.id);
    problems.push(...stepProblems(step));
  }
  return problems;
}

function ruleProblems(rule: ConcernRule): string[] {
  const p: string[] = [];
  if (!UNITS.has(rule.unit)) p.push(`rule ${rule.id}: unknown unit ${rule.unit}`);
  if (!WINDOWS.has(rule.window)) p.push(`rule ${rule.id}: unknown window ${rule.window}`);
  if (!(Number.isFinite(rule.threshold) && rule.threshold >= 0)) p.push(`rule ${rule.id}: threshold must be a number ≥ 0`);
  if (rule.unit === 'percent' && rule.threshold > 100) p.push(`rule ${rule.id}: a percentage above 100 can never be met`);
  if (rule.unit === 'pattern' && !rule.pattern) p.push(`rule ${rule.id}: a pattern rule names its pattern`);
  if (rule.unit === 'spells') {
    const s = rule.spell;
    if (!s || !(Number.isInteger(s.minDays) && s.minDays >= 1 && s.maxDays >= s.minDays)) {
      p.push(`rule ${rule.id}: a spells rule needs spell { minDays ≥ 1, maxDays ≥ minDays }`);
    }
  }
  return p;
}

function deadlineProblem(owner: string, d: Deadline | undefined): string[] {
  if (d === undefined) return [];
  return Number.isInteger(d.amount) && d.amount >= 0 ? [] : [`${owner}: a deadline is a whole number ≥ 0`];
}

function stepProblems(step: FollowUpStep): string[] {
  const p = [
    ...deadlineProblem(`step ${step.id}`, step.deadline),
    ...deadlineProblem(`step ${step.id}`, step.repeatEvery),
    ...deadlineProblem(`step ${step.id}`, step.graceBeforeTrigger),
  ];
  if (step.repeatEvery && step.repeatEvery.amount === 0) p.push(`step ${step.id}: repeatEvery must be more than 0`);
  if (step.trigger === 'phase-entered' && step.phase === undefined) p.push(`step ${step.id}: a phase-entered step names its phase`);
  if (step.trigger === 'evaluation-outcome' && !step.outcomes?.length)
    p.push(`step ${step.id}: an evaluation-outcome step names its outcomes`);
  return p;
}
