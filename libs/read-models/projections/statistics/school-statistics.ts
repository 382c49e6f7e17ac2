/**
 * GET /schools/:schoolId/statistics?asOf= (api.md, "Read models"), counted at the business
 * date `asOf` from the `cases` projection's dated histories, so a past date gives what was
 * true then by the records' own dates, however late they were written.
 */
import { REFERRAL_TARGETS, type ConcernLevel, type ReferralTarget } from '#domain/events/index.js';
import { casesOfSchool, studentsOfSchool, type CaseReader } from '../cases/case.queries.js';
import { isOpenOn, phaseOn } from '../cases/case-timeline.js';

export interface SchoolStatistics {
  /** Students enrolled at the school now (enrolment carries no business date to count by). */
  students: number;
  byLevel: Record<ConcernLevel, number>;
  /** Cases open on `asOf`. */
  openCases: number;
  /** Open cases by their phase on `asOf`; keys are phase numbers. */
  casesByPhase: Record<string, number>;
  /**
   * Per target, the cases open on `asOf` with a referral or consultation to it dated on or
   * before `asOf`. Cases, not referral events, so a consultation followed by a referral to PPT
   * counts once, as in PPT's own table.
   */
  referrals: Record<ReferralTarget, number>;
}

/** The student's concern level on a date; the concern query supplies it. */
export type LevelOf = (studentId: string, asOf: string) => ConcernLevel | Promise<ConcernLevel>;

export async function getSchoolStatistics(reader: CaseReader, schoolId: string, asOf: string, levelOf: LevelOf): Promise<SchoolStatistics> {
  const [students, cases] = await Promise.all([studentsOfSchool(reader, schoolId), casesOfSchool(reader, schoolId)]);

  const byLevel: Record<ConcernLevel, number> = { green: 0, yellow: 0, red: 0 };
  const levels = await Promise.all(students.map((s) => levelOf(s.studentId, asOf)));
  for (const level of levels) byLevel[level] += 1;

  const referrals = Object.fromEntries(REFERRAL_TARGETS.map((t) => [t, 0])) as Record<ReferralTarget, number>;
  const casesByPhase: Record<string, number> = {};
  let openCases = 0;
  for (const doc of cases) {
    if (!isOpenOn(doc, asOf)) continue;
    openCases += 1;
    const phase = String(phaseOn(doc, asOf));
    casesByPhase[phase] = (casesByPhase[phase] ?? 0) + 1;
    const targets = new Set(doc.referrals.filter((r) => r.on <= asOf).map((r) => r.to));
    for (const target of targets) referrals[target] += 1;
  }
  return { students: students.length, byLevel, openCases, casesByPhase, referrals };
}
