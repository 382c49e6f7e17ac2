import { Controller, Get, Inject, Param, Query, Req, Res } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiQuery, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { HttpResponse } from '../common/http-types.js';
import { ACCESS_LOGGER, type AccessLogger, type AccessRecord } from '#access/access-log.port.js';
import { groupsAt } from '#access/roles.js';
import type { AccessLogPage } from '#read-models/projections/access-log/access-log.queries.js';
import { encodeCursor, pageOf, pageRequest } from '../common/paging.js';
import { absenceListCsv } from '#read-models/projections/absence-list/absence-list.csv.js';
import type { AbsenceListRow } from '#read-models/projections/absence-list/absence-list.row.js';
import type { SchoolStatistics } from '#read-models/projections/statistics/school-statistics.js';
import type { PptStatistics } from '#read-models/projections/ppt/ppt-statistics.js';
import { pptStatisticsCsv, pptStatisticsXlsx } from '#read-models/projections/ppt/ppt-statistics.file.js';
import { absenceListXlsx } from '#read-models/projections/absence-list/absence-list.xlsx.js';
import { suppressPptStatistics, suppressSchoolStatistics } from '#read-models/projections/ppt/suppress-small-counts.js';
import type { AuthenticatedRequest } from '../auth/authenticated-request.js';
import { Requires } from '../auth/requires.decorator.js';
import { badRequest } from '../common/error-body.js';
import { IdParamPipe } from '../common/id-param.pipe.js';
import { Clock } from '#application/clock.js';
import { GetAccessLogQuery, GetPptCasesQuery, GetPptStatisticsQuery } from './municipality-reads.queries.js';
import { dateParam, daysBefore, idQuery, oneOfParam, textQuery } from './query-params.js';
import { CONCERN_LEVELS } from '#domain/events/index.js';
import {
  GetAbsenceListQuery,
  GetSchoolStatisticsQuery,
  GetStudentTaskHistoryQuery,
  GetTasksQuery,
  SchoolPeriodQuery,
} from './school-reads.queries.js';
import { GetConcernHistoryQuery, GetConcernQuery, ListRegistrationsQuery } from './student-reads.queries.js';
import { FILE_CONTENT, fileAnswer, jsonAnswer, formatOf, langOf, XLSX_TYPE } from './file-answer.js';
import { tableCsv, tableXlsx } from '#read-models/files/table-file.js';
import { STATISTICS_COLUMNS, STATISTICS_SHEET, statisticLines } from '#read-models/projections/statistics/school-statistics.file.js';
import { TASK_COLUMNS, TASK_SHEET } from '#read-models/projections/tasks/tasks.file.js';
import type { Task } from '#read-models/projections/tasks/tasks.query.js';

const actingRole = (req: AuthenticatedRequest): string | undefined => req.access?.role;

/** The access-log entry of a whole-school list read: who, which list with its filters, how many students it showed. */
function listRead(req: AuthenticatedRequest, action: string, list: string, shown: number): AccessRecord {
  return {
    actor: { id: req.principal!.id, role: req.access!.role },
    action,
    target: { type: 'student-list', id: list },
    shown,
    at: new Date().toISOString(),
  };
}

@ApiTags('read models')
@Controller()
export class ReadController {
  constructor(
    @Inject(QueryBus) private readonly queries: QueryBus,
    @Inject(Clock) private readonly clock: Clock,
    @Inject(ACCESS_LOGGER) private readonly accessLog: AccessLogger,
  ) {}

  @Get('students/:studentId/concern')
  @ApiOperation({ summary: "The student's concern level with the rules that explain it (logged)" })
  @ApiOkResponse({ description: 'The answer; see the example in api.md.' })
  @Requires('concern:read', { student: 'studentId' })
  @ApiQuery({ name: 'asOf', required: false, description: 'Evaluation date (business time); default today.' })
  concern(@Param('studentId', IdParamPipe) studentId: string, @Query('asOf') asOf?: string) {
    return this.queries.execute(new GetConcernQuery(studentId, dateParam(asOf, 'asOf') ?? this.clock.today()));
  }

