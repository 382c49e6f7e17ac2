/**
 * The concern engine's inputs from a student's folded state: the registrations that count
 * and the levels raised by hand. Works on the domain's `EnrolledStudent` (the command side's
 * fold) and on the student-absence document alike, which is that fold plus totals.
 */
import type { ManualOverride, Registration } from './index.js';
import { getPlan, type Plan } from '../plans/index.js';
import type { AbsenceRecord, EnrolledStudent } from '../student/index.js';

export type ConcernInputState = Pick<EnrolledStudent, 'manualRaises'> & {
  /** By id (the command side's fold) or as a list (the stored student-absence document). */
  readonly absences: EnrolledStudent['absences'] | readonly AbsenceRecord[];
};

/** Registrations after corrections; retracted ones no longer count (plans.md, "Registrations"). */
export function registrationsOf(student: ConcernInputState): Registration[] {
  const out: Registration[] = [];
  for (const a of Object.values(student.absences)) if (!a.retracted) out.push(a);
  return out;
}

/** Manual raises as the engine's overrides: the one in force on the evaluation date counts. */
export function overridesOf(student: Pick<EnrolledStudent, 'manualRaises'>): ManualOverride[] {
  return student.manualRaises.map((r) => ({
    level: r.level,
    reason: r.reason,
    at: r.on,
    ...(r.withdrawnOn === undefined ? {} : { withdrawn: r.withdrawnOn }),
    ...(r.until === undefined ? {} : { until: r.until }),
  }));
}

/**
 * Finds the plan a school follows. The default knows the five built-in plans; a deployment
 * with municipal copies (plan-catalogue.ts `copyPlan`) passes its own.
 */
export type PlanResolver = (planId: string, planVersion: number) => Plan | undefined;

/** Exactly the version the school adopted: a newer version may have other numbers. */
export const builtInPlanResolver: PlanResolver = (planId, planVersion) => getPlan(planId, planVersion);

export function requirePlan(resolve: PlanResolver, planId: string, planVersion: number): Plan {
  const plan = resolve(planId, planVersion);
  if (!plan) throw new Error(`unknown plan ${planId} v${planVersion}`);
  return plan;
}
