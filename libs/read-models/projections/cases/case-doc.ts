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
} from '../../../domain/events/index.js';

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

/** A registration as the task and PPT queries need it (retracted ones are removed). */
export interface StudentRegistration {
  readonly date: string;
  readonly kind: 'day' | 'lesson' | 'late' | 'left-early';
  readonly lessons?: number;
  readonly documented: boolean;
  readonly reportedByGuardian: boolean;
  /** The day the registration was recorded (the store's recordedAt): unreported-absence steps count from it. */
  readonly recordedOn?: string;
  /** Set when a correction later marked it as reported by the guardians: the day of that correction. */
  readonly reportedOn?: string;
}

export type IdentifiedRegistration = StudentRegistration & { readonly absenceId: string };

/**
 * A registration as the student document stores it: a tuple rather than an object with named
 * members. Student documents were the largest write of a rebuild (248 MB over the generated
 * year, as much as the student-absence documents); packed, they are less than half that, and
 * so is their parse when one is read back. `flags`: 1 documented, 2 reported by the guardians.
 */
export type PackedRegistration = readonly [
  absenceId: string,
  date: string,
  kind: StudentRegistration['kind'],
  lessons: number | null,
  flags: number,
  recordedOn: string | null,
  reportedOn: string | null,
];

const DOCUMENTED = 1;
const REPORTED_BY_GUARDIAN = 2;

/** `r`'s own `recordedOn` and `reportedOn` are not read: an event's payload has neither. */
export function packRegistration(
  absenceId: string,
  r: Pick<StudentRegistration, 'date' | 'kind' | 'lessons' | 'documented' | 'reportedByGuardian'>,
  recordedOn: string | undefined,
  reportedOn: string | undefined,
): PackedRegistration {
  const flags = (r.documented ? DOCUMENTED : 0) | (r.reportedByGuardian ? REPORTED_BY_GUARDIAN : 0);
  return [absenceId, r.date, r.kind, r.lessons ?? null, flags, recordedOn ?? null, reportedOn ?? null];
}

export function unpackRegistration(p: PackedRegistration): IdentifiedRegistration {
  const r: { -readonly [K in keyof IdentifiedRegistration]: IdentifiedRegistration[K] } = {
    absenceId: p[0],
    date: p[1],
    kind: p[2],
    documented: (p[4] & DOCUMENTED) !== 0,
    reportedByGuardian: (p[4] & REPORTED_BY_GUARDIAN) !== 0,
  };
  if (p[3] !== null) r.lessons = p[3];
  if (p[5] !== null) r.recordedOn = p[5];
  if (p[6] !== null) r.reportedOn = p[6];
  return r;
}

/** The student's active registrations, in the order first registered. */
export function studentRegistrations(doc: Pick<CaseStudentDoc, 'registrations'>): IdentifiedRegistration[] {
  return doc.registrations.map(unpackRegistration);
}

/** The same registration, documented (AbsenceDocumentationReceived). */
export function documentedRegistration(p: PackedRegistration): PackedRegistration {
  return [p[0], p[1], p[2], p[3], p[4] | DOCUMENTED, p[5], p[6]];
}

/** The dates of the student's day absences, sorted, once each: PPT's summary follows them. */
export function dayAbsenceDatesOf(doc: Pick<CaseStudentDoc, 'registrations'>): string[] {
  const dates = new Set<string>();
  for (const p of doc.registrations) if (p[2] === 'day') dates.add(p[1]);
  return [...dates].sort();
}

export interface RecordedLevel {
  readonly level: 'green' | 'yellow' | 'red';
  readonly asOf: string;
  readonly seq: number;
}

export interface CaseStudentDoc {
  [field: string]: unknown;
  readonly studentId: string;
  readonly schoolId: string;
  readonly municipalityId: string | null;
  readonly name: string;
  readonly grade: number;
  readonly group: string;
  /** The student's cases, so a re-enrolment (new grade or school) reaches them. */
  readonly caseIds: readonly string[];
  /** Set once a case of the student involves PPT: PPT's summary then follows the student's day-absence. */
  readonly pptMunicipalityId: string | null;
  /**
   * Active registrations in the order first registered, packed (`PackedRegistration`; read them
   * with `studentRegistrations`). An array, not a map by id: adding a freshly parsed id as an
   * object key made V8 internalise it, most of a rebuild's cost here.
   */
  readonly registrations: readonly PackedRegistration[];
  /** Concern levels the system recorded (ConcernLevelChanged), by evaluation date. */
  readonly levels: readonly RecordedLevel[];
}

/** A `kombinert` school counts grades 1–7 as barneskole and 8–10 as ungdomsskole (api.md). */
export function studentSchoolLevel(schoolLevel: SchoolLevel, grade: number): StudentSchoolLevel {
  if (schoolLevel === 'kombinert') return grade <= 7 ? 'barneskole' : 'ungdomsskole';
  return schoolLevel;
}
