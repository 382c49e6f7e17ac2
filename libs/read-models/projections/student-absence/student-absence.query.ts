import type { ReadModelReader } from '../directory/directory.query.js';
import {
  STUDENT_ABSENCE,
  STUDENT_ABSENCE_DAYS,
  studentAbsenceView,
  type StoredStudentAbsence,
  type StudentAbsenceDoc,
  type StudentDaysDoc,
} from './student-absence.documents.js';

/** The student's absence document, or null when the student is not enrolled. */
export async function getStudentAbsence(studentAbsence: ReadModelReader, studentId: string): Promise<StudentAbsenceDoc | null> {
  const stored = await studentAbsence.get<StoredStudentAbsence>(STUDENT_ABSENCE, studentId);
  return stored ? studentAbsenceView(stored) : null;
}

/** The absence documents of every student enrolled at `schoolId`. */
export async function listStudentAbsences(studentAbsence: ReadModelReader, schoolId: string): Promise<StudentAbsenceDoc[]> {
  return (await studentAbsence.find<StoredStudentAbsence>(STUDENT_ABSENCE, { schoolId })).map(studentAbsenceView);
}

/** The lean per-day documents of every student enrolled at `schoolId` (for school-wide lists). */
export function listStudentDays(studentAbsence: ReadModelReader, schoolId: string): Promise<StudentDaysDoc[]> {
  return studentAbsence.find<StudentDaysDoc>(STUDENT_ABSENCE_DAYS, { schoolId });
}
