/** Reads of the `cases` projection. */
import type { ProjectionReader } from '../../projector/projection-reader.js';
import { CASES, CASE_SCHOOLS, CASE_STUDENTS, type CaseDoc, type CaseSchoolDoc, type CaseStudentDoc } from './case-doc.js';
import { isOpenOn, phaseOn } from './case-timeline.js';

/** What the queries use of a reader: `projector.reader('cases')`. */
export type CaseReader = Pick<ProjectionReader, 'get' | 'getMany' | 'find' | 'count' | 'collectionName'>;

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

/**
 * Bærum's red rule needs "a case in phase 3 or later that did not resolve" (plans.md, baerum;
 * the concern query takes it as `caseInPhase3Unresolved`). Read as: a case of the student open
 * on `asOf`, in phase 3 or later on that date, whose latest evaluation by then (if any) did not
 * end in `resolved`.
 */
export async function caseInPhase3Unresolved(reader: CaseReader, studentId: string, asOf: string): Promise<boolean> {
  return (await casesOfStudent(reader, studentId)).some((doc) => {
    if (!isOpenOn(doc, asOf) || (phaseOn(doc, asOf) ?? 0) < 3) return false;
    const latest = doc.measures
      .flatMap((m) => m.evaluations)
      .filter((e) => e.on <= asOf)
      .sort((a, b) => (a.on < b.on ? -1 : a.on > b.on ? 1 : a.seq - b.seq))
      .at(-1);
    return latest?.outcome !== 'resolved';
  });
}
