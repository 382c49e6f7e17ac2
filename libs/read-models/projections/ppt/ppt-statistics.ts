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
import { addDays } from '#domain/calendar/index.js';

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
  from?: string;
  compareTo: string | null;
  rows: PptStatisticsRow[];
}

/**
 * @param from with it, consulted and referred count every case with a PPT consultation or referral
 *   dated in from..asOf (the seed's "høsten 2022"), and `previous` covers as many days ending at
 *   compareTo; without it, the cases open on asOf. Anonymous consultations count as consulted: those
 *   dated in the period, or without `from`, since 1 August of asOf's school year.
 */
export async function getPptStatistics(
  readers: CaseAndStudentReaders,
  municipalityId: string,
  asOf: string,
  compareTo?: string,
  from?: string,
): Promise<PptStatistics> {
  const { summary = { municipalityId, cases: {}, schools: {} }, days } = await readPptSummaryAndDays(readers, municipalityId);
  const current = countAt(summary, days, asOf, from);
  const previousFrom = from === undefined || compareTo === undefined ? undefined : addDays(compareTo, -daysBetween(from, asOf));
  const previous = compareTo === undefined ? null : countAt(summary, days, compareTo, previousFrom);
  return {
    asOf,
    ...(from === undefined ? {} : { from }),
    compareTo: compareTo ?? null,
    rows: PPT_SCHOOL_LEVELS.map((schoolLevel) => ({
      schoolLevel,
      ...current[schoolLevel],
      previous: previous ? previous[schoolLevel] : null,
    })),
  };
}

/** Referred if a PPT referral is dated in from..to, else consulted if a PPT consultation is. */
function pptInvolvementIn(entry: { readonly referrals: readonly { to: string; kind: string; on: string }[] }, from: string, to: string) {
  const inPeriod = entry.referrals.filter((r) => r.to === 'ppt' && r.on >= from && r.on <= to);
  if (inPeriod.some((r) => r.kind === 'referral')) return 'referred' as const;
  return inPeriod.length > 0 ? ('consulted' as const) : null;
}

/** 1 August of the school year `date` lies in (Norwegian school years start in August). */
function schoolYearStartOf(date: string): string {
  const year = Number(date.slice(0, 4));
  return `${date.slice(5, 7) >= '08' ? year : year - 1}-08-01`;
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);
}

function countAt(
  summary: PptSummaryDoc,
  dayAbsences: ReadonlyMap<string, ReadonlySet<string>>,
  date: string,
  from?: string,
): Record<StudentSchoolLevel, PptCounts> {
  const counts = {
    barneskole: { consulted: 0, referred: 0, sum: 0, completelyAbsent: 0 },
    ungdomsskole: { consulted: 0, referred: 0, sum: 0, completelyAbsent: 0 },
  };
  const windows = new Map<string, string[]>();
  // A student has one open case at a time; the set guards against double counting anyway.
  const absentCounted = new Set<string>();
  const anonymousFrom = from ?? schoolYearStartOf(date);
  for (const a of Object.values(summary.anonymous ?? {})) {
    if (a.on < anonymousFrom || a.on > date) continue;
    counts[a.schoolLevel].consulted += 1;
    counts[a.schoolLevel].sum += 1;
  }
  for (const entry of Object.values(summary.cases)) {
    if (entry.schoolLevel === null) continue;
    const involvement =
      from === undefined ? (isOpenOn(entry, date) ? pptInvolvementOn(entry, date) : null) : pptInvolvementIn(entry, from, date);
    if (involvement === null) continue;
    const row = counts[entry.schoolLevel];
    row[involvement] += 1;
    row.sum += 1;
    // Completely absent: among the cases counted that are open on the date.
    if (!isOpenOn(entry, date)) continue;

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
