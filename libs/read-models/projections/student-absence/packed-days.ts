/**
 * Per-day totals packed for lists over a whole school. The absence list reads one lean
 * document per student (600 for a large school); with the totals as an object keyed by date,
 * JSON.parse of those documents was half the list's time (every student's object has its own
 * set of date keys, which V8 parses slowly), so the lean document keeps them as one string of
 * dates and one flat array of numbers, which parse about five times faster (bench/, BENCHMARKS.md).
 *
 * The packed form holds exactly what `Record<string, DayAggregate>` holds (`unpackDays` gives it
 * back), and the sums and registrations read from it equal those of the object form (the spec
 * checks both).
 */
import type { Registration } from '#domain/concern/index.js';
import type { DayAggregate, PeriodTotals } from './day-aggregates.js';

export interface PackedDays {
  /** The dates with anything that counts, ascending, each 'YYYY-MM-DD' (10 characters), joined without separator. */
  dates: string;
  /** Five numbers per date, in the order of `dates`: day, documented, lessons, lates, leftEarly. */
  counts: number[];
}

const DATE = 10;
const FIELDS = 5;

export function packDays(days: Readonly<Record<string, DayAggregate>>): PackedDays {
  const dates = Object.keys(days).sort();
  const counts = new Array<number>(dates.length * FIELDS);
  for (let i = 0; i < dates.length; i++) {
    const d = days[dates[i]!]!;
    const at = i * FIELDS;
    counts[at] = d.day;
    counts[at + 1] = d.documented;
    counts[at + 2] = d.lessons;
    counts[at + 3] = d.lates;
    counts[at + 4] = d.leftEarly;
  }
  return { dates: dates.join(''), counts };
}

export function unpackDays(packed: PackedDays): Record<string, DayAggregate> {
  const days: Record<string, DayAggregate> = {};
  for (let i = 0; i * DATE < packed.dates.length; i++) {
    const c = packed.counts;
    const at = i * FIELDS;
    days[packed.dates.slice(i * DATE, i * DATE + DATE)] = {
      day: c[at] as 0 | 1,
      documented: c[at + 1] as 0 | 1,
      lessons: c[at + 2]!,
      lates: c[at + 3]!,
      leftEarly: c[at + 4]!,
    };
  }
  return days;
}

/** `sumDays` of the packed form: the dates from `from` to `to`, both inclusive. */
export function sumPackedDays(packed: PackedDays, from: string, to: string): PeriodTotals {
  const t: PeriodTotals = { days: 0, daysDocumented: 0, daysUndocumented: 0, lessons: 0, lates: 0, leftEarly: 0 };
  const c = packed.counts;
  for (let i = 0; i * DATE < packed.dates.length; i++) {
    const date = packed.dates.slice(i * DATE, i * DATE + DATE);
    if (date < from) continue;
    if (date > to) break; // ascending
    const at = i * FIELDS;
    t.days += c[at]!;
    t.daysDocumented += c[at + 1]!;
    t.lessons += c[at + 2]!;
    t.lates += c[at + 3]!;
    t.leftEarly += c[at + 4]!;
  }
  t.daysUndocumented = t.days - t.daysDocumented;
  return t;
}

/** `registrationsFromDays` of the packed form (ascending by date; the engine does not depend on the order). */
export function registrationsFromPackedDays(packed: PackedDays, upTo?: string): Registration[] {
  const out: Registration[] = [];
  const c = packed.counts;
  for (let i = 0; i * DATE < packed.dates.length; i++) {
    const date = packed.dates.slice(i * DATE, i * DATE + DATE);
    if (upTo !== undefined && date > upTo) break; // ascending
    const at = i * FIELDS;
    if (c[at] === 1) out.push({ absenceId: `${date}:day`, date, kind: 'day', documented: c[at + 1] === 1, reportedByGuardian: false });
    if (c[at + 2]! > 0)
      out.push({ absenceId: `${date}:lessons`, date, kind: 'lesson', lessons: c[at + 2]!, documented: false, reportedByGuardian: false });
    for (let k = 0; k < c[at + 3]!; k++)
      out.push({ absenceId: `${date}:late:${k}`, date, kind: 'late', documented: false, reportedByGuardian: false });
    for (let k = 0; k < c[at + 4]!; k++)
      out.push({ absenceId: `${date}:left-early:${k}`, date, kind: 'left-early', documented: false, reportedByGuardian: false });
  }
  return out;
}
