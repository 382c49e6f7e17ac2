/**
 * Review routines as recurring tasks on the school's calendar (plans.md, "Review routines"): each
 * routine's school year cut into the periods it names (a week, a month, a term, the year, each
 * split in `times` parts), each due on its last school day, or, for Bergen's report to the
 * department leader, on the first Thursday of the month (seed 003 line 58).
 */
import { addDays, type IsoDate, type SchoolCalendar } from '../calendar/index.js';
import type { ReviewRoutine } from '../plans/index.js';

export interface ReviewSlot {
  readonly routineId: string;
  /** `${routineId}@${from}`: stable for the slot. */
  readonly key: string;
  readonly from: IsoDate;
  readonly to: IsoDate;
  readonly dueOn: IsoDate;
}

export type ReviewStatus = 'due' | 'overdue' | 'done';

/** The routine's slots of the calendar's school year that have begun by `today`, in order. */
export function reviewSlots(routine: ReviewRoutine, calendar: SchoolCalendar, today: IsoDate): ReviewSlot[] {
  if (routine.recordedByRegistration) return [];
  const slots: ReviewSlot[] = [];
  for (const [from, to] of periods(routine, calendar.start, calendar.end)) {
    if (from > today) break;
    const dueOn = routine.dueOnFirstThursday ? firstThursday(from, calendar) : lastSchoolDay(from, to, calendar);
    if (dueOn === undefined) continue;
    slots.push({ routineId: routine.id, key: `${routine.id}@${from}`, from, to, dueOn });
  }
  return slots;
}

/** Done when a review of the routine was held within the slot; else due until its day, then overdue. */
export function reviewStatus(slot: ReviewSlot, heldOn: readonly IsoDate[], today: IsoDate): { status: ReviewStatus; doneOn?: IsoDate } {
  const held = heldOn.filter((d) => d >= slot.from && d <= slot.to && d <= today).sort()[0];
  if (held !== undefined) return { status: 'done', doneOn: held };
  return { status: today > slot.dueOn ? 'overdue' : 'due' };
}

/** The first Thursday of the month `from` lies in (the next school day if it is none). */
export function firstThursday(from: IsoDate, calendar: SchoolCalendar): IsoDate | undefined {
  let day = `${from.slice(0, 7)}-01`;
  while (new Date(`${day}T00:00:00Z`).getUTCDay() !== 4) day = addDays(day, 1);
  for (let i = 0; i < 14; i++, day = addDays(day, 1)) if (calendar.isSchoolDay(day)) return day;
  return undefined;
}

function lastSchoolDay(from: IsoDate, to: IsoDate, calendar: SchoolCalendar): IsoDate | undefined {
  for (let day = to; day >= from; day = addDays(day, -1)) if (calendar.isSchoolDay(day)) return day;
  return undefined;
}

function periods(routine: ReviewRoutine, start: IsoDate, end: IsoDate): [IsoDate, IsoDate][] {
  const clip = (from: IsoDate, to: IsoDate): [IsoDate, IsoDate] => [from < start ? start : from, to > end ? end : to];
  const out: [IsoDate, IsoDate][] = [];
  switch (routine.per) {
    case 'week': {
      // ISO weeks, Monday to Sunday.
      let monday = start;
      while (new Date(`${monday}T00:00:00Z`).getUTCDay() !== 1) monday = addDays(monday, -1);
      for (; monday <= end; monday = addDays(monday, 7)) out.push(clip(monday, addDays(monday, 6)));
      return out;
    }
    case 'month': {
      for (let first = `${start.slice(0, 7)}-01`; first <= end; first = nextMonth(first))
        out.push(clip(first, addDays(nextMonth(first), -1)));
      return out;
    }
    case 'term': {
      const newYear = `${Number(start.slice(0, 4)) + 1}-01-01`;
      for (const [from, to] of [
        [start, addDays(newYear, -1)],
        [newYear, end],
      ] as const) {
        out.push(...split(from, to, routine.times));
      }
      return out;
    }
    case 'year':
      return split(start, end, routine.times);
  }
}

/** `times` consecutive parts of [from, to] of (nearly) equal length in calendar days. */
function split(from: IsoDate, to: IsoDate, times: number): [IsoDate, IsoDate][] {
  const length = (Date.parse(to) - Date.parse(from)) / 86_400_000 + 1;
  const out: [IsoDate, IsoDate][] = [];
  let partFrom = from;
  for (let i = 1; i <= times; i++) {
    const partTo = i === times ? to : addDays(from, Math.round((length * i) / times) - 1);
    out.push([partFrom, partTo]);
    partFrom = addDays(partTo, 1);
  }
  return out;
}

function nextMonth(first: IsoDate): IsoDate {
  const y = Number(first.slice(0, 4));
  const m = Number(first.slice(5, 7));
  return m === 12 ? `${y + 1}-01-01` : `${y}-${String(m + 1).padStart(2, '0')}-01`;
}
