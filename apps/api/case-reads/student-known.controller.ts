import { Controller, Get, Inject, Param, Query } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { endOfOsloDay, osloDateOf } from '#audit/known-as-of.js';
import { Requires } from '../auth/requires.decorator.js';
import { badRequest } from '../common/error-body.js';
import { isIsoDate, isIsoInstant } from '../common/dto-rules.js';
import { IdParamPipe } from '../common/id-param.pipe.js';
import { Clock } from '#application/clock.js';
import { GetStudentKnownQuery } from './student-known.query.js';

/** An instant as given; a date D means the end of D in Europe/Oslo ("what was known on D"); none: now. */
function knownAt(value: unknown, now: string): string {
  if (value === undefined || value === '') return now;
  if (isIsoInstant(value)) return new Date(value).toISOString();
  if (isIsoDate(value)) return endOfOsloDay(value);
  throw badRequest('Invalid asOf', [
    { field: 'asOf', messages: ['asOf must be an ISO 8601 instant (e.g. 2026-11-23T12:00:00Z) or a date YYYY-MM-DD'] },
  ]);
}

@ApiTags('audit')
@Controller('students/:studentId')
export class StudentKnownController {
  constructor(
    @Inject(QueryBus) private readonly queries: QueryBus,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  @Get('known')
  @ApiOperation({ summary: 'What the school knew about a student at an instant: registrations, concern, cases, tasks' })
  @Requires('student:history', { student: 'studentId' })
  @ApiQuery({
    name: 'asOf',
    required: false,
    description:
      'An instant, or a date D meaning the end of D in Europe/Oslo. Default: now. The concern level and tasks are evaluated on its date (never after today).',
  })
  @ApiOkResponse({
    description:
      'An addition to api.md (auditor; school leader for own schools): what the school knew about the student at `asOf`: ' +
      'the registrations recorded by then, the concern level evaluated on that date from them, the cases as recorded then and the follow-up tasks.',
  })
  known(@Param('studentId', IdParamPipe) studentId: string, @Query('asOf') asOf?: string) {
    const at = knownAt(asOf, this.clock.nowIso());
    // Evaluated on the instant's business date, never later than the service's today.
    const date = osloDateOf(at) < this.clock.today() ? osloDateOf(at) : this.clock.today();
    return this.queries.execute(new GetStudentKnownQuery(studentId, at, date));
  }
}
