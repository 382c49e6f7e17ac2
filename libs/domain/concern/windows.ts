/**
 * Rolling windows ending on the evaluation date. plans.md, "Windows are rolling": "month =
 * the last 30 calendar days, quarter = the last 91 calendar days, school year = since the
 * school year's first day"; "Patterns": "within the last 8 weeks" = the last 56 days.
 */
import { fromDayNumber, toDayNumber, type IsoDate, type SchoolCalendar } from '../calendar/index.js';
import type { RuleWindow } from '../plans/index.js';

export interface WindowRange {
  readonly from: IsoDate;
  readonly to: IsoDate;
  readonly fromDay: number;
  readonly toDay: number;
}

/** Calendar days in each rolling window, asOf included. */
export const ROLLING_WINDOW_DAYS = { month: 30, quarter: 91, 'eight-weeks': 56 } as const;

export function windowFor(window: RuleWindow, calendar: SchoolCalendar, asOf: IsoDate, asOfDay = toDayNumber(asOf)): WindowRange {
  if (window === 'school-year') {
    const fromDay = toDayNumber(calendar.start);
    return { from: calendar.start, to: asOf, fromDay, toDay: asOfDay };
  }
  const fromDay = asOfDay - ROLLING_WINDOW_DAYS[window] + 1;
  return { from: fromDayNumber(fromDay), to: asOf, fromDay, toDay: asOfDay };
}
