import type { ReadModelReader } from '../directory/directory.query.js';
import { STUDENT_ABSENCE, type StudentAbsenceDoc } from './student-absence.documents.js';

/** The student's absence document, or null when the student is not enrolled. */
export async function getStudentAbsence(studentAbsence: ReadModelReader, studentId: string): Promise<StudentAbsenceDoc | null> {
  return (await studentAbsence.get<StudentAbsenceDoc>(STUDENT_ABSENCE, studentId)) ?? null;
}

/** The absence documents of every student enrolled at `schoolId`. */
export function listStudentAbsences(studentAbsence: ReadModelReader, schoolId: string): Promise<StudentAbsenceDoc[]> {
  return studentAbsence.find<StudentAbsenceDoc>(STUDENT_ABSENCE, { schoolId });
}
