/**
 * Levels that follow time (issue 18; api.md, Absence: concern history): the student's level on
 * each school day is what the plan says on that day, without any new registration. A rolling
 * window that moves on, a school year that begins, an override that runs out all show here.
 */
import type { IsoDate } from '../calendar/index.js';
import type { ConcernLevel } from '../plans/index.js';
import type { ConcernEvaluation, ConcernTrigger } from './evaluate.js';

export interface LevelChangeOnDay {
  readonly on: IsoDate;
  readonly from: ConcernLevel;
  readonly to: ConcernLevel;
  readonly triggers: readonly ConcernTrigger[];
}

/**
 * The changes `days` bring, in order, each judged against the level the day before (the first
 * against `recorded`). Pure, so evaluating day by day and once over all the days give the same
 * changes (the property the concern clock's catch-up relies on).
 */
export function changesOverDays(
  recorded: ConcernLevel,
  days: readonly IsoDate[],
  levelOn: (day: IsoDate) => ConcernEvaluation,
): LevelChangeOnDay[] {
  const changes: LevelChangeOnDay[] = [];
  let level = recorded;
  for (const on of days) {
    const evaluation = levelOn(on);
    if (evaluation.level === level) continue;
    changes.push({ on, from: level, to: evaluation.level, triggers: evaluation.triggers });
    level = evaluation.level;
  }
  return changes;
}
