/**
 * One document per municipality with exactly what PPT's figures and PPT's case list need:
 * the cases that ever involved PPT (their level, status history, PPT referrals and PPT
 * consents) and those schools' calendars; beside it, one small document per such student
 * with the student's day-absence dates.
 *
 * Why a summary beside the case documents: the statistics must answer at p99 ≤ 100 ms for a
 * municipality of 20,000 students, and reading a thousand full case documents (minutes,
 * measures, contacts) costs more than that on its own. One document is one read.
 *
 * Why the dates are not in the summary: they change with every day-absence of every student
 * PPT follows, and a summary holding them (1.35 MB for the generated municipality of 20,000
 * students) was rewritten for nearly every batch of registrations, which was most of the cost
 * of registering absence (bench/, BENCHMARKS.md).
 *
 * Kept up to date by the `cases` projection (it has the school and student facts at hand);
 * each entry is derived from the current case document, so re-deriving is always safe.
 */
import type { SchoolYear } from '../../../domain/events/index.js';
import type { ProjectionContext } from '../../projector/projection.js';
import { dayAbsenceDatesOf, type CaseConsent, type CaseDoc, type CaseReferral, type CaseSchoolDoc, type CaseStudentDoc, type StatusEntry, type StudentSchoolLevel } from '../cases/case-doc.js';

export const PPT_SUMMARIES = 'ppt-summaries';
/** studentId → `PptStudentDaysDoc`, indexed by municipality. */
export const PPT_STUDENT_DAYS = 'ppt-student-days';
/**
 * municipalityId → `{ position }`, the event position of the last change to the summary or to a
 * followed student's dates, written in the same commit as that change. A reader holding them
 * parsed checks this small document instead of reading and parsing them again (ppt-summary-cache.ts).
 */
export const PPT_SUMMARY_STAMPS = 'ppt-summary-stamps';

export interface PptSummaryStamp {
  [field: string]: unknown;
  readonly position: number;
}

export interface PptCaseSummary {
  readonly studentId: string;
  readonly schoolId: string;
  readonly schoolLevel: StudentSchoolLevel | null;
  readonly statusHistory: readonly StatusEntry[];
  /** PPT referrals and consultations only (shaped for case-timeline's helpers). */
  readonly referrals: readonly Pick<CaseReferral, 'to' | 'kind' | 'on'>[];
  /** PPT consents only. */
  readonly consents: readonly Pick<CaseConsent, 'purpose' | 'givenOn' | 'withdrawnOn'>[];
}

export interface PptSummaryDoc {
  [field: string]: unknown;
  readonly municipalityId: string;
  readonly cases: Record<string, PptCaseSummary>;
  /** schoolId → the school's years (only schools with PPT cases). */
  readonly schools: Record<string, readonly SchoolYear[]>;
}

/** A student PPT follows: the distinct dates with an active day-absence, ascending. */
export interface PptStudentDaysDoc {
  [field: string]: unknown;
  readonly municipalityId: string;
  readonly studentId: string;
  readonly dates: readonly string[];
}

export function pptCaseSummary(doc: CaseDoc): PptCaseSummary {
  return {
    studentId: doc.studentId,
    schoolId: doc.schoolId,
    schoolLevel: doc.schoolLevel,
    statusHistory: doc.statusHistory,
    referrals: doc.referrals.filter((r) => r.to === 'ppt').map((r) => ({ to: r.to, kind: r.kind, on: r.on })),
    consents: doc.consents
      .filter((c) => c.purpose === 'ppt')
      .map((c) => ({ purpose: c.purpose, givenOn: c.givenOn, ...(c.withdrawnOn === undefined ? {} : { withdrawnOn: c.withdrawnOn }) })),
  };
}

async function summaryOf(ctx: ProjectionContext, municipalityId: string): Promise<PptSummaryDoc> {
  return (await ctx.get<PptSummaryDoc>(PPT_SUMMARIES, municipalityId)) ?? { municipalityId, cases: {}, schools: {} };
}

function save(ctx: ProjectionContext, summary: PptSummaryDoc, position: number): void {
  ctx.upsert(PPT_SUMMARIES, summary.municipalityId, summary);
  ctx.upsert(PPT_SUMMARY_STAMPS, summary.municipalityId, { position });
}

/**
 * After a change to a case that involves PPT. The summary is changed in place and upserted in
 * the same apply (the projector's cache contract), so a busy batch costs no copying.
 */
export async function syncPptCase(
  ctx: ProjectionContext,
  position: number,
  doc: CaseDoc,
  student: CaseStudentDoc | undefined,
  school: CaseSchoolDoc | undefined,
): Promise<void> {
  if (!doc.ppt || doc.municipalityId === null) return;
  const summary = await summaryOf(ctx, doc.municipalityId);
  summary.cases[doc.caseId] = pptCaseSummary(doc);
  if (student) await saveDays(ctx, position, doc.municipalityId, student);
  if (school && !(school.schoolId in summary.schools)) summary.schools[school.schoolId] = school.schoolYears;
  save(ctx, summary, position);
}

/** After a registration of a student whose absence PPT's figures follow. */
export async function syncPptStudentDays(ctx: ProjectionContext, position: number, student: CaseStudentDoc): Promise<void> {
  if (student.pptMunicipalityId) await saveDays(ctx, position, student.pptMunicipalityId, student);
}

/** Writes the student's dates when they differ from the stored ones (a lesson or a late changes none). */
async function saveDays(ctx: ProjectionContext, position: number, municipalityId: string, student: CaseStudentDoc): Promise<void> {
  const dates = dayAbsenceDatesOf(student);
  const stored = await ctx.get<PptStudentDaysDoc>(PPT_STUDENT_DAYS, student.studentId);
  if (stored && stored.municipalityId === municipalityId && sameDates(stored.dates, dates)) return;
  const doc: PptStudentDaysDoc = { municipalityId, studentId: student.studentId, dates };
  ctx.upsert(PPT_STUDENT_DAYS, student.studentId, doc);
  ctx.upsert(PPT_SUMMARY_STAMPS, municipalityId, { position });
}

function sameDates(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

/** After a calendar change of a school the summary follows. */
export async function syncPptSchool(ctx: ProjectionContext, position: number, school: CaseSchoolDoc): Promise<void> {
  const summary = await ctx.get<PptSummaryDoc>(PPT_SUMMARIES, school.municipalityId);
  if (!summary || !(school.schoolId in summary.schools)) return;
  summary.schools[school.schoolId] = school.schoolYears;
  save(ctx, summary, position);
}
