/** Reads of the `cases` projection. */
import type { ProjectionReader } from '../../projector/projection-reader.js';
import { CASES, CASE_SCHOOLS, CASE_STUDENTS, type CaseDoc, type CaseSchoolDoc, type CaseStudentDoc } from './case-doc.js';
import { isOpenOn } from './case-timeline.js';

/** What the queries use of a reader: `projector.reader('cases')` fits. */
export type CaseReader = Pick<ProjectionReader, 'get' | 'getMany' | 'find' | 'count'>;

export function getCaseDoc(reader: CaseReader, caseId: string): Promise<CaseDoc | undefined> {
  return reader.get<CaseDoc>(CASES, caseId);
}

/** The student's cases, oldest first. */
export function casesOfStudent(reader: CaseReader, studentId: string): Promise<CaseDoc[]> {
  return reader.find<CaseDoc>(CASES, { studentId }, { sort: [{ field: 'openedOn' }] });
}

/**
 * Students of the school with an open case: now (by the current status, one indexed query),
 * or on the business date `onDate` (by the status history).
 */
export async function openCaseStudentIds(reader: CaseReader, schoolId: string, onDate?: string): Promise<string[]> {
  const docs =
    onDate === undefined
      ? await reader.find<CaseDoc>(CASES, { schoolId, status: 'open' })
      : (await reader.find<CaseDoc>(CASES, { schoolId })).filter((d) => isOpenOn(d, onDate));
  return [...new Set(docs.map((d) => d.studentId))].sort();
}

/** The id of the student's open case, if any (POST /cases refuses a second one). */
export async function openCaseIdOfStudent(reader: CaseReader, studentId: string): Promise<string | undefined> {
  const [doc] = await reader.find<CaseDoc>(CASES, { studentId, status: 'open' }, { limit: 1 });
  return doc?.caseId;
}

export function getCaseSchool(reader: CaseReader, schoolId: string): Promise<CaseSchoolDoc | undefined> {
  return reader.get<CaseSchoolDoc>(CASE_SCHOOLS, schoolId);
}

export function getCaseStudent(reader: CaseReader, studentId: string): Promise<CaseStudentDoc | undefined> {
  return reader.get<CaseStudentDoc>(CASE_STUDENTS, studentId);
}

/** The school's enrolled students, by id. */
export function studentsOfSchool(reader: CaseReader, schoolId: string): Promise<CaseStudentDoc[]> {
  return reader.find<CaseStudentDoc>(CASE_STUDENTS, { schoolId });
}
