/**
 * Review routines on the school's calendar (plans.md, "Review routines"): which reviews are due,
 * overdue and held, per group or for the whole school, from the plan's routines and the reviews
 * recorded (`school-reviews`). Computed at read time, as the tasks are: the status depends on today.
 */
import { createHash } from 'node:crypto';
import type { SchoolCalendar } from '#domain/calendar/index.js';
import { reviewSlots, reviewStatus, type ReviewSlot, type ReviewStatus } from '#domain/follow-up/index.js';
import type { Plan, ResponsibleRole, ReviewRoutine } from '#domain/plans/index.js';
import { SCHOOL_REVIEWS, type SchoolReviewDoc } from '../cases/case-doc.js';
import type { CaseReader } from '../cases/case.queries.js';

export interface RoutineOccurrence {
  readonly routine: ReviewRoutine;
  readonly slot: ReviewSlot;
  /** The group it is held for; absent for a whole-school routine. */
  readonly groupId?: string;
  readonly status: ReviewStatus;
  readonly doneOn?: string;
  /** The reviews held within the slot. */
  readonly held: readonly SchoolReviewDoc[];
}

export function reviewsOfSchool(reader: CaseReader, schoolId: string): Promise<SchoolReviewDoc[]> {
  return reader.find<SchoolReviewDoc>(SCHOOL_REVIEWS, { schoolId });
}

/** Every begun slot of every routine, per group where the routine is held per group. */
export function routineOccurrences(
  plan: Plan,
  calendar: SchoolCalendar,
  groups: readonly string[],
  reviews: readonly SchoolReviewDoc[],
  today: string,
): RoutineOccurrence[] {
  const out: RoutineOccurrence[] = [];
  for (const routine of plan.reviewRoutines) {
    const slots = reviewSlots(routine, calendar, today);
    for (const groupId of routine.scope === 'group' ? groups : [undefined]) {
      const mine = reviews.filter((r) => r.routineId === routine.id && (groupId === undefined || r.groupId === groupId));
      for (const slot of slots) {
        const held = mine.filter((r) => r.heldOn >= slot.from && r.heldOn <= slot.to);
        const { status, doneOn } = reviewStatus(
          slot,
          held.map((r) => r.heldOn),
          today,
        );
        out.push({ routine, slot, ...(groupId === undefined ? {} : { groupId }), status, ...(doneOn ? { doneOn } : {}), held });
      }
    }
  }
  return out;
}

export interface RoutineTask {
  taskId: string;
  scope: 'group' | 'school';
  group?: string;
  step: { id: string; title: string; planId: string };
  stepId: string;
  responsibleRole: ResponsibleRole;
  dueOn: string;
  status: ReviewStatus;
  trigger: { type: 'routine'; on: string };
  doneAt?: string;
}

/**
 * The routine reviews as tasks: held ones as done; of those not held, only the slot running now,
 * which a review held today closes. A missed period is past mending: GET /schools/:id/reviews shows
 * it as overdue, the task list does not keep asking for it.
 */
export function routineTasks(schoolId: string, planId: string, occurrences: readonly RoutineOccurrence[]): RoutineTask[] {
  const latest = new Map<string, string[]>();
  for (const o of occurrences) {
    const k = `${o.routine.id}\u0000${o.groupId ?? ''}`;
    latest.set(k, [...(latest.get(k) ?? []), o.slot.from].sort().slice(-1));
  }
  return occurrences
    .filter((o) => o.status === 'done' || latest.get(`${o.routine.id}\u0000${o.groupId ?? ''}`)!.includes(o.slot.from))
    .map((o) => ({
      taskId: routineTaskId(schoolId, `${o.slot.key}@${o.groupId ?? ''}`),
      scope: o.routine.scope,
      ...(o.groupId === undefined ? {} : { group: o.groupId }),
      step: { id: o.routine.id, title: o.routine.what, planId },
      stepId: o.routine.id,
      responsibleRole: o.routine.responsibleRole,
      dueOn: o.slot.dueOn,
      status: o.status,
      trigger: { type: 'routine' as const, on: o.slot.from },
      ...(o.doneOn ? { doneAt: o.doneOn } : {}),
    }));
}

/** `<schoolId>.<hash>`: done by recording the review (POST /schools/:schoolId/reviews), not by a completion. */
function routineTaskId(schoolId: string, key: string): string {
  return `${schoolId}.${createHash('sha256').update(`routine\u0000${schoolId}\u0000${key}`).digest('hex').slice(0, 20)}`;
}
