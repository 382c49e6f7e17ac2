import { Body, Controller, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiConflictResponse, ApiCreatedResponse, ApiHeader, ApiOperation, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import type { Actor } from '#event-store/event-store.port.js';
import type { CaseCommand } from '#domain/case/index.js';
import { CurrentActor, CurrentPrincipal } from '../auth/current-principal.decorator.js';
import type { Principal } from '#access/roles.js';
import { badRequest } from '../common/error-body.js';
import { Requires } from '../auth/requires.decorator.js';
import { ExpectedRevision } from '../common/expected-revision.decorator.js';
import { IdParamPipe } from '../common/id-param.pipe.js';
import { RequestIds, type RequestIdSource } from '../common/request-ids.js';
import { WriteResult } from '../common/write-result.js';
import { Clock } from '#application/clock.js';
import {
  AgreeMeasureDto,
  ChangePhaseDto,
  CloseCaseDto,
  EvaluateMeasureDto,
  GiveConsentDto,
  HoldMeetingDto,
  MakeReferralDto,
  OpenCaseDto,
  RecordContactDto,
  RecordMappingDto,
  ReopenCaseDto,
  ReturnPlanDto,
  WithdrawConsentDto,
} from './case.dto.js';
import { CaseWriteCommand } from './case-write.handler.js';
import { OpenCaseCommand } from './open-case.handler.js';

const IF_MATCH = { name: 'If-Match', required: false, description: 'The case revision last read; a mismatch answers 409.' };

@ApiTags('cases')
@ApiHeader(IF_MATCH)
@ApiConflictResponse({ description: 'If-Match does not match the case revision.' })
@Controller('cases')
export class CasesController {
  constructor(
    @Inject(CommandBus) private readonly commands: CommandBus,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Open a follow-up case for a student' })
  @HttpCode(201)
  @Requires('case:open', { student: 'body:studentId' })
  @ApiCreatedResponse({ schema: { example: { caseId: '7d9f2c1e-3b1a-4c55-9a43-2f3e8b1c0d9a' } } })
  async open(
    @Body() dto: OpenCaseDto,
    @CurrentActor() actor: Actor,
    @RequestIds() ids: RequestIdSource,
  ): Promise<WriteResult<{ caseId: string }>> {
    const { caseId, position } = await this.commands.execute(new OpenCaseCommand(dto, actor, ids));
    return new WriteResult({ caseId }, position);
  }

  @Post(':caseId/contacts')
  @ApiOperation({ summary: 'Record a contact with the guardians or the student in the case' })
  @ApiCreatedResponse({ description: 'Recorded; X-Position names where it landed in the store.' })
  @HttpCode(201)
  @Requires('case:write', { case: 'caseId' })
  contact(
    @Param('caseId', IdParamPipe) caseId: string,
    @Body() dto: RecordContactDto,
    @CurrentActor() actor: Actor,
    @RequestIds() ids: RequestIdSource,
    @ExpectedRevision() rev?: number,
  ) {
    const contactId = ids.id('contactId');
    return this.write(caseId, { type: 'RecordContact', data: { caseId, contactId, ...dto } }, actor, rev, { contactId }, ids);
  }

  @Post(':caseId/meetings')
  @ApiOperation({ summary: "Record a meeting with its participants, minutes and the student's own view" })
  @ApiCreatedResponse({ description: 'Recorded; X-Position names where it landed in the store.' })
  @HttpCode(201)
  @Requires('case:write', { case: 'caseId' })
  meeting(
    @Param('caseId', IdParamPipe) caseId: string,
    @Body() dto: HoldMeetingDto,
    @CurrentActor() actor: Actor,
    @RequestIds() ids: RequestIdSource,
    @ExpectedRevision() rev?: number,
  ) {
    const meetingId = ids.id('meetingId');
    return this.write(caseId, { type: 'HoldMeeting', data: { caseId, meetingId, ...dto } }, actor, rev, { meetingId }, ids);
  }

  @Post(':caseId/mappings')
  @ApiOperation({ summary: "Record a mapping by the measure circle's domains" })
  @ApiCreatedResponse({ description: 'Recorded; X-Position names where it landed in the store.' })
  @HttpCode(201)
  @Requires('case:write', { case: 'caseId' })
  mapping(
    @Param('caseId', IdParamPipe) caseId: string,
    @Body() dto: RecordMappingDto,
    @CurrentActor() actor: Actor,
    @RequestIds() ids: RequestIdSource,
    @ExpectedRevision() rev?: number,
  ) {
    const mappingId = ids.id('mappingId');
    const domains = Object.fromEntries(Object.entries(dto.domains).filter(([, v]) => v !== undefined));
    return this.write(
      caseId,
      { type: 'RecordMapping', data: { caseId, mappingId, domains, summary: dto.summary, on: this.clock.today() } },
      actor,
      rev,
      { mappingId },
      ids,
    );
  }

  @Post(':caseId/measures')
  @ApiOperation({ summary: 'Agree a measure with who is responsible and when it is evaluated' })
  @HttpCode(201)
  @Requires('case:write', { case: 'caseId' })
  @ApiCreatedResponse({ schema: { example: { measureId: '1b4e28ba-2fa1-11d2-883f-0016d3cca427' } } })
  measure(
    @Param('caseId', IdParamPipe) caseId: string,
    @Body() dto: AgreeMeasureDto,
    @CurrentActor() actor: Actor,
    @RequestIds() ids: RequestIdSource,
    @ExpectedRevision() rev?: number,
  ) {
    const measureId = ids.id('measureId');
    return this.write(caseId, { type: 'AgreeMeasure', data: { caseId, measureId, ...dto } }, actor, rev, { measureId }, ids);
  }

  @Post(':caseId/measures/:measureId/evaluations')
  @ApiOperation({ summary: "Evaluate a measure: its outcome decides the plan's next steps" })
  @ApiCreatedResponse({ description: 'Recorded; X-Position names where it landed in the store.' })
  @HttpCode(201)
  @Requires('case:write', { case: 'caseId' })
  evaluation(
    @Param('caseId', IdParamPipe) caseId: string,
    @Param('measureId', IdParamPipe) measureId: string,
    @Body() dto: EvaluateMeasureDto,
    @CurrentActor() actor: Actor,
    @RequestIds() ids: RequestIdSource,
    @ExpectedRevision() rev?: number,
  ) {
    const evaluationId = ids.id('evaluationId');
    return this.write(
      caseId,
      { type: 'EvaluateMeasure', data: { caseId, measureId, evaluationId, ...dto, on: this.clock.today() } },
      actor,
      rev,
      { evaluationId },
      ids,
    );
  }

  @Post(':caseId/consents')
  @ApiOperation({ summary: 'Record a consent for a purpose and its recipients (a guardian: given by that guardian)' })
  @HttpCode(201)
  @Requires('case:consent', { case: 'caseId' })
  @ApiCreatedResponse({ schema: { example: { consentId: '9b2f6d3a-8c1e-4f7b-a2d4-5e6f7a8b9c0d' } } })
  consent(
    @Param('caseId', IdParamPipe) caseId: string,
    @Body() dto: GiveConsentDto,
    @CurrentActor() actor: Actor,
    @CurrentPrincipal() principal: Principal,
    @RequestIds() ids: RequestIdSource,
    @ExpectedRevision() rev?: number,
  ) {
    const consentId = ids.id('consentId');
    // A guardian consents as themself, whatever the body names (api.md: "recorded as given by that guardian").
    const givenBy = actor.role === 'guardian' ? { name: principal.name || principal.id, relation: 'guardian' as const } : dto.givenBy;
    if (!givenBy) throw badRequest('givenBy is required', [{ field: 'givenBy', messages: ['givenBy must name who consented'] }]);
    return this.write(caseId, { type: 'GiveConsent', data: { caseId, consentId, ...dto, givenBy } }, actor, rev, { consentId }, ids);
  }

  @Post(':caseId/consents/:consentId/withdrawal')
  @ApiOperation({ summary: 'Withdraw a consent: what it allowed stops from that date' })
  @ApiCreatedResponse({ description: 'Recorded; X-Position names where it landed in the store.' })
  @HttpCode(201)
  @Requires('case:consent', { case: 'caseId' })
  withdraw(
    @Param('caseId', IdParamPipe) caseId: string,
    @Param('consentId', IdParamPipe) consentId: string,
    @Body() dto: WithdrawConsentDto,
    @CurrentActor() actor: Actor,
    @RequestIds() ids: RequestIdSource,
    @ExpectedRevision() rev?: number,
  ) {
    return this.write(caseId, { type: 'WithdrawConsent', data: { caseId, consentId, ...dto } }, actor, rev, { consentId }, ids);
  }

  @Post(':caseId/referrals')
  @ApiOperation({ summary: 'Refer to or consult a service (PPT, BUP, barnevern …); most need a valid consent' })
  @ApiCreatedResponse({ description: 'Recorded; X-Position names where it landed in the store.' })
  @HttpCode(201)
  @Requires('case:write', { case: 'caseId' })
  @ApiUnprocessableEntityResponse({ description: 'A PPT or BUP referral without a valid consent of that purpose.' })
  referral(
    @Param('caseId', IdParamPipe) caseId: string,
    @Body() dto: MakeReferralDto,
    @CurrentActor() actor: Actor,
    @RequestIds() ids: RequestIdSource,
    @ExpectedRevision() rev?: number,
  ) {
    const referralId = ids.id('referralId');
    return this.write(caseId, { type: 'MakeReferral', data: { caseId, referralId, ...dto } }, actor, rev, { referralId }, ids);
  }

  @Post(':caseId/phase')
  @ApiOperation({ summary: 'Move the case to another phase of the plan, with the reason' })
  @ApiCreatedResponse({ description: 'Recorded; X-Position names where it landed in the store.' })
  @HttpCode(201)
  @Requires('case:write', { case: 'caseId' })
  phase(
    @Param('caseId', IdParamPipe) caseId: string,
    @Body() dto: ChangePhaseDto,
    @CurrentActor() actor: Actor,
    @RequestIds() ids: RequestIdSource,
    @ExpectedRevision() rev?: number,
  ) {
    return this.write(
      caseId,
      { type: 'ChangePhase', data: { caseId, phase: dto.phase, reason: dto.reason, on: this.clock.today() } },
      actor,
      rev,
      { phase: dto.phase },
      ids,
    );
  }

  @Post(':caseId/return-plan')
  @ApiOperation({ summary: 'Record a return plan (goals, presence guide, start)' })
  @ApiCreatedResponse({ description: 'Recorded; X-Position names where it landed in the store.' })
  @HttpCode(201)
  @Requires('case:write', { case: 'caseId' })
  returnPlan(
    @Param('caseId', IdParamPipe) caseId: string,
    @Body() dto: ReturnPlanDto,
    @CurrentActor() actor: Actor,
    @RequestIds() ids: RequestIdSource,
    @ExpectedRevision() rev?: number,
  ) {
    return this.write(caseId, { type: 'AgreeReturnPlan', data: { caseId, ...dto } }, actor, rev, {}, ids);
  }

  @Post(':caseId/close')
  @ApiOperation({ summary: 'Close the case with its outcome' })
  @ApiCreatedResponse({ description: 'Recorded; X-Position names where it landed in the store.' })
  @HttpCode(201)
  @Requires('case:write', { case: 'caseId' })
  close(
    @Param('caseId', IdParamPipe) caseId: string,
    @Body() dto: CloseCaseDto,
    @CurrentActor() actor: Actor,
    @RequestIds() ids: RequestIdSource,
    @ExpectedRevision() rev?: number,
  ) {
    return this.write(
      caseId,
      { type: 'CloseCase', data: { caseId, ...dto, on: this.clock.today() } },
      actor,
      rev,
      { status: 'closed' },
      ids,
    );
  }

  @Post(':caseId/reopen')
  @ApiOperation({ summary: 'Reopen a closed case' })
  @ApiCreatedResponse({ description: 'Recorded; X-Position names where it landed in the store.' })
  @HttpCode(201)
  @Requires('case:write', { case: 'caseId' })
  reopen(
    @Param('caseId', IdParamPipe) caseId: string,
    @Body() dto: ReopenCaseDto,
    @CurrentActor() actor: Actor,
    @RequestIds() ids: RequestIdSource,
    @ExpectedRevision() rev?: number,
  ) {
    return this.write(
      caseId,
      { type: 'ReopenCase', data: { caseId, reason: dto.reason, on: this.clock.today() } },
      actor,
      rev,
      { status: 'open' },
      ids,
    );
  }

  /** Answers `{ caseId, revision, ...ids }`: the new revision is what the next `If-Match` sends. */
  private async write(
    caseId: string,
    command: CaseCommand,
    actor: Actor,
    expectedRevision: number | undefined,
    extra: Record<string, unknown>,
    ids: RequestIdSource,
  ) {
    const outcome = await this.commands.execute(new CaseWriteCommand(caseId, command, actor, expectedRevision, ids.eventIds, ids.recover));
    return new WriteResult({ caseId, ...extra, revision: outcome.revision }, outcome.position);
  }
}
