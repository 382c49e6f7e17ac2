/**
 * Erasure and blocking (api.md, Privacy of a child's data): the admin's, in own municipality,
 * logged as every use of a privacy power is (the access table marks them `logged`).
 */
import { Body, Controller, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOperation, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import type { Actor } from '#event-store/event-store.port.js';
import { CurrentActor } from '../auth/current-principal.decorator.js';
import { Requires } from '../auth/requires.decorator.js';
import { IdParamPipe } from '../common/id-param.pipe.js';
import { RequestIds, type RequestIdSource } from '../common/request-ids.js';
import { WriteResult } from '../common/write-result.js';
import { CaseWriteCommand } from '../cases/case-write.handler.js';
import { BlockCaseDto, EraseStudentDto } from './privacy.dto.js';
import { EraseStudentCommand, type ErasureOutcome } from './erase-student.handler.js';

@ApiTags('privacy')
@Controller()
export class PrivacyController {
  constructor(@Inject(CommandBus) private readonly commands: CommandBus) {}

  @Post('students/:studentId/erasure')
  @HttpCode(201)
  @Requires('student:erase', { student: 'studentId' })
  @ApiOperation({
    summary: 'Erase a student\'s personal data: their key is destroyed; names and free text read "[slettet]" everywhere',
    description:
      "Answers once every read model is rebuilt without the student's clear text. Ids, dates, kinds and counts stay; chains still verify.",
  })
  @ApiCreatedResponse({ schema: { example: { studentId: 'elev-0042', erasureId: '5c1f…', on: '2026-12-04' } } })
  @ApiUnprocessableEntityResponse({
    description:
      '`already-erased`; `archived` (a case went to the archive: the cases are blocked instead); `invalid-field` (the reason names the student).',
  })
  async erase(
    @Param('studentId', IdParamPipe) studentId: string,
    @Body() dto: EraseStudentDto,
    @CurrentActor() actor: Actor,
    @RequestIds() ids: RequestIdSource,
  ): Promise<WriteResult<Omit<ErasureOutcome, 'position'>>> {
    const erasureId = ids.id('erasureId');
    const { position, ...outcome } = await this.commands.execute<EraseStudentCommand, ErasureOutcome>(
      new EraseStudentCommand(studentId, erasureId, dto.legalBasis, dto.reason, actor, ids.eventIds),
    );
    return new WriteResult(outcome, position);
  }

  @Post('cases/:caseId/blocking')
  @HttpCode(201)
  @Requires('case:block', { case: 'caseId' })
  @ApiOperation({ summary: 'Block (sperre) a case: readable by auditors only, still counted' })
  @ApiCreatedResponse({ schema: { example: { caseId: 'c-1', blockingId: '7d2e…' } } })
  @ApiUnprocessableEntityResponse({ description: '`already-blocked`.' })
  async block(
    @Param('caseId', IdParamPipe) caseId: string,
    @Body() dto: BlockCaseDto,
    @CurrentActor() actor: Actor,
    @RequestIds() ids: RequestIdSource,
  ): Promise<WriteResult<{ caseId: string; blockingId: string }>> {
    const blockingId = ids.id('blockingId');
    const outcome = await this.commands.execute(
      new CaseWriteCommand(
        caseId,
        { type: 'BlockCase', data: { caseId, blockingId, reason: dto.reason } },
        actor,
        undefined,
        ids.eventIds,
        ids.recover,
      ),
    );
    return new WriteResult({ caseId, blockingId }, outcome.position);
  }
}
