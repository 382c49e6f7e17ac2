import type { ReadModelReader } from '../directory/directory.query.js';
import { STUDENT_ABSENCE, STUDENT_ABSENCE_DAYS, type StudentAbsenceDoc, type StudentDaysDoc } from './student-absence.documents.js';

/** The student's absence document, or null when the student is not enrolled. */
export async function getStudentAbsence(studentAbsence: ReadModelReader, studentId: string): Promise<StudentAbsenceDoc | null> {
  return (await studentAbsence.get<StudentAbsenceDoc>(STUDENT_ABSENCE, studentId)) ?? null;
}

/** The absence documents of every student enrolled at `schoolId`. */
export function listStudentAbsences(studentAbsence: ReadModelReader, schoolId: string): Promise<StudentAbsenceDoc[]> {
  return studentAbsence.find<StudentAbsenceDoc>(STUDENT_ABSENCE, { schoolId });
}

/** The lean per-day documents of every student enrolled at `schoolId` (for school-wide lists). */
export function listStudentDays(studentAbsence: ReadModelReader, schoolId: string): Promise<StudentDaysDoc[]> {
  return studentAbsence.find<StudentDaysDoc>(STUDENT_ABSENCE_DAYS, { schoolId });
}
