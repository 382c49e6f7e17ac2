/**
 * GET /municipalities/:municipalityId/ppt-statistics?asOf=&compareTo= — PPT's own table
 * (baerum, seed 004 lines 57–63: per school level consulted, referred, sum and completely
 * absent, the earlier date's figures beside them).
 *
 * Cost: one small document read (the summary's stamp; the summary itself only when it changed,
 * see ppt-summary-cache.ts), one indexed read of the followed students' day-absence dates (kept
 * parsed by the store), then work in memory; never a scan of all students or of case documents.
 */
import type { StudentSchoolLevel } from '../cases/case-doc.js';
import { isOpenOn, pptInvolvementOn } from '../cases/case-timeline.js';
import { COMPLETELY_ABSENT_SCHOOL_DAYS, isCompletelyAbsent } from './completely-absent.js';
import { lastSchoolDays } from './last-school-days.js';
import type { PptSummaryDoc } from './ppt-summary.js';
import type { CaseAndStudentReaders } from '../cases/case.queries.js';
import { readPptSummaryAndDays } from './ppt-summary-cache.js';

export const PPT_SCHOOL_LEVELS: readonly StudentSchoolLevel[] = ['barneskole', 'ungdomsskole'];

export interface PptCounts {
  consulted: number;
  referred: number;
  sum: number;
  completelyAbsent: number;
}

export interface PptStatisticsRow extends PptCounts {
  schoolLevel: StudentSchoolLevel;
  /** The same counts at `compareTo`; null without it. */
  previous: PptCounts | null;
}

export interface PptStatistics {
  asOf: string;
  compareTo: string | null;
  rows: PptStatisticsRow[];
}

export async function getPptStatistics(
  readers: CaseAndStudentReaders,
  municipalityId: string,
  asOf: string,
  compareTo?: string,
): Promise<PptStatistics> {
  const { summary = { municipalityId, cases: {}, schools: {} }, days } = await readPptSummaryAndDays(readers, municipalityId);
  const current = countAt(summary, days, asOf);
  const previous = compareTo === undefined ? null : countAt(summary, days, compareTo);
  return {
    asOf,
    compareTo: compareTo ?? null,
    rows: PPT_SCHOOL_LEVELS.map((schoolLevel) => ({
      schoolLevel,
      ...current[schoolLevel],
      previous: previous ? previous[schoolLevel] : null,
    })),
  };
}

function countAt(
  summary: PptSummaryDoc,
  dayAbsences: ReadonlyMap<string, ReadonlySet<string>>,
  date: string,
): Record<StudentSchoolLevel, PptCounts> {
  const counts = {
    barneskole: { consulted: 0, referred: 0, sum: 0, completelyAbsent: 0 },
    ungdomsskole: { consulted: 0, referred: 0, sum: 0, completelyAbsent: 0 },
  };
  const windows = new Map<string, string[]>();
  // A student has one open case at a time; the set guards against double counting anyway.
  const absentCounted = new Set<string>();
  for (const entry of Object.values(summary.cases)) {
    if (entry.schoolLevel === null || !isOpenOn(entry, date)) continue;
    const involvement = pptInvolvementOn(entry, date);
    if (involvement === null) continue;
    const row = counts[entry.schoolLevel];
    row[involvement] += 1;
    row.sum += 1;

    const days = dayAbsences.get(entry.studentId);
    const schoolYears = summary.schools[entry.schoolId];
    if (!days || days.size < COMPLETELY_ABSENT_SCHOOL_DAYS || !schoolYears || absentCounted.has(entry.studentId)) continue;
    let window = windows.get(entry.schoolId);
    if (!window) {
      window = lastSchoolDays({ schoolId: entry.schoolId, schoolYears }, date, COMPLETELY_ABSENT_SCHOOL_DAYS);
      windows.set(entry.schoolId, window);
    }
    if (isCompletelyAbsent(days, window)) {
      row.completelyAbsent += 1;
      absentCounted.add(entry.studentId);
    }
  }
  return counts;
}
