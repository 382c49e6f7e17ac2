/** Reads of the `cases` projection. */
import type { ProjectionReader } from '../../projector/projection-reader.js';
import { CASES, CASE_SCHOOLS, CASE_STUDENTS, type CaseDoc, type CaseSchoolDoc, type CaseStudentDoc } from './case-doc.js';
import { inPhase3Unresolved, isOpenOn, recordedBy } from './case-timeline.js';
import { FrozenMemo } from '../../frozen-memo.js';

/** What the queries use of a reader: `projector.reader('cases')`. */
export type CaseReader = Pick<ProjectionReader, 'get' | 'getMany' | 'find' | 'count' | 'collectionName'>;

/** The `cases` reader with the `follow-up-students` one (registrations, levels, day-absence dates), for the tasks and PPT's statistics. */
export interface CaseAndStudentReaders {
  cases: CaseReader;
  students: CaseReader & Pick<ProjectionReader, 'position'>;
}

export function getCaseDoc(reader: CaseReader, caseId: string): Promise<CaseDoc | undefined> {
  return reader.get<CaseDoc>(CASES, caseId);
}

/** The student's cases, oldest first. */
export function casesOfStudent(reader: CaseReader, studentId: string): Promise<CaseDoc[]> {
  return reader.find<CaseDoc>(CASES, { studentId }, { sort: [{ field: 'openedOn' }] });
}

/** Every case of the school (by the school alone: see openCaseStudentIds). */
export function casesOfSchool(reader: CaseReader, schoolId: string): Promise<CaseDoc[]> {
  // With both schoolId and status in the filter SQLite (no statistics) chose the `status` index
  // and read every open case of the municipality, about 40 ms at 20,000 students, for the
  // 600-student school's absence list (bench/run.ts); the status is filtered in code instead.
  return reader.find<CaseDoc>(CASES, { schoolId });
}

/**
 * Students of the school with an open case: now (by the current status), or on the business
 * date `onDate` (by the status history).
 */
export async function openCaseStudentIds(reader: CaseReader, schoolId: string, onDate?: string): Promise<string[]> {
  return studentsWithOpenCase(await casesOfSchool(reader, schoolId), onDate);
}

/** `openCaseStudentIds` over cases already read. */
export function studentsWithOpenCase(cases: readonly CaseDoc[], onDate?: string): string[] {
  const open = cases.filter((d) => (onDate === undefined ? d.status === 'open' : isOpenOn(d, onDate)));
  return [...new Set(open.map((d) => d.studentId))].sort();
}

/** The id of the student's open case, if any (POST /cases refuses a second one). */
export async function openCaseIdOfStudent(reader: CaseReader, studentId: string): Promise<string | undefined> {
  // The student's few cases in id order, the first open one: as `{ studentId, status: 'open' }`
  // with limit 1 would answer, without the `status` index scan SQLite chose for that filter.
  const docs = await reader.find<CaseDoc>(CASES, { studentId });
  return docs.find((d) => d.status === 'open')?.caseId;
}

export function getCaseSchool(reader: CaseReader, schoolId: string): Promise<CaseSchoolDoc | undefined> {
  return reader.get<CaseSchoolDoc>(CASE_SCHOOLS, schoolId);
}

/** The school's enrolled students, by id. */
export function studentsOfSchool(reader: CaseReader, schoolId: string): Promise<CaseStudentDoc[]> {
  return reader.find<CaseStudentDoc>(CASE_STUDENTS, { schoolId });
}

/**
 * Bærum's red rule needs "a case in phase 3 or later that did not resolve" (plans.md, baerum;
 * the concern query takes it as `caseInPhase3Unresolved`); see `inPhase3Unresolved`. With
 * `recordedByPosition`, as the cases stood when that position was recorded (`recordedBy`).
 */
export async function caseInPhase3Unresolved(
  reader: CaseReader,
  studentId: string,
  asOf: string,
  recordedByPosition?: number,
): Promise<boolean> {
  const cases = await casesOfStudent(reader, studentId);
  return cases.some((doc) => inPhase3Unresolved(recordedByPosition === undefined ? doc : recordedBy(doc, recordedByPosition), asOf));
}

/** The same for a whole school in one query (the absence list and school statistics ask per student). */
export async function caseInPhase3UnresolvedStudentIds(reader: CaseReader, schoolId: string, asOf: string): Promise<Set<string>> {
  return studentsInPhase3Unresolved(await casesOfSchool(reader, schoolId), asOf);
}

/** `caseInPhase3UnresolvedStudentIds` over cases already read. */
export function studentsInPhase3Unresolved(cases: readonly CaseDoc[], asOf: string): Set<string> {
  return new Set(cases.filter((doc) => phase3UnresolvedOn(doc, asOf)).map((doc) => doc.studentId));
}

/**
 * `inPhase3Unresolved` remembered per shared (read-cached, frozen) case and date: the absence list
 * asks it of every case of the school on every request (a twentieth of a repeated list's time).
 */
const phase3Answers = new FrozenMemo<CaseDoc, boolean>();

function phase3UnresolvedOn(doc: CaseDoc, asOf: string): boolean {
  return phase3Answers.get(doc, asOf, () => inPhase3Unresolved(doc, asOf));
}
