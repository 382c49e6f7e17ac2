/**
 * People and classes (api.md): a municipality's schools, a school's groups, and its roster with
 * a search that ignores case and diacritics, in Norwegian order. From the directory read model;
 * the level on a roster row is the one last recorded for the student (`ConcernLevelChanged`).
 */
import { STUDENT_ABSENCE, type StoredStudentAbsence } from '../student-absence/student-absence.documents.js';
import { DIRECTORY_SCHOOLS, DIRECTORY_STUDENTS, type SchoolDoc, type StudentDoc } from './directory.documents.js';
import type { ReadModelReader } from './directory.query.js';

const nb = new Intl.Collator('nb', { numeric: true, sensitivity: 'variant' });

/** Lower case without diacritics, ø as o and æ as ae: "nygard" finds Nygård, "oystein" Øystein. */
export function searchKey(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/ø/g, 'o').replace(/æ/g, 'ae');
}

export interface SchoolRow {
  schoolId: string;
  name: string;
  level: SchoolDoc['level'];
  planId: string;
}

export async function listSchools(directory: ReadModelReader, municipalityId: string): Promise<SchoolRow[]> {
  const schools = await directory.find<SchoolDoc>(DIRECTORY_SCHOOLS, { municipalityId });
  return schools
    .map(({ schoolId, name, level, planId }) => ({ schoolId, name, level, planId }))
    .sort((a, b) => nb.compare(a.name, b.name) || nb.compare(a.schoolId, b.schoolId));
}

export interface GroupRow {
  groupId: string;
  grade: number;
  students: number;
}

/** The school's groups with how many students each has; `only`: just these group ids (a teacher's own). */
export async function listGroups(directory: ReadModelReader, schoolId: string, only: readonly string[] | null): Promise<GroupRow[]> {
  const groups = new Map<string, GroupRow>();
  for (const s of await directory.find<StudentDoc>(DIRECTORY_STUDENTS, { schoolId })) {
    if (only && !only.includes(s.group)) continue;
    const row = groups.get(s.group) ?? { groupId: s.group, grade: s.grade, students: 0 };
    row.students += 1;
    row.grade = Math.min(row.grade, s.grade);
    groups.set(s.group, row);
  }
  return [...groups.values()].sort((a, b) => nb.compare(a.groupId, b.groupId));
}

export interface RosterRow {
  studentId: string;
  name: string;
  grade: number;
  group: string;
  level?: 'green' | 'yellow' | 'red';
}

export interface RosterQuery {
  group?: string;
  q?: string;
  /** Just these groups (a teacher's own); null: all. */
  only: readonly string[] | null;
  /** Add each student's level (for the roles that may see concern). */
  withLevels: boolean;
}

export async function roster(
  readers: { directory: ReadModelReader; absence: Pick<ReadModelReader, 'getMany'> },
  schoolId: string,
  query: RosterQuery,
): Promise<RosterRow[]> {
  const key = query.q ? searchKey(query.q) : null;
  const students = (await readers.directory.find<StudentDoc>(DIRECTORY_STUDENTS, { schoolId })).filter(
    (s) =>
      (!query.only || query.only.includes(s.group)) &&
      (query.group === undefined || s.group === query.group) &&
      (key === null || searchKey(s.name).includes(key)),
  );
  students.sort((a, b) => nb.compare(a.name, b.name) || nb.compare(a.studentId, b.studentId));
  const rows: RosterRow[] = students.map(({ studentId, name, grade, group }) => ({ studentId, name, grade, group }));
  if (!query.withLevels || rows.length === 0) return rows;
  const docs = await readers.absence.getMany<StoredStudentAbsence>(
    STUDENT_ABSENCE,
    rows.map((r) => r.studentId),
  );
  return rows.map((r) => ({ ...r, level: (docs.get(r.studentId)?.concernLevel as RosterRow['level']) ?? 'green' }));
}
