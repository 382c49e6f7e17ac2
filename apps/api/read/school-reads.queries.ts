import { Inject, NotFoundException } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { getAbsenceList } from '#read-models/projections/absence-list/absence-list.query.js';
import type { AbsenceListRow } from '#read-models/projections/absence-list/absence-list.row.js';
import { getConcern } from '#read-models/projections/concern/concern.query.js';
import { getSchool } from '#read-models/projections/directory/directory.query.js';
import {
  caseInPhase3Unresolved,
  casesOfSchool,
  studentsInPhase3Unresolved,
  studentsWithOpenCase,
} from '#read-models/projections/cases/case.queries.js';
import { getSchoolStatistics, type SchoolStatistics } from '#read-models/projections/statistics/school-statistics.js';
import { getStudentTaskHistory, getTasks, type Task, type TaskHistoryRow } from '#read-models/projections/tasks/tasks.query.js';
import type { StepStatus } from '#domain/follow-up/index.js';
import { ReadModels } from './read-models.provider.js';
import { resolvePeriod, type Period } from '#domain/calendar/periods.js';
import { getCaseSchool } from '#read-models/projections/cases/case.queries.js';
import { badRequest } from '../common/error-body.js';

async function requireSchool(models: ReadModels, schoolId: string): Promise<void> {
  if (!(await getSchool(models.absence.directory, schoolId))) throw new NotFoundException(`school ${schoolId} not found`);
}

export class GetAbsenceListQuery {
  constructor(
    readonly schoolId: string,
    readonly from: string,
    readonly to: string,
  ) {}
}

@QueryHandler(GetAbsenceListQuery)
export class GetAbsenceListHandler implements IQueryHandler<GetAbsenceListQuery, readonly AbsenceListRow[]> {
  constructor(@Inject(ReadModels) private readonly models: ReadModels) {}

  async execute({ schoolId, from, to }: GetAbsenceListQuery): Promise<readonly AbsenceListRow[]> {
    // The school's cases once, for both: the open-case column and Bærum's red rule (so that each
    // row's level is the one GET /students/:id/concern?asOf=<to> gives).
    const cases = await casesOfSchool(this.models.cases, schoolId);
    const rows = await getAbsenceList(this.models.absence, schoolId, from, to, {
      openCaseStudentIds: new Set(studentsWithOpenCase(cases)),
      caseInPhase3UnresolvedStudentIds: studentsInPhase3Unresolved(cases, to),
    });
    if (!rows) throw new NotFoundException(`school ${schoolId} not found`);
    return rows;
  }
}

export class GetSchoolStatisticsQuery {
  constructor(
    readonly schoolId: string,
    readonly asOf: string,
  ) {}
}

@QueryHandler(GetSchoolStatisticsQuery)
export class GetSchoolStatisticsHandler implements IQueryHandler<GetSchoolStatisticsQuery, SchoolStatistics> {
  constructor(@Inject(ReadModels) private readonly models: ReadModels) {}

  async execute({ schoolId, asOf }: GetSchoolStatisticsQuery): Promise<SchoolStatistics> {
    await requireSchool(this.models, schoolId);
    const { absence, cases } = this.models;
    return getSchoolStatistics(cases, schoolId, asOf, async (studentId, on) => {
      const phase3 = await caseInPhase3Unresolved(cases, studentId, on);
      return (await getConcern(absence, studentId, on, { caseInPhase3Unresolved: phase3 }))?.level ?? 'green';
    });
  }
}

export class GetTasksQuery {
  constructor(
    readonly schoolId: string,
    readonly status: StepStatus | undefined,
    readonly today: string,
    /** Narrows to students of these groups (a contact teacher sees own groups only); null: all. */
    readonly groups: readonly string[] | null,
    readonly studentId?: string,
  ) {}
}

@QueryHandler(GetTasksQuery)
export class GetTasksHandler implements IQueryHandler<GetTasksQuery, Task[]> {
  constructor(@Inject(ReadModels) private readonly models: ReadModels) {}

  async execute({ schoolId, status, today, groups, studentId }: GetTasksQuery): Promise<Task[]> {
    await requireSchool(this.models, schoolId);
    return getTasks(
      this.models.casesAndStudents,
      schoolId,
      { ...(status ? { status } : {}), ...(studentId ? { studentId } : {}), groups },
      today,
    );
  }
}

export class GetStudentTaskHistoryQuery {
  constructor(
    readonly studentId: string,
    readonly today: string,
  ) {}
}

@QueryHandler(GetStudentTaskHistoryQuery)
export class GetStudentTaskHistoryHandler implements IQueryHandler<GetStudentTaskHistoryQuery, TaskHistoryRow[]> {
  constructor(@Inject(ReadModels) private readonly models: ReadModels) {}

  async execute({ studentId, today }: GetStudentTaskHistoryQuery): Promise<TaskHistoryRow[]> {
    const rows = await getStudentTaskHistory(this.models.casesAndStudents, studentId, today);
    if (!rows) throw new NotFoundException(`student ${studentId} not found`);
    return rows;
  }
}

export class SchoolPeriodQuery {
  constructor(
    readonly schoolId: string,
    readonly period: string,
  ) {}
}

/** `period=` (api.md, Files to take away) read by the school's calendar; 400 naming `period` when it names none. */
@QueryHandler(SchoolPeriodQuery)
export class SchoolPeriodHandler implements IQueryHandler<SchoolPeriodQuery, Period> {
  constructor(@Inject(ReadModels) private readonly models: ReadModels) {}

  async execute({ schoolId, period }: SchoolPeriodQuery): Promise<Period> {
    const school = await getCaseSchool(this.models.cases, schoolId);
    const resolved = resolvePeriod(period, school?.schoolYears ?? []);
    if (!resolved)
      throw badRequest('Invalid period', [
        {
          field: 'period',
          messages: ['period must be a quarter (2026-Q4), a month (2026-09), a term (autumn-2026, spring-2027) or a school year (2026-27)'],
        },
      ]);
    return resolved;
  }
}
