/**
 * GET /municipalities/:municipalityId/ppt-statistics?asOf=&compareTo= — PPT's own table
 * (baerum, seed 004 lines 57–63: per school level consulted, referred, sum and completely
 * absent, the earlier date's figures beside them).
 *
 * Cost: one indexed query for the municipality's cases that ever involved PPT, one `getMany`
 * for those cases' students and one for their schools; never a scan of all students.
 */
import { CASES, CASE_SCHOOLS, CASE_STUDENTS, type CaseDoc, type CaseSchoolDoc, type CaseStudentDoc, type StudentSchoolLevel } from '../cases/case-doc.js';
import type { CaseReader } from '../cases/case.queries.js';
import { isOpenOn, pptInvolvementOn } from '../cases/case-timeline.js';
import { COMPLETELY_ABSENT_SCHOOL_DAYS, isCompletelyAbsent } from './completely-absent.js';
import { lastSchoolDays } from './last-school-days.js';

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

export async function getPptStatistics(reader: CaseReader, municipalityId: string, asOf: string, compareTo?: string): Promise<PptStatistics> {
  const cases = await reader.find<CaseDoc>(CASES, { municipalityId, ppt: true });
  const studentIds = [...new Set(cases.map((c) => c.studentId))];
  const schoolIds = [...new Set(cases.map((c) => c.schoolId))];
  const [students, schools] = await Promise.all([
    reader.getMany<CaseStudentDoc>(CASE_STUDENTS, studentIds),
    reader.getMany<CaseSchoolDoc>(CASE_SCHOOLS, schoolIds),
  ]);
  const current = countAt(cases, students, schools, asOf);
  const previous = compareTo === undefined ? null : countAt(cases, students, schools, compareTo);
  return {
    asOf,
    compareTo: compareTo ?? null,
    rows: PPT_SCHOOL_LEVELS.map((schoolLevel) => ({ schoolLevel, ...current[schoolLevel], previous: previous ? previous[schoolLevel] : null })),
  };
}

function countAt(
  cases: readonly CaseDoc[],
  students: ReadonlyMap<string, CaseStudentDoc>,
  schools: ReadonlyMap<string, CaseSchoolDoc>,
  date: string,
): Record<StudentSchoolLevel, PptCounts> {
  const counts = {
    barneskole: { consulted: 0, referred: 0, sum: 0, completelyAbsent: 0 },
    ungdomsskole: { consulted: 0, referred: 0, sum: 0, completelyAbsent: 0 },
  };
  const windows = new Map<string, string[]>();
  // A student has one open case at a time; the set guards against double counting anyway.
  const absentCounted = new Set<string>();
  for (const doc of cases) {
    if (doc.schoolLevel === null || !isOpenOn(doc, date)) continue;
    const involvement = pptInvolvementOn(doc, date);
    if (involvement === null) continue;
    const row = counts[doc.schoolLevel];
    row[involvement] += 1;
    row.sum += 1;

    const student = students.get(doc.studentId);
    const school = schools.get(doc.schoolId);
    if (!student || !school || absentCounted.has(doc.studentId)) continue;
    let window = windows.get(school.schoolId);
    if (!window) {
      window = lastSchoolDays(school.schoolYears, date, COMPLETELY_ABSENT_SCHOOL_DAYS);
      windows.set(school.schoolId, window);
    }
    if (isCompletelyAbsent(student.registrations, window)) {
      row.completelyAbsent += 1;
      absentCounted.add(doc.studentId);
    }
  }
  return counts;
}
