/**
 * Per-day totals of a student's registrations, and sums over a period.
 *
 * The projection recomputes only the dates an event touches, from the folded registrations
 * of that date, so a registration made weeks after its date or a correction that moves a
 * date can never leave a stale total behind: the totals always equal `dayAggregates` of the
 * registrations (the property spec checks it).
 */
import type { Registration } from '#domain/concern/index.js';
import type { AbsenceRecord } from '#domain/student/index.js';

/**
 * One date's absence for one student.
 * - `day`: 1 when some registration that counts is a whole-day absence (distinct days:
 *   two day registrations on one date are one day).
 * - `documented`: 1 when `day` is 1 and a day registration of that date is documented.
 *   Reading: the documentation covers the day, so a duplicate undocumented registration of
 *   the same day does not make it undocumented. daysDocumented + daysUndocumented = days.
 * - `lessons`: single lessons summed (a lesson registration without a count is one lesson,
 *   as the concern engine counts it).
 * - `lates`, `leftEarly`: one per registration.
 */
export interface DayAggregate {
  [field: string]: unknown;
  day: 0 | 1;
  documented: 0 | 1;
  lessons: number;
  lates: number;
  leftEarly: number;
}

/** A student's registrations: the domain's map by id, or the stored document's array. */
export type Registrations = Readonly<Record<string, AbsenceRecord>> | readonly AbsenceRecord[];

const each = (absences: Registrations): readonly AbsenceRecord[] => (Array.isArray(absences) ? absences : Object.values(absences));

/** The total of one date, or undefined when nothing that counts falls on it. */
export function dayAggregateOn(absences: Registrations, date: string): DayAggregate | undefined {
  let agg: DayAggregate | undefined;
  for (const a of each(absences)) {
    if (a.retracted || a.date !== date) continue;
    agg ??= { day: 0, documented: 0, lessons: 0, lates: 0, leftEarly: 0 };
    addToDay(agg, a);
  }
  return agg;
}

/** Every date's total, from scratch. */
export function dayAggregates(absences: Registrations): Record<string, DayAggregate> {
  const days: Record<string, DayAggregate> = {};
  for (const a of each(absences)) {
    if (a.retracted) continue;
    addToDay((days[a.date] ??= { day: 0, documented: 0, lessons: 0, lates: 0, leftEarly: 0 }), a);
  }
  return days;
}

/** Adds one registration that counts (not retracted) to its date's total. */
export function addToDay(agg: DayAggregate, a: AbsenceRecord): void {
  switch (a.kind) {
    case 'day':
      agg.day = 1;
      if (a.documented) agg.documented = 1;
      return;
    case 'lesson':
      agg.lessons += a.lessons !== undefined && a.lessons > 0 ? a.lessons : 1;
      return;
    case 'late':
      agg.lates += 1;
      return;
    case 'left-early':
      agg.leftEarly += 1;
      return;
  }
}

export interface PeriodTotals {
  days: number;
  daysDocumented: number;
  daysUndocumented: number;
  lessons: number;
  lates: number;
  leftEarly: number;
}

/** Sums the dates from `from` to `to`, both inclusive ('YYYY-MM-DD' compares as text). */
export function sumDays(days: Readonly<Record<string, DayAggregate>>, from: string, to: string): PeriodTotals {
  const t: PeriodTotals = { days: 0, daysDocumented: 0, daysUndocumented: 0, lessons: 0, lates: 0, leftEarly: 0 };
  for (const date in days) {
    if (date < from || date > to) continue;
    const d = days[date]!;
    t.days += d.day;
    t.daysDocumented += d.documented;
    t.lessons += d.lessons;
    t.lates += d.lates;
    t.leftEarly += d.leftEarly;
  }
  t.daysUndocumented = t.days - t.daysDocumented;
  return t;
}

/**
 * Registrations that the concern engine counts exactly as it counts the real ones: it counts
 * distinct day-absence dates, lessons summed per date and lates per registration, all of
 * which the totals keep (the property spec checks the equivalence for every built-in plan).
 * Lets a school-wide list evaluate levels from the lean documents.
 *
 * @param upTo when given, dates after it are left out: the engine ignores them anyway, and
 *   parsing their dates is most of its cost for a list about a past period.
 */
export function registrationsFromDays(days: Readonly<Record<string, DayAggregate>>, upTo?: string): Registration[] {
  const out: Registration[] = [];
  for (const date in days) {
    if (upTo !== undefined && date > upTo) continue;
    const d = days[date]!;
    if (d.day === 1) out.push({ absenceId: `${date}:day`, date, kind: 'day', documented: d.documented === 1, reportedByGuardian: false });
    if (d.lessons > 0)
      out.push({ absenceId: `${date}:lessons`, date, kind: 'lesson', lessons: d.lessons, documented: false, reportedByGuardian: false });
    for (let i = 0; i < d.lates; i++)
      out.push({ absenceId: `${date}:late:${i}`, date, kind: 'late', documented: false, reportedByGuardian: false });
    for (let i = 0; i < d.leftEarly; i++)
      out.push({ absenceId: `${date}:left-early:${i}`, date, kind: 'left-early', documented: false, reportedByGuardian: false });
  }
  return out;
}
