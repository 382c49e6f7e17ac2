/**
 * Review routines (api.md, Read models; plans.md, "Review routines"): the reviews the plan asks
 * for, due and held; recording one; and Bergen's monthly report to the department leader.
 */
import { Body, Controller, Get, HttpCode, Inject, Param, Post, Query, Req } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiQuery, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import type { Actor } from '#event-store/event-store.port.js';
import { groupsAt } from '#access/roles.js';
import { Clock } from '#application/clock.js';
import { schoolStream } from '#domain/events/stream-name.js';
import { schoolDecider } from '#domain/school/index.js';
import { SchoolContexts } from '#application/school-contexts.js';
import { StreamWriter } from '#application/write/stream-writer.js';
import type { AuthenticatedRequest } from '../auth/authenticated-request.js';
import { CurrentActor } from '../auth/current-principal.decorator.js';
import { Requires } from '../auth/requires.decorator.js';
import { badRequest, httpError } from '../common/error-body.js';
import { IdParamPipe } from '../common/id-param.pipe.js';
import { RequestIds, type RequestIdSource } from '../common/request-ids.js';
import { WriteResult } from '../common/write-result.js';
import { dateParam, daysBefore } from '../read/query-params.js';
import { RecordReviewDto } from './review.dto.js';
import { ListReviewsQuery, MonthlyReportQuery } from './reviews.queries.js';

const OWN_GROUPS_ONLY = new Set(['contact-teacher']);

@ApiTags('reviews')
@Controller('schools/:schoolId')
export class ReviewsController {
  constructor(
    @Inject(QueryBus) private readonly queries: QueryBus,
    @Inject(StreamWriter) private readonly writer: StreamWriter,
    @Inject(SchoolContexts) private readonly schools: SchoolContexts,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  @Get('reviews')
  @Requires('reviews:read', { school: 'schoolId' })
  @ApiOperation({ summary: 'The routine reviews the plan asks for in a period, due and held' })
  @ApiQuery({ name: 'from', required: false, description: 'Default: 30 days before `to`.' })
  @ApiQuery({ name: 'to', required: false, description: 'Default: today.' })
  @ApiOkResponse({ description: '`[{ routineId, title, scope, groupId?, from, to, dueOn, status, held: [...] }]`' })
  reviews(
    @Param('schoolId', IdParamPipe) schoolId: string,
    @Req() req: AuthenticatedRequest,
    @Query('from') fromParam?: string,
    @Query('to') toParam?: string,
  ) {
    const today = this.clock.today();
    const to = dateParam(toParam, 'to') ?? today;
    const from = dateParam(fromParam, 'from') ?? daysBefore(to, 30);
    if (from > to) throw badRequest('from must not be after to', [{ field: 'from', messages: ['from must not be after to'] }]);
    const groups = OWN_GROUPS_ONLY.has(req.access!.role) ? groupsAt(req.principal!, schoolId) : null;
    return this.queries.execute(new ListReviewsQuery(schoolId, from, to, today, groups));
  }

  @Post('reviews')
  @HttpCode(201)
  @Requires('review:record', { school: 'schoolId' })
  @ApiOperation({ summary: 'Record a routine review held: the date, who took part, the minutes' })
  @ApiCreatedResponse({ schema: { example: { reviewId: '…' } } })
  @ApiUnprocessableEntityResponse({ description: '`unknown-routine`, `group-required`, `date-in-future`.' })
  async record(
    @Param('schoolId', IdParamPipe) schoolId: string,
    @Body() dto: RecordReviewDto,
    @CurrentActor() actor: Actor,
    @RequestIds() ids: RequestIdSource,
  ): Promise<WriteResult<{ reviewId: string }>> {
    const school = await this.schools.get(schoolId);
    if (!school) throw httpError(404, `Unknown school: ${schoolId}`);
    // Any group of the school: a trinn's contact teachers review its groups together (Hemsedal's trinntid).
    const reviewId = ids.id('reviewId');
    const routines = school.plan.reviewRoutines.filter((r) => !r.recordedByRegistration).map((r) => ({ id: r.id, scope: r.scope }));
    const { position } = await this.writer.execute(
      schoolStream(schoolId),
      schoolDecider,
      { type: 'RecordReview', data: { schoolId, reviewId, ...dto } },
      { today: this.clock.today(), routines },
      { actor, eventIds: ids.eventIds, recoverIfStored: ids.recover },
    );
    return new WriteResult({ reviewId }, position);
  }

  @Get('reports/monthly')
  @Requires('monthly-report:read', { school: 'schoolId' })
  @ApiOperation({ summary: "Bergen's monthly report: students with concerning absence as of the month's first Thursday" })
  @ApiOkResponse({ description: 'The report: the students and why each is on it.' })
  @ApiQuery({ name: 'month', required: false, description: 'YYYY-MM; default this month.' })
  async monthly(@Param('schoolId', IdParamPipe) schoolId: string, @Req() req: AuthenticatedRequest, @Query('month') monthParam?: string) {
    const month = monthParam ?? this.clock.today().slice(0, 7);
    if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month))
      throw badRequest('Invalid month', [{ field: 'month', messages: ['month must be YYYY-MM'] }]);
    const groups = OWN_GROUPS_ONLY.has(req.access!.role) ? groupsAt(req.principal!, schoolId) : null;
    const report = (await this.queries.execute(new MonthlyReportQuery(schoolId, month, groups))) as { students: { studentId: string }[] };
    // The report shows those students' concern: one access-log entry naming who was shown.
    req.accessRecord = {
      actor: { id: req.principal!.id, role: req.access!.role },
      action: 'monthly-report:read',
      target: { type: 'student-list', id: `monthly-report:${schoolId}:${month}` },
      revealed: { type: 'student', ids: report.students.map((s) => s.studentId) },
      at: new Date().toISOString(),
    };
    return report;
  }
}
