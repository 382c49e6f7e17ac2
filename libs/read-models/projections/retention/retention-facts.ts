/** What the retention rules (libs/domain/privacy/retention.ts) are judged on, from the directory and the cases. */
import type { Filter } from '../../document-store.port.js';
import type { ProjectionReader } from '../../projector/projection-reader.js';
import type { RetentionCaseFacts, RetentionStudentFacts } from '#domain/privacy/retention.js';
import { DIRECTORY_SCHOOLS, DIRECTORY_STUDENTS, type SchoolDoc, type StudentDoc } from '../directory/directory.documents.js';
import { CASES, type CaseDoc } from '../cases/case-doc.js';

export async function retentionFacts(
  readers: { directory: Pick<ProjectionReader, 'find'>; cases: Pick<ProjectionReader, 'find'> },
  /** One municipality's (the admin's); null: every one (the CLI). */
  municipalityId: string | null,
): Promise<{ students: RetentionStudentFacts[]; cases: RetentionCaseFacts[] }> {
  const filter = (municipalityId === null ? {} : { municipalityId }) as Filter;
  const [schools, students, cases] = await Promise.all([
    readers.directory.find<SchoolDoc>(DIRECTORY_SCHOOLS, filter),
    readers.directory.find<StudentDoc>(DIRECTORY_STUDENTS, filter),
    readers.cases.find<CaseDoc>(CASES, filter),
  ]);
  const yearEnd = new Map(schools.map((s) => [s.schoolId, s.schoolYear.end]));
  return {
    students: students.map((s) => ({
      studentId: s.studentId,
      grade: s.grade,
      schoolYearEnd: yearEnd.get(s.schoolId) ?? '9999-12-31',
      erased: s.erased === true,
    })),
    cases: cases.map((c) => ({
      caseId: c.caseId,
      studentId: c.studentId,
      status: c.status,
      closedOn: c.status === 'closed' ? ([...c.statusHistory].reverse().find((e) => e.status === 'closed')?.on ?? null) : null,
      depositedOn: c.depositedOn ?? null,
      blocked: c.blocked !== undefined,
    })),
  };
}
