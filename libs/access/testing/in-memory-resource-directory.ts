/**
 * A test fixture: a ResourceDirectory over maps, for unit and end-to-end tests of the
 * access layer. The real directory reads the read models.
 */
import type {
  CaseAttributes,
  GroupAttributes,
  MunicipalityAttributes,
  ResourceDirectory,
  SchoolAttributes,
  StudentAttributes,
} from '../resource-directory.port.js';

export class InMemoryResourceDirectory implements ResourceDirectory {
  readonly students = new Map<string, StudentAttributes>();
  readonly cases = new Map<string, CaseAttributes>();
  readonly schools = new Map<string, SchoolAttributes>();

  addSchool(school: SchoolAttributes): this {
    this.schools.set(school.schoolId, school);
    return this;
  }

  addStudent(student: StudentAttributes): this {
    this.students.set(student.studentId, student);
    return this;
  }

  addCase(entry: CaseAttributes): this {
    this.cases.set(entry.caseId, entry);
    return this;
  }

  async student(studentId: string): Promise<StudentAttributes | null> {
    return this.students.get(studentId) ?? null;
  }

  async case(caseId: string): Promise<CaseAttributes | null> {
    return this.cases.get(caseId) ?? null;
  }

  async school(schoolId: string): Promise<SchoolAttributes | null> {
    return this.schools.get(schoolId) ?? null;
  }

  /** A group is known once one of its students is. */
  async group(schoolId: string, groupId: string): Promise<GroupAttributes | null> {
    for (const s of this.students.values()) {
      if (s.schoolId === schoolId && s.group === groupId) return { schoolId, group: groupId, municipalityId: s.municipalityId };
    }
    return null;
  }

  /** A municipality is known once one of its schools is. */
  async municipality(municipalityId: string): Promise<MunicipalityAttributes | null> {
    for (const school of this.schools.values()) {
      if (school.municipalityId === municipalityId) return { municipalityId };
    }
    return null;
  }
}
