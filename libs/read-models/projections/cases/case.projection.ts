/**
 * The `cases` projection: one summary document per case, plus the few school and student
 * facts the case queries need (CaseOpened names only the ids; the municipality, school level,
 * name and grade come from the school and student streams). A student's registrations and
 * recorded levels are not here but in `follow-up-students`, which is read stream by stream.
 *
 * Those school/student documents are this projection's own, not the directory's: a
 * projection reads only its own collections, so it stays rebuildable on its own.
 */
import type { StoredEvent } from '#event-store/event-store.port.js';
import { businessDate } from '#domain/shared/dates.js';
import { toDomainEvent, type AnyDomainEvent, type CaseEvent } from '#domain/events/index.js';
import { withSchoolYear } from '#domain/calendar/school-years.js';
import { addAnonymousConsultation, PPT_SUMMARIES, PPT_SUMMARY_STAMPS, syncPptCase, syncPptSchool } from '../ppt/ppt-summary.js';
import type { DocKey, Projection, ProjectionContext } from '../../projector/projection.js';
import {
  CASES,
  CASE_SCHOOLS,
  CASE_STUDENTS,
  studentSchoolLevel,
  type CaseDoc,
  type CaseSchoolDoc,
  type CaseStudentDoc,
  SCHOOL_REVIEWS,
  type SchoolReviewDoc,
} from './case-doc.js';

const SCHOOL_EVENTS = ['SchoolRegistered', 'SchoolCalendarChanged'] as const;
const CASE_EVENTS = [
  'CaseOpened',
  'ContactRecorded',
  'MeetingHeld',
  'MappingRecorded',
  'MeasureAgreed',
  'MeasureEvaluated',
  'ConsentGiven',
  'ConsentWithdrawn',
  'ReferralMade',
  'PhaseChanged',
  'ReturnPlanAgreed',
  'CaseClosed',
  'CaseReopened',
  'CaseBlocked',
  'CaseDeposited',
] as const satisfies readonly CaseEvent['type'][];

const CASE_EVENT_SET: ReadonlySet<string> = new Set(CASE_EVENTS);

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

export const caseProjection: Projection = {
  name: 'cases',
  // 2: the PPT students' day-absence dates moved out of the municipality summary (ppt-summary.ts).
  // 3: a student's registrations are an array (case-doc.ts).
  // 4: ... of packed tuples (PackedRegistration).
  // 5: registrations, levels and PPT's day-absence dates moved to `follow-up-students`.
  // 6: PPT summaries keep each consent's recipients (a PPT consent must name PPT).
  // 7: routine reviews held (school-reviews); anonymous PPT consultations in the PPT summaries.
  // 8: PPT summaries in buckets (MongoDB's 16 MiB document limit).
  // 9: blocking (sperring) and deposits to the archive on the case.
  version: 9,
  collections: [
    // Lists (absence list, statistics, tasks) and the concern saga read cases far more often than cases change.
    { name: CASES, indexes: ['schoolId', 'municipalityId', 'studentId', 'status', 'ppt'], readCache: true },
    { name: CASE_SCHOOLS, indexes: ['municipalityId'] },
    { name: CASE_STUDENTS, indexes: ['schoolId'] },
    { name: PPT_SUMMARIES, indexes: ['municipalityId'] },
    { name: PPT_SUMMARY_STAMPS, indexes: [] },
    { name: SCHOOL_REVIEWS, indexes: ['schoolId'] },
  ],
  handles: [...SCHOOL_EVENTS, 'ReviewHeld', 'AnonymousConsultationRecorded', 'StudentEnrolled', 'StudentMoved', ...CASE_EVENTS],
  prefetch(event: StoredEvent): readonly DocKey[] {
    const data = event.data as { caseId?: string; studentId?: string; schoolId?: string };
    const keys: DocKey[] = [];
    if (CASE_EVENT_SET.has(event.type) && data.caseId) keys.push({ collection: CASES, id: data.caseId });
    if ((event.type === 'CaseOpened' || event.type === 'StudentEnrolled' || event.type === 'StudentMoved') && data.studentId) {
      keys.push({ collection: CASE_STUDENTS, id: data.studentId });
    }
    if (
      data.schoolId &&
      (event.type === 'CaseOpened' ||
        event.type === 'StudentEnrolled' ||
        event.type === 'StudentMoved' ||
        event.type.startsWith('School') ||
        event.type === 'AnonymousConsultationRecorded')
    ) {
      keys.push({ collection: CASE_SCHOOLS, id: data.schoolId });
    }
    return keys;
  },
  async apply(stored, ctx) {
    const event = toDomainEvent(stored);
    const seq = stored.position;
    if (event.type === 'SchoolRegistered' || event.type === 'SchoolCalendarChanged') return applySchool(event, seq, ctx);
    if (event.type === 'AnonymousConsultationRecorded') {
      const d = event.data;
      const school = await ctx.get<CaseSchoolDoc>(CASE_SCHOOLS, d.schoolId);
      if (school)
        await addAnonymousConsultation(ctx, seq, school.municipalityId, d.consultationId, {
          schoolId: d.schoolId,
          schoolLevel: d.schoolLevel,
          on: d.at,
        });
      return;
    }
    if (event.type === 'ReviewHeld') {
      const review: SchoolReviewDoc = { ...event.data };
      ctx.upsert(SCHOOL_REVIEWS, event.data.reviewId, review);
      return;
    }
    if (event.type === 'CaseOpened') return openCase(event.data, seq, ctx);
    if (CASE_EVENT_SET.has(event.type)) return applyCaseEvent(event as Exclude<CaseEvent, { type: 'CaseOpened' }>, seq, ctx);
    if (event.type === 'StudentEnrolled') return enrol(event.data, seq, ctx);
    if (event.type === 'StudentMoved') {
      // A move is a new placement of the same student: as a re-enrolment, with the name already known.
      const known = await ctx.get<CaseStudentDoc>(CASE_STUDENTS, event.data.studentId);
      if (!known) return;
      const { studentId, schoolId, grade, group } = event.data;
      return enrol({ studentId, schoolId, name: known.name, grade, group }, seq, ctx);
    }
  },
};

