import { Body, Controller, Get, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Actor } from '#event-store/event-store.port.js';
import { builtInPlans } from '#domain/plans/index.js';
import { CurrentActor } from '../auth/current-principal.decorator.js';
import { Requires } from '../auth/requires.decorator.js';
import { WriteResult } from '../common/write-result.js';
import { IdParamPipe } from '../common/id-param.pipe.js';
import { RequestIds, type RequestIdSource } from '../common/request-ids.js';
import { EnrolStudentDto } from './enrol-student.dto.js';
import { EnrolStudentCommand } from './enrol-student.handler.js';
import { RegisterSchoolDto } from './register-school.dto.js';
import { RegisterSchoolCommand } from './register-school.handler.js';

@ApiTags('set-up')
@Controller()
export class SetupController {
  constructor(@Inject(CommandBus) private readonly commands: CommandBus) {}

  @Post('schools')
  @ApiOperation({ summary: 'Register a school with its plan and school year (admin)' })
  @HttpCode(201)
  @Requires('school:setup', { municipality: 'body:municipalityId' })
  @ApiCreatedResponse({ description: 'The school is registered with its calendar and plan.' })
  async registerSchool(
    @Body() dto: RegisterSchoolDto,
    @CurrentActor() actor: Actor,
    @RequestIds() ids: RequestIdSource,
  ): Promise<WriteResult<{ schoolId: string }>> {
    const { position } = await this.commands.execute(new RegisterSchoolCommand(dto, actor, ids));
    return new WriteResult({ schoolId: dto.id }, position);
  }

  @Post('schools/:schoolId/students')
  @ApiOperation({ summary: 'Enrol a student at a school (admin)' })
  @HttpCode(201)
  @Requires('student:enrol', { school: 'schoolId' })
  @ApiCreatedResponse({ description: 'The student is enrolled.' })
  async enrolStudent(
    @Param('schoolId', IdParamPipe) schoolId: string,
    @Body() dto: EnrolStudentDto,
    @CurrentActor() actor: Actor,
    @RequestIds() ids: RequestIdSource,
  ): Promise<WriteResult<{ studentId: string }>> {
    const { position } = await this.commands.execute(new EnrolStudentCommand(schoolId, dto, actor, ids));
    return new WriteResult({ studentId: dto.id }, position);
  }

  @Get('plans')
  @ApiOperation({ summary: 'The built-in action plans, as data' })
  @Requires('plans:read')
  @ApiOkResponse({ description: 'The built-in plans, each with its rules and steps.' })
  plans() {
    return builtInPlans;
  }
}
