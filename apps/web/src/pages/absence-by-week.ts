/** A student's registrations summed by ISO week, newest first (the student page's table). */
import type { Registration } from '../api/types';

export interface WeekRow {
  week: string;
  days: number;
  lessons: number;
  lates: number;
  leftEarly: number;
}

/** ISO 8601 week of a YYYY-MM-DD date, as `2026-W49`. */
export function isoWeek(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  // The week's Thursday decides its year (ISO 8601).
  d.setUTCDate(d.getUTCDate() + 4 - (d.getUTCDay() || 7));
  const yearStart = Date.UTC(d.getUTCFullYear(), 0, 1);
  const week = Math.ceil(((d.getTime() - yearStart) / 86_400_000 + 1) / 7);
  return `${d.getUTCFullYear()}-W${String(week).padStart(2, '0')}`;
}

export function absenceByWeek(registrations: Registration[]): WeekRow[] {
  const weeks = new Map<string, WeekRow>();
  for (const r of registrations) {
    if (r.retracted) continue;
    const week = isoWeek(r.date);
    const row = weeks.get(week) ?? { week, days: 0, lessons: 0, lates: 0, leftEarly: 0 };
    if (r.kind === 'day') row.days += 1;
    else if (r.kind === 'lesson') row.lessons += r.lessons ?? 1;
    else if (r.kind === 'late') row.lates += 1;
    else row.leftEarly += 1;
    weeks.set(week, row);
  }
  return [...weeks.values()].sort((a, b) => (a.week < b.week ? 1 : -1));
}