async function applySchool(
  event: Extract<AnyDomainEvent, { type: 'SchoolRegistered' | 'SchoolCalendarChanged' }>,
  seq: number,
  ctx: ProjectionContext,
): Promise<void> {
  if (event.type === 'SchoolRegistered') {
    const d = event.data;
    const doc: CaseSchoolDoc = {
      schoolId: d.schoolId,
      name: d.name,
      municipalityId: d.municipalityId,
      level: d.level,
      planId: d.planId,
      planVersion: d.planVersion,
      schoolYears: withSchoolYear([], d.schoolYear),
    };
    ctx.upsert(CASE_SCHOOLS, d.schoolId, doc);
    return;
  }
  const school = await ctx.get<CaseSchoolDoc>(CASE_SCHOOLS, event.data.schoolId);
  if (!school) return;
  // Earlier years are kept: "the last 20 school days" may reach back into the previous one.
  const changed: CaseSchoolDoc = { ...school, schoolYears: withSchoolYear(school.schoolYears, event.data.schoolYear) };
  ctx.upsert(CASE_SCHOOLS, school.schoolId, changed);
  await syncPptSchool(ctx, seq, changed);
}

async function enrol(d: Extract<AnyDomainEvent, { type: 'StudentEnrolled' }>['data'], seq: number, ctx: ProjectionContext): Promise<void> {
  const existing = await ctx.get<CaseStudentDoc>(CASE_STUDENTS, d.studentId);
  const school = await ctx.get<CaseSchoolDoc>(CASE_SCHOOLS, d.schoolId);
  const student: CaseStudentDoc = {
    studentId: d.studentId,
    schoolId: d.schoolId,
    name: d.name,
    grade: d.grade,
    group: d.group,
    caseIds: existing?.caseIds ?? [],
  };
  ctx.upsert(CASE_STUDENTS, d.studentId, student);
  // A re-enrolment (new school year, new grade) changes the level the student's cases count under.
  for (const caseId of student.caseIds) {
    const doc = await ctx.get<CaseDoc>(CASES, caseId);
    if (!doc) continue;
    const caseSchool = doc.schoolId === d.schoolId ? school : await ctx.get<CaseSchoolDoc>(CASE_SCHOOLS, doc.schoolId);
    const changed: CaseDoc = {
      ...doc,
      studentName: d.name,
      grade: d.grade,
      schoolLevel: caseSchool ? studentSchoolLevel(caseSchool.level, d.grade) : null,
    };
    ctx.upsert(CASES, caseId, changed);
    await syncPptCase(ctx, seq, changed, caseSchool);
  }
}

