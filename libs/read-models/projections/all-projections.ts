import type { Projection } from '../projector/projection.js';
import { accessLogProjection } from './access-log/access-log.projection.js';
import { caseProjection } from './cases/case.projection.js';
import { directoryProjection } from './directory/directory.projection.js';
import { followUpStudentsProjection } from './follow-up-students/follow-up-students.projection.js';
import { studentAbsenceProjection } from './student-absence/student-absence.projection.js';

/** Every read model the API serves; the projector runs them and `cli rebuild all` rebuilds them. */
export const ALL_PROJECTIONS: readonly Projection[] = [
  directoryProjection,
  studentAbsenceProjection,
  followUpStudentsProjection,
  caseProjection,
  accessLogProjection,
];
