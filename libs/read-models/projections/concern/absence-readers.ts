import type { Projector } from '../../projector/projector.js';
import { directoryProjection } from '../directory/directory.projection.js';
import type { ReadModelReader } from '../directory/directory.query.js';
import { studentAbsenceProjection } from '../student-absence/student-absence.projection.js';

/**
 * The two read models the concern query and the absence list join: the directory (school,
 * plan, calendar, enrolment) and the student-absence documents.
 */
export interface AbsenceReaders {
  directory: ReadModelReader;
  studentAbsence: ReadModelReader;
}

/** Readers that follow each projection's serving generation (blue/green rebuilds included). */
export function absenceReaders(projector: Pick<Projector, 'reader'>): AbsenceReaders {
  return {
    directory: projector.reader(directoryProjection.name),
    studentAbsence: projector.reader(studentAbsenceProjection.name),
  };
}
