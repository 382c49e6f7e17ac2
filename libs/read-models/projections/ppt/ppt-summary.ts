/**
 * A municipality's summary, in PPT_SUMMARY_BUCKETS documents, with exactly what PPT's figures and PPT's case list need:
 * the cases that ever involved PPT (their level, status history, PPT referrals and PPT
 * consents) and those schools' calendars. The students' day-absence dates are read beside it
 * from `follow-up-students` (`StudentDayDatesDoc`).
 *
 * Why a summary beside the case documents: one document is one read, where the statistics would
 * otherwise read a thousand full case documents. Why the dates are not in it: they change with
 * every day-absence of every student PPT follows, and the summary would be rewritten for nearly
 * every registration (BENCHMARKS.md).
 *
 * Why buckets: a municipality keeps every case that ever involved PPT, year after year, and one
 * document would grow past MongoDB's 16 MiB limit; each case, school and anonymous consultation
 * lives in the bucket its id hashes to, and readers merge the buckets (`mergePptSummary`).
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

export const PPT_SUMMARY_BUCKETS = 16;

export interface PptSummaryDoc {
  [field: string]: unknown;
  readonly municipalityId: string;
  /** Which bucket this document is (absent in a merged summary). */
  readonly bucket?: number;
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
  const bucket = await bucketOf(ctx, municipalityId, consultationId);
  (bucket as { anonymous?: Record<string, AnonymousConsultation> }).anonymous ??= {};
  bucket.anonymous![consultationId] = consultation;
  save(ctx, bucket, position);
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

/** The bucket of an id: FNV-1a, so that every instance and every rebuild puts it in the same one. */
export function pptSummaryBucket(id: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) hash = Math.imul(hash ^ id.charCodeAt(i), 0x01000193) >>> 0;
  return hash % PPT_SUMMARY_BUCKETS;
}

const bucketDocId = (municipalityId: string, bucket: number): string => `${municipalityId}#${bucket}`;

/** The bucket document holding `id`'s entry (a fresh one if there is none yet). */
async function bucketOf(ctx: ProjectionContext, municipalityId: string, id: string): Promise<PptSummaryDoc> {
  const bucket = pptSummaryBucket(id);
  return (
    (await ctx.get<PptSummaryDoc>(PPT_SUMMARIES, bucketDocId(municipalityId, bucket))) ?? { municipalityId, bucket, cases: {}, schools: {} }
  );
}

function save(ctx: ProjectionContext, doc: PptSummaryDoc, position: number): void {
  ctx.upsert(PPT_SUMMARIES, bucketDocId(doc.municipalityId, doc.bucket!), doc);
  ctx.upsert(PPT_SUMMARY_STAMPS, doc.municipalityId, { position });
}

/** A municipality's buckets as one summary. */
export function mergePptSummary(municipalityId: string, buckets: readonly PptSummaryDoc[]): PptSummaryDoc | undefined {
  if (buckets.length === 0) return undefined;
  const merged = { municipalityId, cases: {}, schools: {}, anonymous: {} } as {
    municipalityId: string;
    cases: Record<string, PptCaseSummary>;
    schools: Record<string, readonly SchoolYear[]>;
    anonymous: Record<string, AnonymousConsultation>;
  };
  for (const b of buckets) {
    Object.assign(merged.cases, b.cases);
    Object.assign(merged.schools, b.schools);
    Object.assign(merged.anonymous, b.anonymous ?? {});
  }
  return merged;
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
  const bucket = await bucketOf(ctx, doc.municipalityId, doc.caseId);
  bucket.cases[doc.caseId] = pptCaseSummary(doc);
  save(ctx, bucket, position);
  if (!school) return;
  // The school's calendar, in its own bucket (the same document when both ids hash alike).
  const schoolBucket =
    pptSummaryBucket(school.schoolId) === bucket.bucket ? bucket : await bucketOf(ctx, doc.municipalityId, school.schoolId);
  if (school.schoolId in schoolBucket.schools) return;
  schoolBucket.schools[school.schoolId] = school.schoolYears;
  save(ctx, schoolBucket, position);
}

/** After a calendar change of a school the summary follows. */
export async function syncPptSchool(ctx: ProjectionContext, position: number, school: CaseSchoolDoc): Promise<void> {
  const bucket = await ctx.get<PptSummaryDoc>(PPT_SUMMARIES, bucketDocId(school.municipalityId, pptSummaryBucket(school.schoolId)));
  if (!bucket || !(school.schoolId in bucket.schools)) return;
  bucket.schools[school.schoolId] = school.schoolYears;
  save(ctx, bucket, position);
}
