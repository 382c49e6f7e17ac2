/**
 * People and classes (api.md): who am I, a municipality's schools, a school's groups and its
 * roster. Each handler reads the directory read model; a roster that shows concern levels is a
 * read of those students' concern, on record in the access log (one entry per request).
 */
import { Controller, Get, Inject, Param, Query, Req, Res } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { httpError } from '../common/error-body.js';
import { groupsAt } from '#access/roles.js';
import { Clock } from '#application/clock.js';
import { getSchool, getStudent } from '#read-models/projections/directory/directory.query.js';
import { listGroups, listSchools, roster } from '#read-models/projections/directory/roster.query.js';
import type { AuthenticatedRequest } from '../auth/authenticated-request.js';
import { Requires } from '../auth/requires.decorator.js';
import { IdParamPipe } from '../common/id-param.pipe.js';
import type { HttpResponse } from '../common/http-types.js';
import { fileAnswer, formatOf, langOf } from '../read/file-answer.js';
import { textQuery } from '../read/query-params.js';
import { tableCsv, tableXlsx } from '#read-models/files/table-file.js';
import { ROSTER_COLUMNS, ROSTER_LEVEL, ROSTER_SHEET } from '#read-models/projections/directory/roster.file.js';
import { ReadModels } from '../read/read-models.provider.js';

/** The roles that may see a student's concern level (concern:read). */
const SEES_LEVELS = new Set(['contact-teacher', 'school-leader', 'student-services', 'auditor']);
/** The roles whose roster is their own groups only. */
const OWN_GROUPS_ONLY = new Set(['teacher', 'contact-teacher']);

@ApiTags('people and classes')
@Controller()
export class PeopleController {
  constructor(
    @Inject(ReadModels) private readonly models: ReadModels,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  @Get('me')
  @ApiOperation({ summary: "Who the caller is: name, roles, schools with names, groups, the service's business date" })
  @Requires('me:read')
  @ApiOkResponse({
    schema: {
      example: {
        sub: 'u1',
        name: 'Kari Nordmann',
        roles: ['contact-teacher'],
        municipality: '3024',
        schools: [{ schoolId: 'smoras', name: 'Smørås skole' }],
        groups: ['smoras/5A'],
        children: [],
        today: '2026-12-03',
      },
    },
  })
  async me(@Req() req: AuthenticatedRequest) {
    const p = req.principal!;
    const directory = this.models.absence.directory;
    const schools = await Promise.all(
      p.schools.map(async (schoolId) => ({ schoolId, name: (await getSchool(directory, schoolId))?.name ?? null })),
    );
    // `today`: the service's business date (CLOCK_TODAY when pinned), the web app's default date.
    return {
      sub: p.id,
      name: p.name,
      roles: p.roles,
      municipality: p.municipality,
      schools,
      groups: p.groups,
      children: p.children,
      today: this.clock.today(),
    };
  }

  @Get('municipalities/:municipalityId/schools')
  @ApiOperation({ summary: "A municipality's schools" })
  @Requires('schools:list', { municipality: 'municipalityId' })
  @ApiOkResponse({ schema: { example: [{ schoolId: 'smoras', name: 'Smørås skole', level: 'barneskole', planId: 'bergen-smoras' }] } })
  schools(@Param('municipalityId', IdParamPipe) municipalityId: string) {
    return listSchools(this.models.absence.directory, municipalityId);
  }

  @Get('schools/:schoolId/groups')
  @ApiOperation({ summary: "A school's groups (classes) with their size; a teacher's own only" })
  @Requires('roster:read', { school: 'schoolId' })
  @ApiOkResponse({ schema: { example: [{ groupId: '5A', grade: 5, students: 24 }] } })
  groups(@Param('schoolId', IdParamPipe) schoolId: string, @Req() req: AuthenticatedRequest) {
    const only = OWN_GROUPS_ONLY.has(req.access!.role) ? groupsAt(req.principal!, schoolId) : null;
    return listGroups(this.models.absence.directory, schoolId, only);
  }

  @Get('students/:studentId')
  @Requires('student:read', { student: 'studentId' })
  @ApiOperation({ summary: "A student's name, school, group and grade (the heading of the student's page)" })
  @ApiOkResponse({
    schema: { example: { studentId: 'st-1', name: 'Ola Nygård', schoolId: 'smoras', schoolName: 'Smørås skole', grade: 5, group: '5A' } },
  })
  @ApiNotFoundResponse({ description: 'No such student' })
  async student(@Param('studentId', IdParamPipe) studentId: string) {
    const directory = this.models.absence.directory;
    const student = await getStudent(directory, studentId);
    if (!student) throw httpError(404, 'No such student');
    const school = await getSchool(directory, student.schoolId);
    const { schoolId, name, grade, group } = student;
    return { studentId, name, schoolId, schoolName: school?.name ?? null, grade, group };
  }

  @Get('schools/:schoolId/students')
  @ApiOperation({ summary: "A school's roster, searched by name (q) and group; levels for those who may see them (logged)" })
  @Requires('roster:read', { school: 'schoolId' })
  @ApiQuery({ name: 'group', required: false })
  @ApiQuery({ name: 'q', required: false, description: 'Any part of the name, ignoring case and diacritics (nygard finds Nygård).' })
  @ApiQuery({ name: 'format', required: false, enum: ['json', 'csv', 'xlsx'] })
  @ApiQuery({ name: 'lang', required: false, enum: ['nb', 'nn'] })
  @ApiOkResponse({ schema: { example: [{ studentId: 'st-1', name: 'Ola Nygård', grade: 5, group: '5A', level: 'yellow' }] } })
  async students(
    @Param('schoolId', IdParamPipe) schoolId: string,
    @Req() req: AuthenticatedRequest,
    @Query('group') groupParam?: unknown,
    @Query('q') qParam?: unknown,
    @Query('format') formatParam?: unknown,
    @Query('lang') langParam?: unknown,
    @Res({ passthrough: true }) res?: HttpResponse,
  ) {
    const format = formatOf(formatParam, req.headers.accept);
    const lang = langOf(langParam);
    const role = req.access!.role;
    const group = textQuery(groupParam, 'group');
    const q = textQuery(qParam, 'q');
    const withLevels = SEES_LEVELS.has(role);
    const rows = await roster({ directory: this.models.absence.directory, absence: this.models.absence.studentAbsence }, schoolId, {
      ...(group === undefined ? {} : { group }),
      ...(q === undefined ? {} : { q }),
      only: OWN_GROUPS_ONLY.has(role) ? groupsAt(req.principal!, schoolId) : null,
      withLevels,
    });
    if (withLevels) {
      // Levels are a read of those students' concern: one access-log entry naming who was shown.
      req.accessRecord = {
        actor: { id: req.principal!.id, role },
        action: 'roster:read',
        target: { type: 'student-list', id: `roster:${schoolId}` },
        revealed: { type: 'student', ids: rows.map((r) => r.studentId) },
        at: new Date().toISOString(),
      };
    }
    if (format === 'json') return rows;
    const columns = withLevels ? ROSTER_COLUMNS : ROSTER_COLUMNS.filter((c) => c !== ROSTER_LEVEL);
    return fileAnswer(res!, format, `elever-${schoolId}${group ? `-${group}` : ''}`, {
      csv: () => tableCsv(columns, rows, lang),
      xlsx: () => tableXlsx(ROSTER_SHEET, columns, rows, lang),
    });
  }
}
