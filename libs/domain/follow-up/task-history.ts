/**
 * A student's task history (issue 18: "a step no longer asked for leaves the due and overdue lists,
 * and says so in the student's task history"): every step the plan asked for on some school day
 * from `from` to `today`, with how it ended: done, waived, still open, or no longer asked for (the
 * level fell back, the case closed) on the day it left the lists.
 */
import type { IsoDate, SchoolCalendar } from '../calendar/index.js';
import type { Plan } from '../plans/index.js';
import { dueSteps, type DueStep, type StepStatus } from './due-steps.js';
import type { FollowUpFacts } from './follow-up-facts.js';

export interface TaskHistoryEntry {
  readonly step: DueStep;
  /** The first school day the step was asked for. */
  readonly since: IsoDate;
  readonly status: StepStatus | 'no-longer-asked';
  /** For `no-longer-asked`: the first school day it was not asked for any more. */
  readonly endedOn?: IsoDate;
}

export function taskHistory(facts: FollowUpFacts, plan: Plan, calendar: SchoolCalendar, from: IsoDate, today: IsoDate): TaskHistoryEntry[] {
  const seen = new Map<string, { step: DueStep; since: IsoDate; endedOn?: IsoDate }>();
  let open = new Set<string>();
  for (let day = from; day <= today; day = calendar.addSchoolDays(day, 1)) {
    if (!calendar.isSchoolDay(day)) continue;
    const steps = dueSteps(facts, plan, calendar, day);
    const now = new Set<string>();
    for (const step of steps) {
      now.add(step.key);
      const known = seen.get(step.key);
      seen.set(step.key, { step, since: known?.since ?? day });
    }
    for (const key of open) if (!now.has(key)) seen.set(key, { ...seen.get(key)!, endedOn: day });
    open = now;
    if (day === today) break;
  }
  return [...seen.values()]
    .map(({ step, since, endedOn }) =>
      endedOn !== undefined && !open.has(step.key)
        ? { step, since, status: 'no-longer-asked' as const, endedOn }
        : { step, since, status: step.status },
    )
    .sort((a, b) => (a.since < b.since ? -1 : a.since > b.since ? 1 : a.step.stepId < b.step.stepId ? -1 : 1));
}