  @Get('students/:studentId/concern/history')
  @Requires('concern:read', { student: 'studentId' })
  @ApiOperation({ summary: "Every change of the student's level, with its cause, oldest first" })
  @ApiOkResponse({
    description: '`[{ level, previous, on, cause: registration|time|case|override, triggers, recordedAt }]`',
    schema: {
      example: [
        {
          level: 'yellow',
          previous: 'green',
          on: '2026-11-23',
          cause: 'registration',
          triggers: [],
          recordedAt: '2026-11-23T08:40:00.000Z',
        },
      ],
    },
  })
  concernHistory(@Param('studentId', IdParamPipe) studentId: string) {
    return this.queries.execute(new GetConcernHistoryQuery(studentId));
  }

  @Get('students/:studentId/tasks/history')
  @Requires('concern:read', { student: 'studentId' })
  @ApiOperation({ summary: "The student's task history: every step the plan asked for this school year, and how it ended" })
  @ApiOkResponse({
    description:
      '`[{ taskId, step, responsibleRole, trigger, since, dueOn, status: due|overdue|done|waived|no-longer-asked, doneAt?, endedOn? }]`',
  })
  taskHistory(@Param('studentId', IdParamPipe) studentId: string) {
    return this.queries.execute(new GetStudentTaskHistoryQuery(studentId, this.clock.today()));
  }

  @Get('students/:studentId/absences')
  @ApiOperation({ summary: "The student's registrations as they stand now" })
  @Requires('absence:read', { student: 'studentId' })
  @ApiOkResponse({ description: "An addition: the student's registrations as they stand now." })
  registrations(@Param('studentId', IdParamPipe) studentId: string) {
    return this.queries.execute(new ListRegistrationsQuery(studentId));
  }

  @Get('schools/:schoolId/absence-list')
  @ApiOperation({ summary: 'The fraværsliste: every student of a school for a period, as JSON, CSV or Excel (logged)' })
  @ApiOkResponse({
    description: 'One row per student (format=json), or the same as a file. JSON carries an ETag while the list is unchanged.',
    content: FILE_CONTENT,
  })
  @ApiResponse({
    status: 304,
    description: 'Not modified: the JSON list is the one the If-None-Match ETag names (the read is logged all the same).',
  })
  @Requires('absence-list:read', { school: 'schoolId' })
  @ApiProduces('application/json', 'text/csv')
  @ApiQuery({ name: 'from', required: false, description: 'Default: 90 days before `to` (or the start of `period`).' })
  @ApiQuery({ name: 'to', required: false, description: 'Default: today (or the end of `period`).' })
  @ApiQuery({
    name: 'period',
    required: false,
    description:
      'A preset: `2026-Q4`, `2026-09`, `autumn-2026`, `spring-2027` (by the school calendar), `2026-27`. An explicit from/to wins.',
  })
  @ApiQuery({
    name: 'format',
    required: false,
    enum: ['json', 'csv', 'xlsx'],
    description: 'csv: for Norwegian Excel (BOM, `;`, decimal comma; also `Accept: text/csv`); xlsx: one sheet, typed numbers.',
  })
  @ApiQuery({ name: 'lang', required: false, enum: ['nb', 'nn'], description: "The CSV's headers and words: bokmål (default) or nynorsk." })
  @ApiQuery({ name: 'group', required: false, description: 'Only this group (class).' })
  @ApiQuery({ name: 'level', required: false, enum: ['green', 'yellow', 'red'], description: 'Only students at this concern level.' })
  @ApiQuery({
    name: 'openCase',
    required: false,
    enum: ['true', 'false'],
    description: 'Only students with (true) or without (false) an open case.',
  })
  async absenceList(
    @Param('schoolId', IdParamPipe) schoolId: string,
    @Req() req: AuthenticatedRequest,
    @Res({ passthrough: true }) res: HttpResponse,
    @Query('from') fromParam?: string,
    @Query('to') toParam?: string,
    @Query('format') formatParam?: string,
    @Query('lang') langParam?: string,
    @Query('period') periodParam?: string,
    @Query('group') groupParam?: unknown,
    @Query('level') levelParam?: unknown,
    @Query('openCase') openCaseParam?: unknown,
  ) {
    const format = formatOf(formatParam, req.headers.accept);
    const group = textQuery(groupParam, 'group');
    const level = oneOfParam(levelParam, 'level', CONCERN_LEVELS);
    const openCase = oneOfParam(openCaseParam, 'openCase', ['true', 'false'] as const);
    const lang = langOf(langParam);
    const preset =
      periodParam === undefined || periodParam === ''
        ? undefined
        : ((await this.queries.execute(new SchoolPeriodQuery(schoolId, String(periodParam)))) as { from: string; to: string });
    const to = dateParam(toParam, 'to') ?? preset?.to ?? this.clock.today();
    const from = dateParam(fromParam, 'from') ?? preset?.from ?? daysBefore(to, 90);
    if (from > to) throw badRequest('from is after to', [{ field: 'from', messages: ['from must be on or before to'] }]);
    const all = (await this.queries.execute(new GetAbsenceListQuery(schoolId, from, to))) as readonly AbsenceListRow[];
    const rows =
      group === undefined && level === undefined && openCase === undefined
        ? all
        : all.filter(
            (row) =>
              (group === undefined || row.group === group) &&
              (level === undefined || row.level === level) &&
              (openCase === undefined || row.openCase === (openCase === 'true')),
          );
    // The list shows every student's level and open case: one access-log entry per request, with its filters (issue 19).
    const filters = [group && `group=${group}`, level && `level=${level}`, openCase && `openCase=${openCase}`].filter(Boolean).join('&');
    req.accessRecord = listRead(
      req,
      'absence-list:read',
      `absence-list:${schoolId}:${from}:${to}${filters ? `?${filters}` : ''}`,
      rows.length,
    );
    if (format === 'json') return jsonAnswer(res, rows);
    return fileAnswer(res, format, `fravaersliste-${schoolId}-${from}-${to}`, {
      csv: () => absenceListCsv(rows, lang),
      xlsx: () => absenceListXlsx(rows, lang),
    });
  }

