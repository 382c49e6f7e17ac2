/**
 * The registrations of one evaluation, sorted once into day numbers so that every rule
 * counts its window by binary search instead of walking the registrations or the days.
 */
import { toDayNumber } from '../calendar/index.js';
import type { Registration } from './registration.js';

export interface AbsenceIndex {
  /** Distinct days with a day-absence, on or before asOf, ascending. */
  readonly absentDays: readonly number[];
  /** Days of lesson absences, ascending (one entry per registration). */
  readonly lessonDays: readonly number[];
  /** lessonPrefix[i] = lessons in lessonDays[0 … i-1]. */
  readonly lessonPrefix: readonly number[];
  /** Days of late arrivals, ascending (one entry per registration). */
  readonly lateDays: readonly number[];
  /** Distinct days with any registration (an absence event: a day, lessons, a late arrival, leaving early), ascending. */
  readonly eventDays: readonly number[];
}

const ascending = (a: number, b: number) => a - b;

/** Registrations dated after `asOfDay` do not count (api.md: "every registration … with a date up to it counts"). */
export function indexRegistrations(registrations: readonly Registration[], asOfDay: number): AbsenceIndex {
  const absent = new Set<number>();
  const lessons: { day: number; lessons: number }[] = [];
  const lateDays: number[] = [];
  const events = new Set<number>();
  for (const r of registrations) {
    const day = toDayNumber(r.date);
    if (day > asOfDay) continue;
    events.add(day);
    switch (r.kind) {
      case 'day':
        absent.add(day);
        break;
      case 'lesson':
        // A lesson registration without a count is one lesson (the API asks for lessons ≥ 1).
        lessons.push({ day, lessons: r.lessons !== undefined && r.lessons > 0 ? r.lessons : 1 });
        break;
      case 'late':
        lateDays.push(day);
        break;
      case 'left-early':
        // Recorded, but no plan counts it: plans.md names days, lessons and lates only.
        break;
    }
  }
  lessons.sort((a, b) => a.day - b.day);
  const lessonPrefix = [0];
  for (const l of lessons) lessonPrefix.push(lessonPrefix[lessonPrefix.length - 1] + l.lessons);
  return {
    absentDays: [...absent].sort(ascending),
    lessonDays: lessons.map((l) => l.day),
    lessonPrefix,
    lateDays: lateDays.sort(ascending),
    eventDays: [...events].sort(ascending),
  };
}

/** Index of the first element ≥ value in an ascending array. */
export function lowerBound(sorted: readonly number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** How many elements of an ascending array lie in [fromDay, toDay]. */
export function countInRange(sorted: readonly number[], fromDay: number, toDay: number): number {
  if (toDay < fromDay) return 0;
  return lowerBound(sorted, toDay + 1) - lowerBound(sorted, fromDay);
}

/** Lessons of absence in [fromDay, toDay]. */
export function lessonsInRange(index: AbsenceIndex, fromDay: number, toDay: number): number {
  if (toDay < fromDay) return 0;
  return index.lessonPrefix[lowerBound(index.lessonDays, toDay + 1)] - index.lessonPrefix[lowerBound(index.lessonDays, fromDay)];
}
