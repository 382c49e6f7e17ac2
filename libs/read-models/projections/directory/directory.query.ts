import type { ProjectionReader } from '../../projector/projection-reader.js';
import { DIRECTORY_SCHOOLS, DIRECTORY_STUDENTS, type SchoolDoc, type StudentDoc } from './directory.documents.js';
import { GroupThenNameOrder } from './sort-order.js';

const classListOrder = new GroupThenNameOrder();

/**
 * What a query needs of a projection's reader: `Projector.reader(name)` returns one, and it
 * resolves logical collection names to the serving generation on every call.
 */
export type ReadModelReader = Pick<ProjectionReader, 'get' | 'getMany' | 'find' | 'count'>;

/**
 * The school, or null when no such school is registered (the API answers 404). Found with `find`,
 * so the read-cached collection hands out its one shared (frozen) document: every list and every
 * access check to a school reads it, and parsing it each time (`get` gives a fresh copy) was a
 * twentieth of a repeated absence list (BENCHMARKS.md, fourteenth round).
 */
export async function getSchool(directory: ReadModelReader, schoolId: string): Promise<SchoolDoc | null> {
  const [school] = await directory.find<SchoolDoc>(DIRECTORY_SCHOOLS, { schoolId });
  return school ?? null;
}

/** The student, or null when no such student is enrolled. */
export async function getStudent(directory: ReadModelReader, studentId: string): Promise<StudentDoc | null> {
  return (await directory.get<StudentDoc>(DIRECTORY_STUDENTS, studentId)) ?? null;
}

/** The students enrolled at a school, by group, then name (the order of a class list). */
export async function listStudents(directory: ReadModelReader, schoolId: string): Promise<StudentDoc[]> {
  const students = await directory.find<StudentDoc>(DIRECTORY_STUDENTS, { schoolId });
  return classListOrder.sort(schoolId, students);
}