  @Get('schools/:schoolId/statistics')
  @ApiQuery({ name: 'asOf', required: false, description: 'Counted at this date; default today.' })
  @ApiOperation({ summary: "A school's students by level, open cases by phase, referrals (small counts suppressed for the municipality)" })
  @ApiOkResponse({ description: 'The figures (format=json), or one row per figure as a file.', content: FILE_CONTENT })
  @ApiQuery({ name: 'format', required: false, enum: ['json', 'csv', 'xlsx'] })
  @ApiQuery({ name: 'lang', required: false, enum: ['nb', 'nn'] })
  @Requires('school-statistics:read', { school: 'schoolId' })
  async schoolStatistics(
    @Param('schoolId', IdParamPipe) schoolId: string,
    @Req() req: AuthenticatedRequest,
    @Res({ passthrough: true }) res: HttpResponse,
    @Query('asOf') asOfParam?: string,
    @Query('format') formatParam?: string,
    @Query('lang') langParam?: string,
  ) {
    const format = formatOf(formatParam, req.headers.accept);
    const lang = langOf(langParam);
    const asOf = dateParam(asOfParam, 'asOf') ?? this.clock.today();
    const counted = (await this.queries.execute(new GetSchoolStatisticsQuery(schoolId, asOf))) as SchoolStatistics;
    // The municipality sees aggregates only: small counts could single out a child.
    const stats = actingRole(req) === 'municipality' ? suppressSchoolStatistics(counted) : counted;
    if (format === 'json') return stats;
    const lines = statisticLines(stats);
    return fileAnswer(res, format, `statistikk-${schoolId}-${asOf}`, {
      csv: () => tableCsv(STATISTICS_COLUMNS, lines, lang),
      xlsx: () => tableXlsx(STATISTICS_SHEET, STATISTICS_COLUMNS, lines, lang),
    });
  }

