/**
 * GET /cases (api.md, Cases): the cases the caller may see, with filters and the roster's search.
 * A school leader and student services see their schools' cases, a contact teacher those of the
 * own groups, the auditor any school's. One access-log entry per request names the cases shown.
 */
import { Controller, Get, Inject, Query, Req, Res, type StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { groupsAt } from '#access/roles.js';
import { Clock } from '#application/clock.js';
import { listCases, type CaseListRow } from '#read-models/projections/cases/case-list.query.js';
import type { AuthenticatedRequest } from '../auth/authenticated-request.js';
import { Requires } from '../auth/requires.decorator.js';
import { badRequest } from '../common/error-body.js';
import type { HttpResponse } from '../common/http-types.js';
import { FILE_CONTENT, fileAnswer, formatOf, langOf } from '../read/file-answer.js';
import { idQuery, oneOfParam, textQuery } from '../read/query-params.js';
import { tableCsv, tableXlsx } from '#read-models/files/table-file.js';
import { CASE_LIST_COLUMNS, CASE_LIST_SHEET } from '#read-models/projections/cases/case-list.file.js';
import { ReadModels } from '../read/read-models.provider.js';

@ApiTags('cases')
@Controller('cases')
export class CaseListController {
  constructor(
    @Inject(ReadModels) private readonly models: ReadModels,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  @Get()
  @Requires('cases:list')
  @ApiOperation({ summary: 'The cases the caller may see, with filters and a search by the student’s name' })
  @ApiQuery({ name: 'schoolId', required: false, description: "Default: each of the caller's schools (the auditor names one)." })
  @ApiQuery({ name: 'status', required: false, enum: ['open', 'closed'] })
  @ApiQuery({ name: 'phase', required: false })
  @ApiQuery({ name: 'studentId', required: false })
  @ApiQuery({ name: 'q', required: false, description: 'Any part of the student’s name, ignoring case and diacritics.' })
  @ApiQuery({ name: 'format', required: false, enum: ['json', 'csv', 'xlsx'] })
  @ApiQuery({ name: 'lang', required: false, enum: ['nb', 'nn'] })
  @ApiOkResponse({
    description:
      '`[{ caseId, studentId, studentName, group, schoolId, phase, phaseName, status, openedOn, nextDueOn }]`, or the same as a file',
    content: FILE_CONTENT,
  })
  async list(
    @Req() req: AuthenticatedRequest,
    @Res({ passthrough: true }) res: HttpResponse,
    @Query('schoolId') schoolParam?: unknown,
    @Query('status') statusParam?: unknown,
    @Query('phase') phaseParam?: unknown,
    @Query('studentId') studentParam?: unknown,
    @Query('q') qParam?: unknown,
    @Query('format') formatParam?: unknown,
    @Query('lang') langParam?: unknown,
  ): Promise<CaseListRow[] | string | StreamableFile> {
    const format = formatOf(formatParam, req.headers.accept);
    const lang = langOf(langParam);
    const principal = req.principal!;
    const role = req.access!.role;
    const schoolId = idQuery(schoolParam, 'schoolId');
    const studentId = idQuery(studentParam, 'studentId');
    const status = oneOfParam(statusParam, 'status', ['open', 'closed'] as const);
    const q = textQuery(qParam, 'q');
    const phase = phaseParam === undefined || phaseParam === '' ? undefined : Number(phaseParam);
    if (phase !== undefined && !(Number.isInteger(phase) && phase >= 1 && phase <= 10))
      throw badRequest('Invalid phase', [{ field: 'phase', messages: ['phase must be a whole number 1..10'] }]);
    const auditor = role === 'auditor';
    if (auditor && schoolId === undefined)
      throw badRequest('schoolId is required for the auditor', [{ field: 'schoolId', messages: ['name the school whose cases to list'] }]);
    // Filtered to what the caller may see: another school's cases are simply not in the answer.
    const schools = schoolId === undefined ? principal.schools : auditor || principal.schools.includes(schoolId) ? [schoolId] : [];
    const rows: CaseListRow[] = [];
    for (const school of schools) {
      const groups = role === 'contact-teacher' ? groupsAt(principal, school) : null;
      rows.push(
        ...(await listCases(
          this.models.casesAndStudents,
          school,
          {
            ...(status ? { status } : {}),
            ...(phase ? { phase } : {}),
            ...(studentId ? { studentId } : {}),
            ...(q ? { q } : {}),
            groups,
            includeBlocked: auditor,
          },
          this.clock.today(),
        )),
      );
    }
    // A list of cases is a read of each: one access-log entry naming those shown.
    req.accessRecord = {
      actor: { id: principal.id, role },
      action: 'cases:list',
      target: { type: 'case-list', id: `cases:${schoolId ?? 'own-schools'}` },
      revealed: { type: 'case', ids: rows.map((r) => r.caseId) },
      at: new Date().toISOString(),
    };
    if (format === 'json') return rows;
    return fileAnswer(res, format, `saker-${schoolId ?? 'mine-skoler'}-${this.clock.today()}`, {
      csv: () => tableCsv(CASE_LIST_COLUMNS, rows, lang),
      xlsx: () => tableXlsx(CASE_LIST_SHEET, CASE_LIST_COLUMNS, rows, lang),
    });
  }
}
