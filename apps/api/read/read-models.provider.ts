import { Inject, Injectable } from '@nestjs/common';
import { Projector } from '../../../libs/read-models/projector/projector.js';
import { absenceReaders, type AbsenceReaders } from '../../../libs/read-models/projections/concern/absence-readers.js';
import { caseProjection } from '../../../libs/read-models/projections/cases/case.projection.js';
import { accessLogProjection } from '../../../libs/read-models/projections/access-log/access-log.projection.js';
import type { CaseAndStudentReaders, CaseReader } from '../../../libs/read-models/projections/cases/case.queries.js';
import { followUpStudentsProjection } from '../../../libs/read-models/projections/follow-up-students/follow-up-students.projection.js';
import type { ProjectionReader } from '../../../libs/read-models/projector/projection-reader.js';

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