  @Get('municipalities/:municipalityId/ppt-statistics')
  @Requires('ppt-statistics:read', { municipality: 'municipalityId' })
  @ApiOperation({ summary: "PPT's table: consulted, referred, sum and completely absent per school level" })
  @ApiOkResponse({
    description: "The rows per school level (format=json), or the table in the seed's layout as a file.",
    content: FILE_CONTENT,
  })
  @ApiQuery({ name: 'asOf', required: false, description: 'Counted at this date; default today.' })
  @ApiQuery({ name: 'compareTo', required: false, description: 'The earlier date whose figures stand beside them (`previous`).' })
  @ApiQuery({
    name: 'from',
    required: false,
    description:
      'Count every case with a PPT consultation or referral dated from..asOf (the seed\'s "høsten 2022"); `previous` covers as many days ending at compareTo.',
  })
  @ApiProduces('application/json', 'text/csv', XLSX_TYPE)
  @ApiQuery({
    name: 'format',
    required: false,
    enum: ['json', 'csv', 'xlsx'],
    description: "csv or xlsx: the seed's table layout, earlier figures in parentheses.",
  })
  @ApiQuery({ name: 'lang', required: false, enum: ['nb', 'nn'] })
  async pptStatistics(
    @Param('municipalityId', IdParamPipe) municipalityId: string,
    @Req() req: AuthenticatedRequest,
    @Res({ passthrough: true }) res: HttpResponse,
    @Query('asOf') asOfParam?: string,
    @Query('compareTo') compareTo?: string,
    @Query('from') fromParam?: string,
    @Query('format') formatParam?: string,
    @Query('lang') langParam?: string,
  ) {
    const format = formatOf(formatParam, req.headers.accept);
    const lang = langOf(langParam);
    const asOf = dateParam(asOfParam, 'asOf') ?? this.clock.today();
    const from = dateParam(fromParam, 'from');
    if (from !== undefined && from > asOf)
      throw badRequest('from must not be after asOf', [{ field: 'from', messages: ['from must not be after asOf'] }]);
    const counted = (await this.queries.execute(
      new GetPptStatisticsQuery(municipalityId, asOf, dateParam(compareTo, 'compareTo'), from),
    )) as PptStatistics;
    const stats = actingRole(req) === 'municipality' ? suppressPptStatistics(counted) : counted;
    if (format === 'json') return stats;
    return fileAnswer(res, format, `ppt-fravaerstall-${municipalityId}-${asOf}`, {
      csv: () => pptStatisticsCsv(stats, lang),
      xlsx: () => pptStatisticsXlsx(stats, lang),
    });
  }

  @Get('ppt/cases')
  @ApiOperation({ summary: 'The cases referred to or consulted with PPT that a consent lets PPT read (logged)' })
  @ApiOkResponse({ description: 'The answer; see the example in api.md.' })
  @Requires('ppt-cases:read')
  @ApiQuery({ name: 'municipalityId', required: false, description: 'For the auditor; PPT sees its own municipality.' })
  async pptCases(@Req() req: AuthenticatedRequest, @Query('municipalityId') municipalityParam?: string) {
    const principal = req.principal!;
    const role = actingRole(req)!;
    const municipalityId =
      role === 'ppt'
        ? principal.municipality
        : (idQuery(municipalityParam, 'municipalityId', principal.municipality === null) ?? principal.municipality);
    if (!municipalityId) return [];
    const cases = await this.queries.execute(new GetPptCasesQuery(municipalityId, this.clock.today()));
    // Each case shown is a read of that case: one access-log entry for the request, naming every
    // case it showed (recorded by AccessLogInterceptor once this answer is ready).
    if (req.accessRecord) req.accessRecord.revealed = { type: 'case', ids: (cases as { caseId: string }[]).map((c) => c.caseId) };
    return cases;
  }

