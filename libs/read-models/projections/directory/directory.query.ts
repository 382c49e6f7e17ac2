import type { ProjectionReader } from '../../projector/projection-reader.js';
import { DIRECTORY_SCHOOLS, DIRECTORY_STUDENTS, type SchoolDoc, type StudentDoc } from './directory.documents.js';
import { GroupThenNameOrder } from './sort-order.js';

const classListOrder = new GroupThenNameOrder();

/**
 * What a query needs of a projection's reader: `Projector.reader(name)` returns one, and it
 * resolves logical collection names to the serving generation on every call.
 */
export type ReadModelReader = Pick<ProjectionReader, 'get' | 'getMany' | 'find' | 'count'>;

/** The school, or null when no such school is registered (the API answers 404). */
export async function getSchool(directory: ReadModelReader, schoolId: string): Promise<SchoolDoc | null> {
  return (await directory.get<SchoolDoc>(DIRECTORY_SCHOOLS, schoolId)) ?? null;
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
