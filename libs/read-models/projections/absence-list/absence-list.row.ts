import type { ConcernLevel } from '#domain/events/index.js';

/** One row of GET /schools/:schoolId/absence-list (the quarterly fraværsliste), as api.md gives it. */
export interface AbsenceListRow {
  studentId: string;
  name: string;
  grade: number;
  group: string;
  /** Distinct dates in the period with a whole-day absence that counts. */
  days: number;
  daysDocumented: number;
  daysUndocumented: number;
  /** Single lessons of absence, summed. */
  lessons: number;
  /** Late arrivals, one per registration. */
  lates: number;
  leftEarly: number;
  /** School days from `from` to `to`, both inclusive, by the school's calendar. */
  schoolDays: number;
  /** days / schoolDays × 100, one decimal; 0 when the period has no school days. */
  absencePercent: number;
  /** The concern level evaluated as of `to` (see getAbsenceList). */
  level: ConcernLevel;
  /** The student has an open case (supplied by the caller from the case read model). */
  openCase: boolean;
}

/** The columns, in the contract's order: the CSV header and the JSON field order. */
export const ABSENCE_LIST_FIELDS = [
  'studentId',
  'name',
  'grade',
  'group',
  'days',
  'daysDocumented',
  'daysUndocumented',
  'lessons',
  'lates',
  'leftEarly',
  'schoolDays',
  'absencePercent',
  'level',
  'openCase',
] as const satisfies readonly (keyof AbsenceListRow)[];
