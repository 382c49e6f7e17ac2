/**
 * Concern levels raised by hand (plans.md, "Concern level": "Staff can also raise a level by
 * hand with a reason … that too is an event").
 */
import { dateOf, type IsoDate } from '../calendar/index.js';
import type { RuleLevel } from '../plans/index.js';

export interface ManualOverride {
  readonly level: RuleLevel;
  readonly reason: string;
  /** When it was raised: an instant or a date; its calendar date is what counts. */
  readonly at: string;
  /** true: withdrawn (whenever); an instant or date: withdrawn from that date on. */
  readonly withdrawn?: boolean | string;
  /** The last date it holds (api.md: `until`); after it the plan's rules alone decide. */
  readonly until?: IsoDate;
}

/**
 * The override in force on `asOf`: the latest one raised on or before `asOf`, unless it was
 * withdrawn by then. A later override supersedes an earlier one, so withdrawing the latest
 * does not bring back the one it replaced.
 */
export function activeOverride(overrides: readonly ManualOverride[], asOf: IsoDate): ManualOverride | undefined {
  let latest: ManualOverride | undefined;
  for (const o of overrides) {
    if (dateOf(o.at) > asOf) continue;
    // Ties keep the later entry in the list: the event recorded last wins.
    if (!latest || o.at >= latest.at) latest = o;
  }
  if (!latest) return undefined;
  const w = latest.withdrawn;
  if (w === true || (typeof w === 'string' && dateOf(w) <= asOf)) return undefined;
  if (latest.until !== undefined && latest.until < asOf) return undefined;
  return latest;
}
