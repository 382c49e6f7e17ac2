import { Inject, Injectable } from '@nestjs/common';
import { Projector } from '#read-models/projector/projector.js';
import { absenceReaders, type AbsenceReaders } from '#read-models/projections/concern/absence-readers.js';
import { caseProjection } from '#read-models/projections/cases/case.projection.js';
import { accessLogProjection } from '#read-models/projections/access-log/access-log.projection.js';
import type { CaseAndStudentReaders, CaseReader } from '#read-models/projections/cases/case.queries.js';
import { followUpStudentsProjection } from '#read-models/projections/follow-up-students/follow-up-students.projection.js';
import type { ProjectionReader } from '#read-models/projector/projection-reader.js';

/** Readers of the serving generation of each read model (they follow blue/green switches). */
@Injectable()
export class ReadModels {
  constructor(@Inject(Projector) private readonly projector: Projector) {}

  get absence(): AbsenceReaders {
    return absenceReaders(this.projector);
  }

  get cases(): CaseReader {
    return this.projector.reader(caseProjection.name);
  }

  /** Cases with the students' registrations, levels and day-absence dates (tasks, PPT's statistics). */
  get casesAndStudents(): CaseAndStudentReaders {
    return { cases: this.cases, students: this.projector.reader(followUpStudentsProjection.name) };
  }

  get accessLog(): ProjectionReader {
    return this.projector.reader(accessLogProjection.name);
  }
}
