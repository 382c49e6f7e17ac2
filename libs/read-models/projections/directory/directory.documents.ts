/**
 * The directory read model: who belongs where. Access control resolves student → school,
 * group and municipality here, and command handlers find a student's school calendar and
 * plan here, without loading two streams per request.
 */
import type { SchoolLevel, SchoolYear } from '#domain/events/index.js';

/** Logical collection names. Prefixed so they never clash with another projection's (names are global). */
export const DIRECTORY_SCHOOLS = 'directory-schools';
export const DIRECTORY_STUDENTS = 'directory-students';

export interface SchoolDoc {
  [field: string]: unknown;
  schoolId: string;
  name: string;
  municipalityId: string;
  level: SchoolLevel;
  planId: string;
  planVersion: number;
  /** The school year in force now (the latest SchoolRegistered / SchoolCalendarChanged). */
  schoolYear: SchoolYear;
  /**
   * Every school year the school has had, oldest first. A new year replaces the current one
   * in `schoolYear`, but an evaluation or absence list dated in an earlier year must still
   * count that year's school days and breaks (see school-years.ts).
   */
  schoolYears: SchoolYear[];
}

export interface StudentDoc {
  [field: string]: unknown;
  studentId: string;
  schoolId: string;
  /** Copied from the school at enrolment: the municipality role's access follows it. */
  municipalityId: string | null;
  name: string;
  grade: number;
  group: string;
  /** Set once the student's personal data is erased (their name then reads "[slettet]"). */
  erased?: boolean;
}