  @Get('tasks')
  @ApiOperation({ summary: "The follow-up steps due at a school, with the students' names" })
  @ApiOkResponse({ description: 'The answer; see the example in api.md.' })
  @Requires('tasks:read', { school: 'query:schoolId' })
  @ApiQuery({ name: 'schoolId', required: true })
  @ApiQuery({ name: 'studentId', required: false })
  @ApiQuery({ name: 'status', required: false, enum: ['due', 'overdue', 'done', 'waived'], description: 'Without it: due and overdue.' })
  @ApiQuery({ name: 'limit', required: false, description: 'Page size (1..1000): the answer is then `{ items, nextCursor }`.' })
  @ApiQuery({ name: 'cursor', required: false, description: 'The `nextCursor` of the page before.' })
  @ApiQuery({ name: 'format', required: false, enum: ['json', 'csv', 'xlsx'] })
  @ApiQuery({ name: 'lang', required: false, enum: ['nb', 'nn'] })
  async tasks(
    @Req() req: AuthenticatedRequest,
    @Res({ passthrough: true }) res: HttpResponse,
    @Query('schoolId') schoolId?: string,
    @Query('status') status?: string,
    @Query('limit') limit?: string,
    @Query('cursor') cursor?: string,
    @Query('studentId') studentId?: string,
    @Query('format') formatParam?: string,
    @Query('lang') langParam?: string,
  ) {
    const format = formatOf(formatParam, req.headers.accept);
    const lang = langOf(langParam);
    const school = idQuery(schoolId, 'schoolId', true)!;
    const student = idQuery(studentId, 'studentId', false);
    const wanted = oneOfParam(status, 'status', ['due', 'overdue', 'done', 'waived'] as const);
    const page = pageRequest(limit, cursor);
    const groups = actingRole(req) === 'contact-teacher' ? groupsAt(req.principal!, school) : null;
    const tasks = (await this.queries.execute(new GetTasksQuery(school, wanted, this.clock.today(), groups, student))) as Task[];
    // Tasks tell whose level or case asks for what: one access-log entry naming the students shown.
    const students = [...new Set(tasks.flatMap((t) => ('studentId' in t ? [t.studentId] : [])))];
    req.accessRecord = listRead(
      req,
      'tasks:read',
      `tasks:${school}${wanted ? `:${wanted}` : ''}${student ? `:${student}` : ''}`,
      students.length,
    );
    if (format !== 'json')
      return fileAnswer(res, format, `oppgaver-${school}-${this.clock.today()}`, {
        csv: () => tableCsv(TASK_COLUMNS, tasks, lang),
        xlsx: () => tableXlsx(TASK_SHEET, TASK_COLUMNS, tasks, lang),
      });
    // The tasks' own order (tasks.query.ts): due date, student, step, task id.
    return page ? pageOf(tasks, page, (t) => [t.dueOn, 'studentId' in t ? t.studentId : '', t.stepId, t.taskId]) : tasks;
  }

  @Get('audit/access-log')
  @ApiOperation({ summary: 'Who read which case, concern or list, and what it revealed (auditor; pages with limit and cursor)' })
  @ApiOkResponse({ description: 'The answer; see the example in api.md.' })
  @Requires('access-log:read')
  @ApiQuery({ name: 'caseId', required: false })
  @ApiQuery({ name: 'studentId', required: false })
  @ApiQuery({ name: 'limit', required: false, description: 'Page size (1..1000): the answer is then `{ items, nextCursor }`.' })
  @ApiQuery({ name: 'cursor', required: false, description: 'The `nextCursor` of the page before.' })
  async accessLogEntries(
    @Query('caseId') caseId?: string,
    @Query('studentId') studentId?: string,
    @Query('limit') limitParam?: string,
    @Query('cursor') cursorParam?: string,
  ) {
    const page = pageRequest(limitParam, cursorParam);
    const after = page?.after && page.after.length === 2 ? { at: String(page.after[0]), seq: Number(page.after[1]) } : undefined;
    const result = (await this.queries.execute(
      new GetAccessLogQuery(idQuery(caseId, 'caseId', false), idQuery(studentId, 'studentId', false), page && { limit: page.limit, after }),
    )) as AccessLogPage;
    if (!page) return result.items;
    return result.next ? { items: result.items, nextCursor: encodeCursor([result.next.at, result.next.seq]) } : { items: result.items };
  }
}
