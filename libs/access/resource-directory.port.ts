/**
 * The attributes an access decision needs about the thing a request touches, and the port
 * that resolves them. The real directory reads the read models (the lead's wiring); tests
 * use `testing/in-memory-resource-directory.ts`.
 *
 * Consistency: the guard asks the directory before the handler runs, and a client may act
 * on something it created a moment ago (POST a school, then enrol a student in it). An
 * implementation over eventually consistent read models must therefore, on a miss, wait
 * for its projections to reach the store's head (bounded, e.g. 5 s) before answering
 * `null`; otherwise a fresh id reads as 404.
 */
export interface StudentAttributes {
  studentId: string;
  schoolId: string;
  municipalityId: string;
  group: string;
  grade: number;
}

export interface PptAccess {
  /** The case has a referral to, or a consultation with, PPT. */
  referredOrConsulted: boolean;
  /** A consent with purpose `ppt` is given and not withdrawn. */
  consentValid: boolean;
}

export interface CaseAttributes {
  caseId: string;
  studentId: string;
  schoolId: string;
  municipalityId: string;
  group: string;
  pptAccess: PptAccess;
  /** Blocked (sperret): unreadable to every role but the auditor (api.md, Privacy). */
  blocked?: boolean;
}

export interface SchoolAttributes {
  schoolId: string;
  municipalityId: string;
}

export interface MunicipalityAttributes {
  municipalityId: string;
}

/** A class group of a school (group ids are unique within a school only). */
export interface GroupAttributes {
  schoolId: string;
  group: string;
  municipalityId: string;
}

export interface ResourceDirectory {
  student(studentId: string): Promise<StudentAttributes | null>;
  case(caseId: string): Promise<CaseAttributes | null>;
  school(schoolId: string): Promise<SchoolAttributes | null>;
  municipality(municipalityId: string): Promise<MunicipalityAttributes | null>;
  /** A group with at least one student enrolled in it. */
  group(schoolId: string, groupId: string): Promise<GroupAttributes | null>;
}

export type ResourceKind = 'student' | 'case' | 'school' | 'municipality' | 'group';

/** A resolved resource as `decide` takes it; `none` for routes about no single thing. */
export type Resource =
  | { kind: 'student'; attributes: StudentAttributes }
  | { kind: 'case'; attributes: CaseAttributes }
  | { kind: 'school'; attributes: SchoolAttributes }
  | { kind: 'municipality'; attributes: MunicipalityAttributes }
  | { kind: 'group'; attributes: GroupAttributes }
  | { kind: 'none' };

/** Dependency-injection token for the configured directory. */
export const RESOURCE_DIRECTORY = Symbol('RESOURCE_DIRECTORY');
