import { Controller, Get, Header, Inject, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Requires } from '../auth/requires.decorator.js';
import { badRequest } from '../common/error-body.js';
import { isIsoInstant } from '../common/dto-rules.js';
import { IdParamPipe } from '../common/id-param.pipe.js';
import { GetCaseHistoryQuery, GetCaseQuery, VerifyCaseHistoryQuery } from './case-reads.queries.js';
import { ExportCaseNoarkQuery } from './export-noark.query.js';

function instantParam(value: unknown, field: string): string | undefined {
  if (value === undefined) return undefined;
  if (isIsoInstant(value)) return value;
  throw badRequest(`Invalid ${field}`, [{ field, messages: [`${field} must be an ISO 8601 instant, e.g. 2026-11-23T12:00:00Z`] }]);
}

@ApiTags('cases')
@Controller('cases/:caseId')
export class CaseReadsController {
  constructor(@Inject(QueryBus) private readonly queries: QueryBus) {}

  @Get()
  @Requires('case:read', { case: 'caseId' })
  @ApiQuery({ name: 'asOf', required: false, description: 'An instant: the case exactly as recorded then.' })
  @ApiOkResponse({ description: 'The case now, or as recorded at `asOf`; `integrity` flags a broken hash chain.' })
  get(@Param('caseId', IdParamPipe) caseId: string, @Query('asOf') asOf?: string) {
    return this.queries.execute(new GetCaseQuery(caseId, instantParam(asOf, 'asOf')));
  }

  @Get('history')
  @Requires('case:history', { case: 'caseId' })
  @ApiOkResponse({ description: 'Every event of the case, oldest first, corrections as their own entries.' })
  history(@Param('caseId', IdParamPipe) caseId: string) {
    return this.queries.execute(new GetCaseHistoryQuery(caseId));
  }

  @Get('history/verify')
  @Requires('case:history', { case: 'caseId' })
  @ApiOkResponse({ schema: { example: { valid: true, events: 12 } } })
  verify(@Param('caseId', IdParamPipe) caseId: string) {
    return this.queries.execute(new VerifyCaseHistoryQuery(caseId));
  }

  @Get('export/noark')
  @Requires('case:export', { case: 'caseId' })
  @Header('Content-Type', 'application/xml; charset=utf-8')
  @ApiProduces('application/xml')
  @ApiOkResponse({ description: 'A Noark 5.5 arkivstruktur document with one saksmappe.' })
  exportNoark(@Param('caseId', IdParamPipe) caseId: string) {
    return this.queries.execute(new ExportCaseNoarkQuery(caseId));
  }
}
