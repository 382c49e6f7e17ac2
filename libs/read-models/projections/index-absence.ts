// The absence side of the read models: the directory, the student-absence documents, and the
// queries over them (concern, absence list), plus the concern saga's pure decision.
export { directoryProjection } from './directory/directory.projection.js';
export { DIRECTORY_SCHOOLS, DIRECTORY_STUDENTS, type SchoolDoc, type StudentDoc } from './directory/directory.documents.js';
export { getSchool, getStudent, listStudents, type ReadModelReader } from './directory/directory.query.js';
export { schoolYearFor, schoolYearsBetween, withSchoolYear } from '#domain/calendar/school-years.js';
export { compareGroupThenName } from './directory/sort-order.js';

export { studentAbsenceProjection } from './student-absence/student-absence.projection.js';
export {
  STUDENT_ABSENCE,
  STUDENT_ABSENCE_DAYS,
  type DayAggregate,
  type StudentAbsenceDoc,
  type StudentDaysDoc,
} from './student-absence/student-absence.documents.js';
export { getStudentAbsence, listStudentAbsences, listStudentDays } from './student-absence/student-absence.query.js';
export { dayAggregateOn, dayAggregates, registrationsFromDays, sumDays, type PeriodTotals } from './student-absence/day-aggregates.js';
export { packDays, unpackDays, sumPackedDays, registrationsFromPackedDays, type PackedDays } from './student-absence/packed-days.js';

export { absenceReaders, type AbsenceReaders } from './concern/absence-readers.js';
export { CalendarCache, sharedCalendarCache } from './concern/calendar-cache.js';
export { builtInPlanResolver, overridesOf, registrationsOf, type PlanResolver } from '#domain/concern/concern-inputs.js';
export { getConcern, type ConcernQueryOptions, type ConcernView } from './concern/concern.query.js';
export {
  concernChangeFor,
  concernChangeEventId,
  CONCERN_SAGA_EVENTS,
  CONCERN_SAGA_NAMESPACE,
  type ConcernChange,
  type ConcernSagaState,
} from './concern/concern-saga.js';

export { getAbsenceList, type AbsenceListOptions } from './absence-list/absence-list.query.js';
export { absenceListCsv } from './absence-list/absence-list.csv.js';
export { ABSENCE_LIST_FIELDS, type AbsenceListRow } from './absence-list/absence-list.row.js';

import { directoryProjection } from './directory/directory.projection.js';
import { studentAbsenceProjection } from './student-absence/student-absence.projection.js';

/** The projections of this file, for the projector's list. */
export const absenceProjections = [directoryProjection, studentAbsenceProjection] as const;
