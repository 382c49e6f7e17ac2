/**
 * What a guardian (or an admin, on request) may see of a child (api.md, Privacy, and the
 * guardian's row of the role table): the innsyn, as JSON or PDF, and the child's consents.
 */
import { Controller, Get, Inject, Param, Query, Res, StreamableFile } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Clock } from '#application/clock.js';
import type { CaseConsent } from '#read-models/projections/cases/case-doc.js';
import { casesOfStudent } from '#read-models/projections/cases/case.queries.js';
import { Requires } from '../auth/requires.decorator.js';
import { IdParamPipe } from '../common/id-param.pipe.js';
import type { HttpResponse } from '../common/http-types.js';
import { ReadModels } from '../read/read-models.provider.js';
import { oneOfParam } from '../read/query-params.js';
import { GetInnsynQuery, type Innsyn } from './innsyn.query.js';
import { innsynPdf } from './innsyn-pdf.js';

@ApiTags('privacy')
@Controller('students/:studentId')
export class InnsynController {
  constructor(
    @Inject(QueryBus) private readonly queries: QueryBus,
    @Inject(ReadModels) private readonly models: ReadModels,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  @Get('innsyn')
  @Requires('student:innsyn', { student: 'studentId' })
  @ApiOperation({ summary: 'All that is stored about the student and every read of it (GDPR art. 15), as JSON or a PDF in Norwegian' })
  @ApiQuery({ name: 'format', required: false, enum: ['json', 'pdf'] })
  @ApiProduces('application/json', 'application/pdf')
  @ApiOkResponse({ description: '`{ studentId, student, registrations, concern, tasks, cases, records, accessLog }`, or the PDF.' })
  async innsyn(
    @Param('studentId', IdParamPipe) studentId: string,
    @Res({ passthrough: true }) res: HttpResponse,
    @Query('format') formatParam?: string,
  ): Promise<Innsyn | StreamableFile> {
    const format = oneOfParam(formatParam, 'format', ['json', 'pdf'] as const) ?? 'json';
    const innsyn = await this.queries.execute<GetInnsynQuery, Innsyn>(new GetInnsynQuery(studentId, this.clock.today()));
    if (format === 'json') return innsyn;
    res.setHeader('Content-Type', 'application/pdf');
    res.setHeader('Content-Disposition', `attachment; filename="innsyn-${studentId}-${this.clock.today()}.pdf"`);
    return new StreamableFile(await innsynPdf(innsyn));
  }

  @Get('consents')
  @Requires('consents:read', { student: 'studentId' })
  @ApiOperation({ summary: "The student's consents in all their cases (blocked cases left out), for giving and withdrawing them" })
  @ApiOkResponse({
    schema: { example: [{ caseId: 'c-1', consentId: '9b2f…', purpose: 'ppt', recipients: ['PPT'], givenAt: '2026-11-20' }] },
  })
  async consents(@Param('studentId', IdParamPipe) studentId: string): Promise<(CaseConsent & { caseId: string; caseStatus: string })[]> {
    const cases = await casesOfStudent(this.models.cases, studentId);
    return cases
      .filter((c) => !c.blocked)
      .flatMap((c) => c.consents.map((consent) => ({ caseId: c.caseId, caseStatus: c.status, ...consent })))
      .sort((a, b) => (a.givenOn < b.givenOn ? -1 : a.givenOn > b.givenOn ? 1 : 0));
  }
}
