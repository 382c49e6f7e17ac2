/**
 * A school's calendar for one school year: which dates are school days, and counting in
 * school days.
 *
 * plans.md, "Common model": "School days come from the school's calendar (weekdays minus
 * Norwegian public holidays and the school's own breaks)", and "Deadlines are counted in
 * school days unless a plan says weeks". Every count is precomputed once per calendar
 * (a prefix sum over the school year), so the concern engine can ask for the school days
 * of any window in O(1).
 */
import { fromDayNumber, isWeekendDay, toDayNumber, type IsoDate } from './dates.js';
import { norwegianPublicHolidays } from './norwegian-holidays.js';

/** A break the school sets itself (høstferie, juleferie, vinterferie, påskeferie, planning days …), inclusive. */
export interface SchoolBreak {
  readonly from: IsoDate;
  readonly to: IsoDate;
  readonly name: string;
}

/** The school year as `POST /schools` carries it: `schoolYear: { start, end, breaks? }`. */
export interface SchoolYearInput {
  readonly start: IsoDate;
  readonly end: IsoDate;
  readonly breaks?: readonly SchoolBreak[];
}

/**
 * Why a date is not a school day. When several apply the first in this order wins:
 * outside-school-year, holiday, weekend, break (a holiday that falls on a Sunday, such as
 * Første påskedag, is reported as 'holiday' because that is the more telling name).
 */
export type NonSchoolReason = 'weekend' | 'holiday' | 'break' | 'outside-school-year';

export interface NamedDate {
  readonly date: IsoDate;
  readonly name: string;
}

export interface SchoolCalendar {
  readonly start: IsoDate;
  readonly end: IsoDate;
  readonly breaks: readonly SchoolBreak[];
  /** Number of school days in the whole school year. */
  readonly totalSchoolDays: number;
  isSchoolDay(date: IsoDate): boolean;
  /** null for a school day. */
  nonSchoolReason(date: IsoDate): NonSchoolReason | null;
  /** Same as nonSchoolReason, for a UTC day number (see dates.ts); lets hot loops skip parsing. */
  nonSchoolReasonOfDay(day: number): NonSchoolReason | null;
  /** The name of the Norwegian public holiday on `date` (any year), or null. */
  holidayName(date: IsoDate): string | null;
  /** The name of the school break covering `date`, or null. */
  breakName(date: IsoDate): string | null;
  /** The public holidays from start to end of the school year, oldest first. */
  holidays(): readonly NamedDate[];
  /** School days from `from` to `to`, both inclusive; 0 when `from` is after `to`. O(1). */
  schoolDaysBetween(from: IsoDate, to: IsoDate): number;
  /** As schoolDaysBetween, for UTC day numbers. O(1). */
  schoolDaysBetweenDays(fromDay: number, toDay: number): number;
  /** The school days from `from` to `to`, both inclusive, oldest first. */
  schoolDays(from: IsoDate, to: IsoDate): IsoDate[];
  /**
   * The last `n` school days on or before `date` (so `date` itself when it is a school day),
   * oldest first. Fewer than `n` when the school year starts sooner.
   */
  previousSchoolDays(date: IsoDate, n: number): IsoDate[];
  /**
   * The school day `n` school days after `date`, for deadlines: n = 0 is "the same school
   * day" (`date` itself, or the next school day when `date` is not one); n = 1 the next
   * school day, and so on. Past the end of the school year the calendar knows no breaks,
   * so counting goes on over weekdays that are not public holidays.
   */
  addSchoolDays(date: IsoDate, n: number): IsoDate;
}

// Reason codes in the precomputed per-day table.
const SCHOOL = 0;
const WEEKEND = 1;
const HOLIDAY = 2;
const BREAK = 3;
const REASONS: readonly (NonSchoolReason | null)[] = [null, 'weekend', 'holiday', 'break'];

function holidayOfDay(day: number): string | undefined {
  const date = fromDayNumber(day);
  return norwegianPublicHolidays(Number(date.slice(0, 4))).get(date);
}

/** Weekday and not a public holiday: what the calendar counts beyond the school year. */
function isPlainWorkday(day: number): boolean {
  return !isWeekendDay(day) && holidayOfDay(day) === undefined;
}

