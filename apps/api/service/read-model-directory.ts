import type { EventStore } from '#event-store/event-store.port.js';
import type {
  CaseAttributes,
  GroupAttributes,
  MunicipalityAttributes,
  ResourceDirectory,
  SchoolAttributes,
  StudentAttributes,
} from '#access/resource-directory.port.js';
import type { Projector } from '#read-models/projector/projector.js';
import { directoryProjection } from '#read-models/projections/directory/directory.projection.js';
import { getSchool, getStudent, listStudents } from '#read-models/projections/directory/directory.query.js';
import { DIRECTORY_SCHOOLS } from '#read-models/projections/directory/directory.documents.js';
import { caseProjection } from '#read-models/projections/cases/case.projection.js';
import { getCaseDoc } from '#read-models/projections/cases/case.queries.js';
import { pptAccess } from '#read-models/projections/cases/case-timeline.js';
import type { Clock } from '#application/clock.js';

/**
 * The access decision's view of students, cases and schools, from the read models. A miss
 * waits (bounded) for the projections to reach the store's head before it answers "unknown":
 * a client may act on something it created a moment ago without sending X-Min-Position.
 */
export class ReadModelDirectory implements ResourceDirectory {
  constructor(
    private readonly projector: Projector,
    private readonly events: EventStore,
    private readonly clock: Clock,
    private readonly missWaitMs = 5000,
  ) {}

  async student(studentId: string): Promise<StudentAttributes | null> {
    return this.withCatchUp(async () => {
      const s = await getStudent(this.projector.reader(directoryProjection.name), studentId);
      if (!s) return null;
      const school = s.municipalityId ? null : await getSchool(this.projector.reader(directoryProjection.name), s.schoolId);
      return {
        studentId,
        schoolId: s.schoolId,
        municipalityId: s.municipalityId ?? school?.municipalityId ?? '',
        group: s.group,
        grade: s.grade,
      };
    });
  }

  async group(schoolId: string, groupId: string): Promise<GroupAttributes | null> {
    return this.withCatchUp(async () => {
      const directory = this.projector.reader(directoryProjection.name);
      const school = await getSchool(directory, schoolId);
      if (!school) return null;
      const students = await listStudents(directory, schoolId);
      return students.some((s) => s.group === groupId) ? { schoolId, group: groupId, municipalityId: school.municipalityId } : null;
    });
  }

  async case(caseId: string): Promise<CaseAttributes | null> {
    return this.withCatchUp(async () => {
      const doc = await getCaseDoc(this.projector.reader(caseProjection.name), caseId);
      if (!doc) return null;
      const student = await getStudent(this.projector.reader(directoryProjection.name), doc.studentId);
      return {
        caseId,
        studentId: doc.studentId,
        schoolId: doc.schoolId,
        municipalityId: doc.municipalityId ?? student?.municipalityId ?? '',
        group: student?.group ?? '',
        pptAccess: pptAccess(doc, this.clock.today()),
        blocked: doc.blocked !== undefined,
      };
    });
  }

  async school(schoolId: string): Promise<SchoolAttributes | null> {
    return this.withCatchUp(async () => {
      const s = await getSchool(this.projector.reader(directoryProjection.name), schoolId);
      return s ? { schoolId, municipalityId: s.municipalityId } : null;
    });
  }

  async municipality(municipalityId: string): Promise<MunicipalityAttributes | null> {
    return this.withCatchUp(async () => {
      const schools = await this.projector.reader(directoryProjection.name).count(DIRECTORY_SCHOOLS, { municipalityId });
      return schools > 0 ? { municipalityId } : null;
    });
  }

  private async withCatchUp<T>(lookup: () => Promise<T | null>): Promise<T | null> {
    const found = await lookup();
    if (found !== null) return found;
    const head = await this.events.headPosition();
    if (!(await this.projector.waitForPosition(head, this.missWaitMs))) return null;
    return lookup();
  }
}
