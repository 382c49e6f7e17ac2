import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { getPptStatistics, type PptStatistics } from '#read-models/projections/ppt/ppt-statistics.js';
import { getPptCases, type PptCase } from '#read-models/projections/ppt/ppt-cases.js';
import { getAccessLog, type AccessLogCursor, type AccessLogPage } from '#read-models/projections/access-log/access-log.queries.js';
import { ReadModels } from './read-models.provider.js';

export class GetPptStatisticsQuery {
  constructor(
    readonly municipalityId: string,
    readonly asOf: string,
    readonly compareTo: string | undefined,
    readonly from?: string,
  ) {}
}

@QueryHandler(GetPptStatisticsQuery)
export class GetPptStatisticsHandler implements IQueryHandler<GetPptStatisticsQuery, PptStatistics> {
  constructor(@Inject(ReadModels) private readonly models: ReadModels) {}

  execute({ municipalityId, asOf, compareTo, from }: GetPptStatisticsQuery): Promise<PptStatistics> {
    return getPptStatistics(this.models.casesAndStudents, municipalityId, asOf, compareTo, from);
  }
}

export class GetPptCasesQuery {
  constructor(
    readonly municipalityId: string,
    readonly today: string,
  ) {}
}

@QueryHandler(GetPptCasesQuery)
export class GetPptCasesHandler implements IQueryHandler<GetPptCasesQuery, PptCase[]> {
  constructor(@Inject(ReadModels) private readonly models: ReadModels) {}

  execute({ municipalityId, today }: GetPptCasesQuery): Promise<PptCase[]> {
    return getPptCases(this.models.cases, municipalityId, today);
  }
}

export class GetAccessLogQuery {
  constructor(
    readonly caseId: string | undefined,
    readonly studentId: string | undefined,
    readonly page?: { limit: number; after?: AccessLogCursor },
  ) {}
}

@QueryHandler(GetAccessLogQuery)
export class GetAccessLogHandler implements IQueryHandler<GetAccessLogQuery, AccessLogPage> {
  constructor(@Inject(ReadModels) private readonly models: ReadModels) {}

  execute({ caseId, studentId, page }: GetAccessLogQuery): Promise<AccessLogPage> {
    return getAccessLog(this.models.accessLog, { caseId, studentId, ...(page ?? {}) });
  }
}
