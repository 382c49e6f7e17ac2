import { Body, Controller, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiOperation, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import type { Actor } from '#event-store/event-store.port.js';
import { CurrentActor } from '../auth/current-principal.decorator.js';
import { Requires } from '../auth/requires.decorator.js';
import { IdParamPipe } from '../common/id-param.pipe.js';
import { RequestIds, type RequestIdSource } from '../common/request-ids.js';
import { WriteResult } from '../common/write-result.js';
import { RollCallDto } from './roll-call.dto.js';
import { RollCallCommand, type RollCallResult } from './roll-call.handler.js';

@ApiTags('absence')
@Controller('schools/:schoolId/groups/:groupId/roll-calls')
export class RollCallController {
  constructor(@Inject(CommandBus) private readonly commands: CommandBus) {}

  @Post()
  @HttpCode(201)
  @Requires('roll-call:register', { group: 'groupId' })
  @ApiOperation({ summary: "The morning's roll call: a whole class's absence for one date in one request" })
  @ApiCreatedResponse({
    description: 'Every row saved, each as the student’s own registration.',
    schema: { example: { date: '2026-11-23', groupId: '5A', registered: [{ studentId: 'elev-0042', absenceId: '…' }] } },
  })
  @ApiUnprocessableEntityResponse({
    description:
      'A row that would fail alone (`not-in-group`, `duplicate-student`, `not-a-school-day`, …): `details.rows` names each; nothing is saved.',
  })
  async rollCall(
    @Param('schoolId', IdParamPipe) schoolId: string,
    @Param('groupId', IdParamPipe) groupId: string,
    @Body() dto: RollCallDto,
    @CurrentActor() actor: Actor,
    @RequestIds() ids: RequestIdSource,
  ): Promise<WriteResult<Omit<RollCallResult, 'position'>>> {
    const { position, ...result } = (await this.commands.execute(
      new RollCallCommand(schoolId, groupId, dto, actor, ids),
    )) as RollCallResult;
    return new WriteResult(result, position);
  }
}
