/**
 * GET /schools/:schoolId/statistics/weeks: a school's absence week by week, for the Statistikk
 * page's trend. For the municipality role small counts read `<5` (a week's count of one or two
 * absent students could single out a child), as every statistic it sees does.
 */
import { Controller, Get, Inject, NotFoundException, Param, Query, Req } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { Clock } from '#application/clock.js';
import { getWeeklyTrend, type WeekTrend } from '#read-models/projections/absence-list/weekly-trend.query.js';
import { primary, type Shown } from '#read-models/projections/ppt/suppress-small-counts.js';
import type { AuthenticatedRequest } from '../auth/authenticated-request.js';
import { Requires } from '../auth/requires.decorator.js';
import { badRequest } from '../common/error-body.js';
import { IdParamPipe } from '../common/id-param.pipe.js';
import { dateParam } from './query-params.js';
import { ReadModels } from './read-models.provider.js';

type ShownWeek = Omit<WeekTrend, 'days' | 'lessons' | 'lates' | 'studentsAbsent'> &
  Record<'days' | 'lessons' | 'lates' | 'studentsAbsent', Shown>;

@ApiTags('read models')
@Controller('schools/:schoolId/statistics/weeks')
export class SchoolTrendController {
  constructor(
    @Inject(ReadModels) private readonly models: ReadModels,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  @Get()
  @Requires('school-statistics:read', { school: 'schoolId' })
  @ApiOperation({ summary: "A school's absence week by week: days, lessons, late arrivals and students absent (the trend)" })
  @ApiQuery({ name: 'weeks', required: false, description: 'How many ISO weeks, ending with the week of `to` (1..53; default 12).' })
  @ApiQuery({ name: 'to', required: false, description: 'Default: today.' })
  @ApiOkResponse({
    schema: { example: [{ week: '2026-W49', from: '2026-11-30', to: '2026-12-06', days: 14, lessons: 22, lates: 9, studentsAbsent: 17 }] },
  })
  async weeks(
    @Param('schoolId', IdParamPipe) schoolId: string,
    @Req() req: AuthenticatedRequest,
    @Query('weeks') weeksParam?: unknown,
    @Query('to') toParam?: string,
  ): Promise<WeekTrend[] | ShownWeek[]> {
    const weeks = weeksParam === undefined || weeksParam === '' ? 12 : Number(weeksParam);
    if (!Number.isInteger(weeks) || weeks < 1 || weeks > 53)
      throw badRequest('Invalid weeks', [{ field: 'weeks', messages: ['weeks must be a whole number 1..53'] }]);
    const to = dateParam(toParam, 'to') ?? this.clock.today();
    const trend = await getWeeklyTrend(this.models.absence, schoolId, to, weeks);
    if (!trend) throw new NotFoundException(`school ${schoolId} not found`);
    if (req.access?.role !== 'municipality') return trend;
    return trend.map((w) => ({
      ...w,
      days: primary(w.days),
      lessons: primary(w.lessons),
      lates: primary(w.lates),
      studentsAbsent: primary(w.studentsAbsent),
    }));
  }
}
