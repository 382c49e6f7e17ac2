/**
 * Anonymous consultations with PPT (api.md, Read models; plans.md, "PPT's table"): a school
 * leader or PPT records one; no student is named, so no consent is needed. They count as
 * consulted in PPT's statistics.
 */
import { Body, Controller, HttpCode, Inject, Param, Post } from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiOperation,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import type { Actor } from '#event-store/event-store.port.js';
import { Clock } from '#application/clock.js';
import { SchoolContexts } from '#application/school-contexts.js';
import { StreamWriter } from '#application/write/stream-writer.js';
import { schoolStream } from '#domain/events/stream-name.js';
import { schoolDecider } from '#domain/school/index.js';
import { CurrentActor } from '../auth/current-principal.decorator.js';
import { Requires } from '../auth/requires.decorator.js';
import { IsDateOrInstant, IsId } from '../common/dto-rules.js';
import { httpError } from '../common/error-body.js';
import { IdParamPipe } from '../common/id-param.pipe.js';
import { RequestIds, type RequestIdSource } from '../common/request-ids.js';
import { WriteResult } from '../common/write-result.js';

export class AnonymousConsultationDto {
  @ApiProperty({ example: 'smoras' }) @IsId() schoolId!: string;
  @ApiProperty({ enum: ['barneskole', 'ungdomsskole'] }) @IsIn(['barneskole', 'ungdomsskole']) schoolLevel!: 'barneskole' | 'ungdomsskole';
  @ApiProperty({ example: '2026-11-20' }) @IsDateOrInstant() at!: string;
  @ApiPropertyOptional({ example: 'Drøfting av en elev med mye fravær, uten navn' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string;
}

@ApiTags('ppt')
@Controller('municipalities/:municipalityId/ppt-consultations')
export class PptConsultationsController {
  constructor(
    @Inject(StreamWriter) private readonly writer: StreamWriter,
    @Inject(SchoolContexts) private readonly schools: SchoolContexts,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  @Post()
  @HttpCode(201)
  @Requires('ppt-consultation:record', { school: 'body:schoolId' })
  @ApiOperation({ summary: 'Record an anonymous consultation with PPT (no student, no consent)' })
  @ApiCreatedResponse({ schema: { example: { consultationId: '…' } } })
  @ApiUnprocessableEntityResponse({ description: '`school-level-mismatch`, `date-in-future`.' })
  async record(
    @Param('municipalityId', IdParamPipe) municipalityId: string,
    @Body() dto: AnonymousConsultationDto,
    @CurrentActor() actor: Actor,
    @RequestIds() ids: RequestIdSource,
  ): Promise<WriteResult<{ consultationId: string }>> {
    const school = await this.schools.get(dto.schoolId);
    if (!school || school.school.municipalityId !== municipalityId)
      throw httpError(404, `Unknown school ${dto.schoolId} in municipality ${municipalityId}`);
    const consultationId = ids.id('consultationId');
    const { position } = await this.writer.execute(
      schoolStream(dto.schoolId),
      schoolDecider,
      { type: 'RecordAnonymousConsultation', data: { consultationId, ...dto } },
      { today: this.clock.today() },
      { actor, eventIds: ids.eventIds, recoverIfStored: ids.recover },
    );
    return new WriteResult({ consultationId }, position);
  }
}
