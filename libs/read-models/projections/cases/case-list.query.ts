/**
 * GET /cases?schoolId=&status=&phase=&studentId=&q= (api.md, Cases): the cases of the schools asked
 * about, with the student's name and group, the plan's name of the phase and the next date a step
 * of the case's student is due. `q` matches student names as the roster does (case and diacritics
 * ignored). Open cases first, then by the next due date, then by name in Norwegian order.
 */
import { getPlan } from '#domain/plans/index.js';
import { phaseNameOf } from '#domain/case/phases.js';
import { searchKey } from '../directory/roster.query.js';
import type { CaseDoc } from './case-doc.js';
import { casesOfSchool, getCaseSchool, studentsOfSchool, type CaseAndStudentReaders } from './case.queries.js';
import { nextDueByStudent } from '../tasks/tasks.query.js';

export interface CaseListRow {
  caseId: string;
  studentId: string;
  studentName: string | null;
  group: string | null;
  schoolId: string;
  phase: number;
  phaseName: string | null;
  status: 'open' | 'closed';
  openedOn: string;
  /** The earliest due date of the student's open steps (overdue ones included); null when none. */
  nextDueOn: string | null;
}

export interface CaseListFilter {
  status?: 'open' | 'closed';
  phase?: number;
  studentId?: string;
  q?: string;
  /** A contact teacher's own groups at the school; null: every group. */
  groups: readonly string[] | null;
  /** Blocked (sperrede) cases too: the auditor's list only (api.md, Privacy). */
  includeBlocked?: boolean;
}

const nb = new Intl.Collator('nb', { numeric: true });

export async function listCases(
  readers: CaseAndStudentReaders,
  schoolId: string,
  filter: CaseListFilter,
  today: string,
): Promise<CaseListRow[]> {
  const school = await getCaseSchool(readers.cases, schoolId);
  if (!school) return [];
  const plan = getPlan(school.planId, school.planVersion) ?? getPlan(school.planId);
  const [cases, people] = await Promise.all([casesOfSchool(readers.cases, schoolId), studentsOfSchool(readers.cases, schoolId)]);
  const person = new Map(people.map((p) => [p.studentId, p]));
  const key = filter.q === undefined ? undefined : searchKey(filter.q);
  const wanted = cases.filter((c: CaseDoc) => {
    const who = person.get(c.studentId);
    if (c.blocked && !filter.includeBlocked) return false;
    if (filter.groups !== null && (!who || !filter.groups.includes(who.group))) return false;
    if (filter.status !== undefined && c.status !== filter.status) return false;
    if (filter.phase !== undefined && c.phase !== filter.phase) return false;
    if (filter.studentId !== undefined && c.studentId !== filter.studentId) return false;
    if (key !== undefined && !searchKey(who?.name ?? c.studentName ?? '').includes(key)) return false;
    return true;
  });
  if (wanted.length === 0) return [];
  // The next due date of each student's open steps (the case's steps are the student's; routines are not).
  const nextDue = await nextDueByStudent(readers, schoolId, filter.groups, today);
  return wanted
    .map((c) => {
      const who = person.get(c.studentId);
      return {
        caseId: c.caseId,
        studentId: c.studentId,
        studentName: who?.name ?? c.studentName,
        group: who?.group ?? null,
        schoolId,
        phase: c.phase,
        phaseName: (plan && phaseNameOf(plan, c.phase)) ?? null,
        status: c.status,
        openedOn: c.openedOn,
        nextDueOn: c.status === 'open' ? (nextDue.get(c.studentId) ?? null) : null,
      };
    })
    .sort(
      (a, b) =>
        (a.status === b.status ? 0 : a.status === 'open' ? -1 : 1) ||
        (a.nextDueOn ?? '9999').localeCompare(b.nextDueOn ?? '9999') ||
        nb.compare(a.studentName ?? '', b.studentName ?? '') ||
        a.caseId.localeCompare(b.caseId),
    );
}
