/**
 * Calendar dates as 'YYYY-MM-DD' strings and UTC day numbers.
 *
 * Business dates are calendar dates, not instants: parsing them with the local-time
 * `Date` constructor shifts them across midnight in some time zones, so every conversion
 * here goes through `Date.UTC` and whole days since 1970-01-01.
 */

/** A calendar date 'YYYY-MM-DD' in business time. */
export type IsoDate = string;

const MS_PER_DAY = 86_400_000;
const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True when `value` is a real calendar date written 'YYYY-MM-DD' (2027-02-30 is not). */
export function isIsoDate(value: unknown): value is IsoDate {
  if (typeof value !== 'string') return false;
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1) return false;
  return d <= daysInMonth(y, mo);
}

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Whole days since 1970-01-01 (UTC). Throws on anything that is not a real date. */
export function toDayNumber(date: IsoDate): number {
  if (!isIsoDate(date)) throw new RangeError(`not a date 'YYYY-MM-DD': ${String(date)}`);
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  const d = Number(date.slice(8, 10));
  return Date.UTC(y, m - 1, d) / MS_PER_DAY;
}

/** The 'YYYY-MM-DD' date of a UTC day number. */
export function fromDayNumber(day: number): IsoDate {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

/** `date` moved by `days` calendar days (negative moves back). */
export function addDays(date: IsoDate, days: number): IsoDate {
  return fromDayNumber(toDayNumber(date) + days);
}

/** Calendar days from `from` to `to` (positive when `to` is later). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return toDayNumber(to) - toDayNumber(from);
}

/**
 * ISO weekday of a day number: 1 = Monday … 7 = Sunday.
 * 1970-01-01 (day 0) was a Thursday.
 */
export function isoWeekday(day: number): number {
  return ((((day + 3) % 7) + 7) % 7) + 1;
}

/** Saturday or Sunday. */
export function isWeekendDay(day: number): boolean {
  return isoWeekday(day) >= 6;
}

/** The first 10 characters of an ISO instant or date: its calendar date. */
export function dateOf(instantOrDate: string): IsoDate {
  return instantOrDate.slice(0, 10);
}
