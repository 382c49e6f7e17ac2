import { Body, Controller, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOperation, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import type { Actor } from '#event-store/event-store.port.js';
import { CurrentActor } from '../auth/current-principal.decorator.js';
import { Requires } from '../auth/requires.decorator.js';
import { IdParamPipe } from '../common/id-param.pipe.js';
import { RequestIds, type RequestIdSource } from '../common/request-ids.js';
import { WriteResult } from '../common/write-result.js';
import { Clock } from '#application/clock.js';
import {
  ConcernOverrideDto,
  CorrectAbsenceDto,
  ReceiveDocumentationDto,
  RegisterAbsenceDto,
  RetractAbsenceDto,
  StudentContactDto,
  WithdrawOverrideDto,
} from './absence.dto.js';
import { StudentWriteCommand } from './student-commands.js';

@ApiTags('absence')
@Controller('students/:studentId')
export class AbsencesController {
  constructor(
    @Inject(CommandBus) private readonly commands: CommandBus,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  @Post('absences')
  @ApiOperation({ summary: 'Register one absence (a day, lessons, a late arrival, leaving early)' })
  @HttpCode(201)
  @Requires('absence:register', { student: 'studentId' })
  @ApiCreatedResponse({ description: 'Registered.', schema: { example: { absenceId: '0f8fad5b-d9cb-469f-a165-70867728950e' } } })
  @ApiUnprocessableEntityResponse({ description: "Not a school day for the student's school, or a lesson absence without lessons." })
  async register(
    @Param('studentId', IdParamPipe) studentId: string,
    @Body() dto: RegisterAbsenceDto,
    @CurrentActor() actor: Actor,
    @RequestIds() ids: RequestIdSource,
  ): Promise<WriteResult<{ absenceId: string }>> {
    const absenceId = ids.id('absenceId');
    const { position } = await this.commands.execute(
      new StudentWriteCommand(
        studentId,
        // A guardian's report is a guardian's report whatever the body says (api.md, Absence), so the plan's
        // step for unreported absence sees it as reported (seed 002 line 10: "Fravær skal alltid meldes skolen skriftlig").
        {
          type: 'RegisterAbsence',
          data: { studentId, absenceId, ...dto, ...(actor.role === 'guardian' ? { reportedByGuardian: true } : {}) },
        },
        actor,
        ids.eventIds,
        ids.recover,
      ),
    );
    return new WriteResult({ absenceId }, position);
  }

  @Post('absences/:absenceId/corrections')
  @ApiOperation({ summary: 'Correct a registration (date, kind, amounts); the earlier one stays in the history' })
  @HttpCode(201)
  @Requires('absence:correct', { student: 'studentId' })
  @ApiCreatedResponse({ description: 'Corrected; the original registration stays in the history.' })
  async correct(
    @Param('studentId', IdParamPipe) studentId: string,
    @Param('absenceId', IdParamPipe) absenceId: string,
    @Body() dto: CorrectAbsenceDto,
    @CurrentActor() actor: Actor,
    @RequestIds() ids: RequestIdSource,
  ): Promise<WriteResult<{ absenceId: string }>> {
    const { reason, ...changes } = dto;
    const { position } = await this.commands.execute(
      new StudentWriteCommand(
        studentId,
        { type: 'CorrectAbsence', data: { studentId, absenceId, changes, reason, on: this.clock.today() } },
        actor,
        ids.eventIds,
        ids.recover,
      ),
    );
    return new WriteResult({ absenceId }, position);
  }

  @Post('absences/:absenceId/retractions')
  @ApiOperation({ summary: 'Retract a registration made in error' })
  @HttpCode(201)
  @Requires('absence:correct', { student: 'studentId' })
  @ApiCreatedResponse({ description: 'Retracted; it no longer counts, and nothing is deleted.' })
  async retract(
    @Param('studentId', IdParamPipe) studentId: string,
    @Param('absenceId', IdParamPipe) absenceId: string,
    @Body() dto: RetractAbsenceDto,
    @CurrentActor() actor: Actor,
    @RequestIds() ids: RequestIdSource,
  ): Promise<WriteResult<{ absenceId: string }>> {
    const { position } = await this.commands.execute(
      new StudentWriteCommand(
        studentId,
        { type: 'RetractAbsence', data: { studentId, absenceId, reason: dto.reason, on: this.clock.today() } },
        actor,
        ids.eventIds,
        ids.recover,
      ),
    );
    return new WriteResult({ absenceId }, position);
  }

  /** An addition to api.md: documentation (e.g. a doctor's note) arrived for a registration. */
  @Post('absences/:absenceId/documentation')
  @ApiOperation({ summary: "Record that documentation (e.g. a doctor's note) was received" })
  @HttpCode(201)
  @Requires('absence:correct', { student: 'studentId' })
  @ApiCreatedResponse({ description: 'The registration is now documented.' })
  async document(
    @Param('studentId', IdParamPipe) studentId: string,
    @Param('absenceId', IdParamPipe) absenceId: string,
    @Body() dto: ReceiveDocumentationDto,
    @CurrentActor() actor: Actor,
    @RequestIds() ids: RequestIdSource,
  ): Promise<WriteResult<{ absenceId: string }>> {
    const { position } = await this.commands.execute(
      new StudentWriteCommand(
        studentId,
        { type: 'ReceiveDocumentation', data: { studentId, absenceId, note: dto.note, on: this.clock.today() } },
        actor,
        ids.eventIds,
        ids.recover,
      ),
    );
    return new WriteResult({ absenceId }, position);
  }

  @Post('concern-overrides')
  @HttpCode(201)
  @Requires('concern:override', { student: 'studentId' })
  @ApiOperation({ summary: 'Raise the concern level by hand (until a date, or until withdrawn)' })
  @ApiCreatedResponse({
    description: 'The level is raised by hand, with its reason.',
    schema: { example: { overrideId: '…', studentId: 's1', level: 'red' } },
  })
  async raise(
    @Param('studentId', IdParamPipe) studentId: string,
    @Body() dto: ConcernOverrideDto,
    @CurrentActor() actor: Actor,
    @RequestIds() ids: RequestIdSource,
  ): Promise<WriteResult<{ overrideId: string; studentId: string; level: string }>> {
    const overrideId = ids.id('overrideId');
    const { until } = dto;
    const { position } = await this.commands.execute(
      new StudentWriteCommand(
        studentId,
        {
          type: 'RaiseConcern',
          data: { studentId, level: dto.level, reason: dto.reason, on: this.clock.today(), overrideId, ...(until ? { until } : {}) },
        },
        actor,
        ids.eventIds,
        ids.recover,
      ),
    );
    return new WriteResult({ overrideId, studentId, level: dto.level }, position);
  }

  @Post('concern-overrides/:overrideId/withdrawal')
  @HttpCode(201)
  @Requires('concern:override', { student: 'studentId' })
  @ApiOperation({ summary: 'Withdraw a level raised by hand: the plan’s rules alone decide again' })
  @ApiCreatedResponse({ description: 'Withdrawn.' })
  @ApiUnprocessableEntityResponse({ description: '`override-already-withdrawn` or `override-expired`.' })
  async withdraw(
    @Param('studentId', IdParamPipe) studentId: string,
    @Param('overrideId', IdParamPipe) overrideId: string,
    @Body() dto: WithdrawOverrideDto,
    @CurrentActor() actor: Actor,
    @RequestIds() ids: RequestIdSource,
  ): Promise<WriteResult<{ overrideId: string }>> {
    const { position } = await this.commands.execute(
      new StudentWriteCommand(
        studentId,
        { type: 'WithdrawConcernOverride', data: { studentId, overrideId, reason: dto.reason, on: this.clock.today() } },
        actor,
        ids.eventIds,
        ids.recover,
      ),
    );
    return new WriteResult({ overrideId }, position);
  }

  @Post('contacts')
  @HttpCode(201)
  @Requires('contact:record', { student: 'studentId' })
  @ApiOperation({ summary: 'Record a contact with the home or the student outside any case' })
  @ApiCreatedResponse({ description: 'Recorded; it fulfils the plan steps a contact fulfils.', schema: { example: { contactId: '…' } } })
  async contact(
    @Param('studentId', IdParamPipe) studentId: string,
    @Body() dto: StudentContactDto,
    @CurrentActor() actor: Actor,
    @RequestIds() ids: RequestIdSource,
  ): Promise<WriteResult<{ contactId: string }>> {
    const contactId = ids.id('contactId');
    const { position } = await this.commands.execute(
      new StudentWriteCommand(
        studentId,
        { type: 'RecordStudentContact', data: { studentId, contactId, ...dto } },
        actor,
        ids.eventIds,
        ids.recover,
      ),
    );
    return new WriteResult({ contactId }, position);
  }
}
