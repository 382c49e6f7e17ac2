/**
 * Document shapes of the `cases` projection. Dates named `…On` are business dates
 * ('YYYY-MM-DD'); fields named `at`/`givenAt`/`heldAt` keep what was recorded (a date or an
 * instant) and carry a normalised `…On` beside them, so queries compare plain dates.
 *
 * Every history entry carries `seq` (the global position of the event that recorded it):
 * business dates may tie or arrive out of order, and the recording order breaks ties the
 * same way on every rebuild.
 */
import type {
  ConsentGiver,
  ConsentPurpose,
  ContactChannel,
  ContactParty,
  EvaluationOutcome,
  MappingDomains,
  MeetingType,
  PersonRef,
  ReferralKind,
  ReferralTarget,
  SchoolLevel,
  SchoolYear,
} from '#domain/events/index.js';

/** Logical collection names (unique across all projections, hence the prefix). */
export const CASES = 'cases';
export const CASE_SCHOOLS = 'case-schools';
export const CASE_STUDENTS = 'case-students';

/** The two levels PPT reports by; a `kombinert` school is split by grade. */
export type StudentSchoolLevel = 'barneskole' | 'ungdomsskole';

export interface StatusEntry {
  readonly status: 'open' | 'closed';
  readonly on: string;
  readonly seq: number;
}

export interface PhaseHistoryEntry {
  readonly phase: number;
  readonly on: string;
  readonly seq: number;
  /** Null for the phase the case was opened in. */
  readonly reason: string | null;
}

export interface CaseReferral {
  readonly referralId: string;
  readonly to: ReferralTarget;
  readonly kind: ReferralKind;
  readonly at: string;
  readonly on: string;
  readonly note: string;
  readonly consentId: string | null;
  readonly seq: number;
}

export interface CaseConsent {
  readonly consentId: string;
  readonly purpose: ConsentPurpose;
  readonly recipients: readonly string[];
  readonly givenBy: ConsentGiver;
  readonly givenAt: string;
  readonly givenOn: string;
  readonly withdrawnAt?: string;
  readonly withdrawnOn?: string;
}

export interface CaseMeeting {
  readonly meetingId: string;
  readonly type: MeetingType;
  readonly heldAt: string;
  readonly heldOn: string;
  readonly participants: readonly PersonRef[];
  readonly minutes: string;
  readonly studentView?: string;
  readonly seq: number;
}

export interface CaseEvaluation {
  readonly evaluationId: string;
  readonly outcome: EvaluationOutcome;
  readonly note: string;
  readonly studentView?: string;
  readonly on: string;
  readonly seq: number;
}

export interface CaseMeasure {
  readonly measureId: string;
  readonly description: string;
  readonly responsible: PersonRef;
  readonly startsOn: string;
  readonly evaluateBy: string;
  readonly evaluations: readonly CaseEvaluation[];
  readonly seq: number;
}

export interface CaseContact {
  readonly contactId: string;
  readonly with: ContactParty;
  readonly channel: ContactChannel;
  readonly at: string;
  readonly on: string;
  readonly summary: string;
  readonly studentView?: string;
  readonly seq: number;
}

export interface CaseMapping {
  readonly mappingId: string;
  readonly domains: MappingDomains;
  readonly summary: string;
  readonly on: string;
  readonly seq: number;
}

export interface CaseReturnPlan {
  readonly goals: readonly string[];
  readonly presenceGuide: PersonRef;
  readonly startsOn: string;
  readonly seq: number;
}

/** One follow-up case, with everything the statistics, PPT and task queries need. */
export interface CaseDoc {
  [field: string]: unknown;
  readonly caseId: string;
  readonly studentId: string;
  readonly schoolId: string;
  /** Null only if the school's SchoolRegistered was never seen (it always precedes a case). */
  readonly municipalityId: string | null;
  readonly schoolName: string | null;
  readonly studentName: string | null;
  readonly grade: number | null;
  readonly schoolLevel: StudentSchoolLevel | null;
  /** Current status (indexed); `statusHistory` answers "open on date D". */
  readonly status: 'open' | 'closed';
  readonly openedOn: string;
  readonly reason: string | null;
  readonly statusHistory: readonly StatusEntry[];
  /** Current phase; `phaseHistory` (starting with the opening phase) answers "phase on D". */
  readonly phase: number;
  readonly phaseHistory: readonly PhaseHistoryEntry[];
  readonly referrals: readonly CaseReferral[];
  readonly consents: readonly CaseConsent[];
  readonly meetings: readonly CaseMeeting[];
  readonly measures: readonly CaseMeasure[];
  readonly contacts: readonly CaseContact[];
  readonly mappings: readonly CaseMapping[];
  readonly returnPlan: CaseReturnPlan | null;
  /** Indexed: the case has (ever) a referral or consultation to PPT, so PPT queries skip the rest. */
  readonly ppt: boolean;
  /** Blocked (sperret): readable by auditors only; still counted (api.md, Privacy). */
  readonly blocked?: { readonly on: string };
  /** The date of the last deposit to the archive (`export-noark`), if any. */
  readonly depositedOn?: string;
}

/** What the case queries need of a school (kept here because CaseOpened names only the school id). */
export interface CaseSchoolDoc {
  [field: string]: unknown;
  readonly schoolId: string;
  readonly name: string;
  readonly municipalityId: string;
  readonly level: SchoolLevel;
  readonly planId: string;
  readonly planVersion: number;
  /** Every school year the school has had, oldest first; "the last 20 school days" may span two. */
  readonly schoolYears: readonly SchoolYear[];
}

/**
 * What the case documents need of a student: the name and grade they show, and the student's
 * cases, so that a re-enrolment (new grade or school) reaches them. The student's registrations
 * and recorded levels are the `follow-up-students` projection's (follow-up-student-doc.ts).
 */
export interface CaseStudentDoc {
  [field: string]: unknown;
  readonly studentId: string;
  readonly schoolId: string;
  readonly name: string;
  readonly grade: number;
  readonly group: string;
  readonly caseIds: readonly string[];
}

/** A `kombinert` school counts grades 1–7 as barneskole and 8–10 as ungdomsskole (api.md). */
export function studentSchoolLevel(schoolLevel: SchoolLevel, grade: number): StudentSchoolLevel {
  if (schoolLevel === 'kombinert') return grade <= 7 ? 'barneskole' : 'ungdomsskole';
  return schoolLevel;
}

/** reviewId → a routine review held (ReviewHeld), read by the tasks and the reviews list of its school. */
export const SCHOOL_REVIEWS = 'school-reviews';

export interface SchoolReviewDoc {
  [field: string]: unknown;
  readonly schoolId: string;
  readonly reviewId: string;
  readonly routineId: string;
  readonly heldOn: string;
  readonly groupId?: string;
  readonly participants: readonly { readonly name: string; readonly role: string }[];
  readonly minutes: string;
  readonly studentIds?: readonly string[];
}
