/**
 * Moves between groups, grades and schools (api.md, People and classes): a new group or grade (a
 * new school year) or another school of the municipality, from a date; what came before stays with
 * the dates it held (StudentMoved keeps the placement it ends).
 */
import { Body, Controller, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import {
  ApiCreatedResponse,
  ApiOperation,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import type { Actor } from '#event-store/event-store.port.js';
import { SchoolContexts } from '#application/school-contexts.js';
import { StreamWriter } from '#application/write/stream-writer.js';
import { studentDecider } from '#domain/student/index.js';
import { studentStream } from '#domain/events/stream-name.js';
import { CurrentActor } from '../auth/current-principal.decorator.js';
import { Requires } from '../auth/requires.decorator.js';
import { IsId, IsIsoDate } from '../common/dto-rules.js';
import { httpError } from '../common/error-body.js';
import { IdParamPipe } from '../common/id-param.pipe.js';
import { RequestIds, type RequestIdSource } from '../common/request-ids.js';
import { WriteResult } from '../common/write-result.js';
import { StudentWriteCommand } from '../absences/student-commands.js';

export class MoveStudentDto {
  @ApiProperty({ example: '2027-08-16', description: 'The first day in the new group, grade or school.' }) @IsIsoDate() on!: string;
  @ApiProperty({ example: '6A' }) @IsId() group!: string;
  @ApiProperty({ minimum: 1, maximum: 10, example: 6 }) @IsInt() @Min(1) @Max(10) grade!: number;
  @ApiPropertyOptional({ example: 'kombi', description: 'Another school of the municipality.' }) @IsOptional() @IsId() toSchoolId?: string;
}

@ApiTags('people and classes')
@Controller('schools/:schoolId/students/:studentId/moves')
export class MovesController {
  constructor(
    @Inject(CommandBus) private readonly commands: CommandBus,
    @Inject(StreamWriter) private readonly writer: StreamWriter,
    @Inject(SchoolContexts) private readonly schools: SchoolContexts,
  ) {}

  @Post()
  @HttpCode(201)
  @Requires('student:move', { student: 'studentId' })
  @ApiOperation({ summary: 'Move a student to another group, grade or school from a date' })
  @ApiCreatedResponse({ schema: { example: { studentId: 'elev-0042', schoolId: 'smoras', group: '6A', grade: 6 } } })
  @ApiUnprocessableEntityResponse({ description: '`nothing-to-correct` (already there), `invalid-grade`.' })
  async move(
    @Param('schoolId', IdParamPipe) schoolId: string,
    @Param('studentId', IdParamPipe) studentId: string,
    @Body() dto: MoveStudentDto,
    @CurrentActor() actor: Actor,
    @RequestIds() ids: RequestIdSource,
  ): Promise<WriteResult<{ studentId: string; schoolId: string; group: string; grade: number }>> {
    const { state } = await this.writer.load(studentStream(studentId), studentDecider);
    // The path names the school the student leaves: a student of another school is not found there.
    if (state.status !== 'enrolled' || state.schoolId !== schoolId) throw httpError(404, `Unknown student ${studentId} at ${schoolId}`);
    const to = dto.toSchoolId ?? schoolId;
    if (to !== schoolId) {
      const [from, target] = await Promise.all([this.schools.get(schoolId), this.schools.get(to)]);
      // Only within the municipality: another municipality's school is not one to name.
      if (!target || target.school.municipalityId !== from?.school.municipalityId)
        throw httpError(404, `Unknown school ${to} in the municipality`);
    }
    const { position } = await this.commands.execute(
      new StudentWriteCommand(
        studentId,
        { type: 'MoveStudent', data: { studentId, on: dto.on, schoolId: to, grade: dto.grade, group: dto.group } },
        actor,
        ids.eventIds,
        ids.recover,
      ),
    );
    return new WriteResult({ studentId, schoolId: to, group: dto.group, grade: dto.grade }, position);
  }
}