export function createSchoolCalendar(input: SchoolYearInput): SchoolCalendar {
  const startDay = toDayNumber(input.start);
  const endDay = toDayNumber(input.end);
  if (endDay < startDay) throw new RangeError(`school year ends (${input.end}) before it starts (${input.start})`);
  const breaks = (input.breaks ?? []).map((b) => ({ from: b.from, to: b.to, name: b.name }));
  const length = endDay - startDay + 1;

  const reason = new Uint8Array(length);
  const holidayNames = new Map<number, string>();
  for (let year = Number(input.start.slice(0, 4)); year <= Number(input.end.slice(0, 4)); year++) {
    for (const [date, name] of norwegianPublicHolidays(year)) {
      const day = toDayNumber(date);
      if (day >= startDay && day <= endDay) holidayNames.set(day, name);
    }
  }
  const breakNames = new Map<number, string>();
  for (const b of breaks) {
    const from = toDayNumber(b.from);
    const to = toDayNumber(b.to);
    if (to < from) throw new RangeError(`break "${b.name}" ends (${b.to}) before it starts (${b.from})`);
    for (let day = Math.max(from, startDay); day <= Math.min(to, endDay); day++) {
      if (!breakNames.has(day)) breakNames.set(day, b.name);
    }
  }

  // prefix[i] = school days in [startDay, startDay + i); schoolDayList = their day numbers.
  const prefix = new Int32Array(length + 1);
  const schoolDayList: number[] = [];
  for (let i = 0; i < length; i++) {
    const day = startDay + i;
    const r = holidayNames.has(day) ? HOLIDAY : isWeekendDay(day) ? WEEKEND : breakNames.has(day) ? BREAK : SCHOOL;
    reason[i] = r;
    prefix[i + 1] = prefix[i] + (r === SCHOOL ? 1 : 0);
    if (r === SCHOOL) schoolDayList.push(day);
  }
  const total = schoolDayList.length;

  /** School days in [startDay, day], clamped to the year. */
  const countUpTo = (day: number): number => {
    if (day < startDay) return 0;
    if (day > endDay) return total;
    return prefix[day - startDay + 1];
  };
  const reasonOfDay = (day: number): NonSchoolReason | null =>
    day < startDay || day > endDay ? 'outside-school-year' : REASONS[reason[day - startDay]];
  const between = (fromDay: number, toDay: number): number => (toDay < fromDay ? 0 : countUpTo(toDay) - countUpTo(fromDay - 1));

  const holidayList: NamedDate[] = [...holidayNames.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([day, name]) => ({ date: fromDayNumber(day), name }));

  const calendar: SchoolCalendar = {
    start: input.start,
    end: input.end,
    breaks,
    totalSchoolDays: total,
    isSchoolDay: (date) => reasonOfDay(toDayNumber(date)) === null,
    nonSchoolReason: (date) => reasonOfDay(toDayNumber(date)),
    nonSchoolReasonOfDay: reasonOfDay,
    holidayName: (date) => {
      const day = toDayNumber(date);
      return holidayNames.get(day) ?? holidayOfDay(day) ?? null;
    },
    breakName: (date) => breakNames.get(toDayNumber(date)) ?? null,
    holidays: () => holidayList,
    schoolDaysBetween: (from, to) => between(toDayNumber(from), toDayNumber(to)),
    schoolDaysBetweenDays: between,
    schoolDays: (from, to) => {
      const fromDay = toDayNumber(from);
      const toDay = toDayNumber(to);
      if (toDay < fromDay) return [];
      return schoolDayList.slice(countUpTo(fromDay - 1), countUpTo(toDay)).map(fromDayNumber);
    },
    previousSchoolDays: (date, n) => {
      assertCount(n);
      const k = countUpTo(toDayNumber(date));
      return schoolDayList.slice(Math.max(0, k - n), k).map(fromDayNumber);
    },
    addSchoolDays: (date, n) => {
      assertCount(n);
      const day = toDayNumber(date);
      if (day > endDay) return fromDayNumber(stepOverWorkdays(day, n));
      const k = countUpTo(day);
      const isSchool = reasonOfDay(day) === null;
      // From a school day, n = 0 is the day itself; from any other day the first school
      // day after it is both "the same school day" and "one school day later".
      const index = isSchool ? k - 1 + n : k - 1 + Math.max(n, 1);
      if (index < total) return fromDayNumber(schoolDayList[index]);
      return fromDayNumber(stepOverWorkdays(endDay, index - (total - 1), true));
    },
  };
  return calendar;
}

/**
 * Beyond the school year: the n-th plain workday after `day` (n = 0: `day` itself if it is
 * one, else the next). With `strict`, `day` never counts itself (used when counting on from
 * the year's last day).
 */
function stepOverWorkdays(day: number, n: number, strict = false): number {
  let current = day;
  let remaining = n;
  if (!strict && isPlainWorkday(current)) {
    if (remaining === 0) return current;
  } else if (remaining === 0) {
    remaining = 1;
  }
  while (remaining > 0) {
    current++;
    if (isPlainWorkday(current)) remaining--;
  }
  return current;
}

function assertCount(n: number): void {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`a count of school days must be a whole number ≥ 0, got ${n}`);
}