async function openCase(d: Extract<CaseEvent, { type: 'CaseOpened' }>['data'], seq: number, ctx: ProjectionContext): Promise<void> {
  // A second CaseOpened on one stream is refused by the decider; ignore it like evolveCase does.
  if (await ctx.get(CASES, d.caseId)) return;
  const school = await ctx.get<CaseSchoolDoc>(CASE_SCHOOLS, d.schoolId);
  const student = await ctx.get<CaseStudentDoc>(CASE_STUDENTS, d.studentId);
  const doc: CaseDoc = {
    caseId: d.caseId,
    studentId: d.studentId,
    schoolId: d.schoolId,
    municipalityId: school?.municipalityId ?? null,
    schoolName: school?.name ?? null,
    studentName: student?.name ?? null,
    grade: student?.grade ?? null,
    schoolLevel: school && student ? studentSchoolLevel(school.level, student.grade) : null,
    status: 'open',
    openedOn: d.openedOn,
    reason: d.reason,
    statusHistory: [{ status: 'open', on: d.openedOn, seq }],
    phase: d.phase,
    phaseHistory: [{ phase: d.phase, on: d.openedOn, seq, reason: null }],
    referrals: [],
    consents: [],
    meetings: [],
    measures: [],
    contacts: [],
    mappings: [],
    returnPlan: null,
    ppt: false,
  };
  ctx.upsert(CASES, d.caseId, doc);
  if (student && !student.caseIds.includes(d.caseId)) {
    ctx.upsert(CASE_STUDENTS, d.studentId, { ...student, caseIds: [...student.caseIds, d.caseId] });
  }
}

async function applyCaseEvent(event: Exclude<CaseEvent, { type: 'CaseOpened' }>, seq: number, ctx: ProjectionContext): Promise<void> {
  const current = await ctx.get<CaseDoc>(CASES, event.data.caseId);
  if (!current) return;
  const doc: Mutable<CaseDoc> = { ...current };
  switch (event.type) {
    case 'ContactRecorded': {
      const { caseId: _c, ...contact } = event.data;
      doc.contacts = [...doc.contacts, { ...contact, on: businessDate(contact.at), seq }];
      break;
    }
    case 'MeetingHeld': {
      const { caseId: _c, ...meeting } = event.data;
      doc.meetings = [...doc.meetings, { ...meeting, heldOn: businessDate(meeting.heldAt), seq }];
      break;
    }
    case 'MappingRecorded': {
      const { caseId: _c, ...mapping } = event.data;
      doc.mappings = [...doc.mappings, { ...mapping, seq }];
      break;
    }
    case 'MeasureAgreed': {
      const { caseId: _c, ...measure } = event.data;
      doc.measures = [...doc.measures, { ...measure, evaluations: [], seq }];
      break;
    }
    case 'MeasureEvaluated': {
      const { caseId: _c, measureId, ...evaluation } = event.data;
      doc.measures = doc.measures.map((m) =>
        m.measureId === measureId ? { ...m, evaluations: [...m.evaluations, { ...evaluation, seq }] } : m,
      );
      break;
    }
    case 'ConsentGiven': {
      const { consentId, purpose, recipients, givenBy, givenAt } = event.data;
      doc.consents = [...doc.consents, { consentId, purpose, recipients, givenBy, givenAt, givenOn: businessDate(givenAt) }];
      break;
    }
    case 'ConsentWithdrawn': {
      const { consentId, at } = event.data;
      doc.consents = doc.consents.map((c) => (c.consentId === consentId ? { ...c, withdrawnAt: at, withdrawnOn: businessDate(at) } : c));
      break;
    }
    case 'ReferralMade': {
      const { referralId, to, kind, at, note, consentId } = event.data;
      doc.referrals = [...doc.referrals, { referralId, to, kind, at, on: businessDate(at), note, consentId, seq }];
      if (to === 'ppt') doc.ppt = true;
      break;
    }
    case 'PhaseChanged':
      doc.phase = event.data.phase;
      doc.phaseHistory = [...doc.phaseHistory, { phase: event.data.phase, on: event.data.on, seq, reason: event.data.reason }];
      break;
    case 'ReturnPlanAgreed': {
      const { goals, presenceGuide, startsOn } = event.data;
      doc.returnPlan = { goals, presenceGuide, startsOn, seq };
      break;
    }
    case 'CaseClosed':
      doc.status = 'closed';
      doc.statusHistory = [...doc.statusHistory, { status: 'closed', on: event.data.on, seq }];
      break;
    case 'CaseReopened':
      doc.status = 'open';
      doc.statusHistory = [...doc.statusHistory, { status: 'open', on: event.data.on, seq }];
      break;
    case 'CaseBlocked':
      doc.blocked = { on: event.data.on };
      break;
    case 'CaseDeposited':
      doc.depositedOn = event.data.on;
      break;
  }
  ctx.upsert(CASES, doc.caseId, doc);
  if (doc.ppt) await syncPptCase(ctx, seq, doc, await ctx.get<CaseSchoolDoc>(CASE_SCHOOLS, doc.schoolId));
}
