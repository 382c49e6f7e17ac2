/**
 * One document per municipality with exactly what PPT's figures and PPT's case list need:
 * the cases that ever involved PPT (their level, status history, PPT referrals and PPT
 * consents) and those schools' calendars. The students' day-absence dates are read beside it
 * from `follow-up-students` (`StudentDayDatesDoc`).
 *
 * Why a summary beside the case documents: one document is one read, where the statistics would
 * otherwise read a thousand full case documents. Why the dates are not in it: they change with
 * every day-absence of every student PPT follows, and the summary would be rewritten for nearly
 * every registration (BENCHMARKS.md).
 *
 * Kept up to date by the `cases` projection (it has the school facts at hand); each entry is
 * derived from the current case document, so re-deriving is always safe.
 */
import type { SchoolYear } from '#domain/events/index.js';
import type { ProjectionContext } from '../../projector/projection.js';
import type { CaseConsent, CaseDoc, CaseReferral, CaseSchoolDoc, StatusEntry, StudentSchoolLevel } from '../cases/case-doc.js';

export const PPT_SUMMARIES = 'ppt-summaries';
/**
 * municipalityId → `{ position }`, the event position of the last change to the summary, written
 * in the same commit as that change. A reader holding it parsed checks this small document
 * instead of reading and parsing it again (ppt-summary-cache.ts).
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
  readonly consents: readonly Pick<CaseConsent, 'purpose' | 'givenOn' | 'withdrawnOn' | 'recipients'>[];
}

export interface PptSummaryDoc {
  [field: string]: unknown;
  readonly municipalityId: string;
  readonly cases: Record<string, PptCaseSummary>;
  /** schoolId → the school's years (only schools with PPT cases). */
  readonly schools: Record<string, readonly SchoolYear[]>;
  /** consultationId → an anonymous consultation with PPT (no student, no consent). */
  readonly anonymous?: Record<string, AnonymousConsultation>;
}

export interface AnonymousConsultation {
  readonly schoolId: string;
  readonly schoolLevel: StudentSchoolLevel;
  readonly on: string;
}

/** After an anonymous consultation at one of the municipality's schools. */
export async function addAnonymousConsultation(
  ctx: ProjectionContext,
  position: number,
  municipalityId: string,
  consultationId: string,
  consultation: AnonymousConsultation,
): Promise<void> {
  const summary = await summaryOf(ctx, municipalityId);
  (summary as { anonymous?: Record<string, AnonymousConsultation> }).anonymous ??= {};
  summary.anonymous![consultationId] = consultation;
  save(ctx, summary, position);
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
      .map((c) => ({
        purpose: c.purpose,
        recipients: c.recipients,
        givenOn: c.givenOn,
        ...(c.withdrawnOn === undefined ? {} : { withdrawnOn: c.withdrawnOn }),
      })),
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
  school: CaseSchoolDoc | undefined,
): Promise<void> {
  if (!doc.ppt || doc.municipalityId === null) return;
  const summary = await summaryOf(ctx, doc.municipalityId);
  summary.cases[doc.caseId] = pptCaseSummary(doc);
  if (school && !(school.schoolId in summary.schools)) summary.schools[school.schoolId] = school.schoolYears;
  save(ctx, summary, position);
}

/** After a calendar change of a school the summary follows. */
export async function syncPptSchool(ctx: ProjectionContext, position: number, school: CaseSchoolDoc): Promise<void> {
  const summary = await ctx.get<PptSummaryDoc>(PPT_SUMMARIES, school.municipalityId);
  if (!summary || !(school.schoolId in summary.schools)) return;
  summary.schools[school.schoolId] = school.schoolYears;
  save(ctx, summary, position);
}
