/**
 * A school's absence week by week (the Statistikk page's trend): for each of the last `weeks`
 * ISO weeks up to `to`, the days, lessons and late arrivals registered and how many students
 * had any absence. Summed from the same lean per-day documents the absence list reads.
 */
import { addDays, isoWeekday, toDayNumber } from '#domain/calendar/dates.js';
import type { AbsenceReaders } from '../concern/absence-readers.js';
import { getSchool } from '../directory/directory.query.js';
import { sumPackedDays } from '../student-absence/packed-days.js';
import { listStudentDays } from '../student-absence/student-absence.query.js';

export interface WeekTrend {
  /** ISO week, as `2026-W49`. */
  week: string;
  /** Its Monday and Sunday. */
  from: string;
  to: string;
  days: number;
  lessons: number;
  lates: number;
  /** Students with any day or lesson absence that week. */
  studentsAbsent: number;
}

/** ISO 8601 week of a date: the week's Thursday decides its year. */
export function isoWeekOf(date: string): string {
  const thursday = addDays(date, 4 - isoWeekday(toDayNumber(date)));
  const year = Number(thursday.slice(0, 4));
  const week = Math.floor((toDayNumber(thursday) - toDayNumber(`${year}-01-01`)) / 7) + 1;
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** null when the school is not registered. */
export async function getWeeklyTrend(readers: AbsenceReaders, schoolId: string, to: string, weeks: number): Promise<WeekTrend[] | null> {
  if (!(await getSchool(readers.directory, schoolId))) return null;
  const students = await listStudentDays(readers.studentAbsence, schoolId);
  const lastMonday = addDays(to, 1 - isoWeekday(toDayNumber(to)));
  const out: WeekTrend[] = [];
  for (let i = weeks - 1; i >= 0; i--) {
    const from = addDays(lastMonday, -7 * i);
    const end = addDays(from, 6);
    const row: WeekTrend = { week: isoWeekOf(from), from, to: end, days: 0, lessons: 0, lates: 0, studentsAbsent: 0 };
    for (const s of students) {
      const t = sumPackedDays(s, from, end);
      row.days += t.days;
      row.lessons += t.lessons;
      row.lates += t.lates;
      if (t.days + t.lessons > 0) row.studentsAbsent += 1;
    }
    out.push(row);
  }
  return out;
}
