/**
 * Follow-up steps closed by hand (api.md, Read models): a completion for steps no other record
 * fulfils, a waiver when a school leader judges the step not needed. Both are events on the
 * student's stream; the task stays listed with status done or waived.
 */
import { Body, Controller, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiCreatedResponse, ApiNotFoundResponse, ApiOperation, ApiTags, ApiUnprocessableEntityResponse } from '@nestjs/swagger';
import type { Actor } from '#event-store/event-store.port.js';
import type { TaskAsShown } from '#domain/student/index.js';
import { studentOfTask } from '#read-models/projections/tasks/task-id.js';
import { Clock } from '#application/clock.js';
import { CurrentActor } from '../auth/current-principal.decorator.js';
import { Requires } from '../auth/requires.decorator.js';
import { IdParamPipe } from '../common/id-param.pipe.js';
import { RequestIds, type RequestIdSource } from '../common/request-ids.js';
import { WriteResult } from '../common/write-result.js';
import { StudentWriteCommand } from '../absences/student-commands.js';
import { FindTaskQuery } from './find-task.query.js';
import { CompleteTaskDto, WaiveTaskDto } from './task.dto.js';

@ApiTags('tasks')
@Controller('tasks/:taskId')
export class TasksController {
  constructor(
    @Inject(CommandBus) private readonly commands: CommandBus,
    @Inject(QueryBus) private readonly queries: QueryBus,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  @Post('completion')
  @HttpCode(201)
  @Requires('task:complete', { student: 'task:taskId' })
  @ApiOperation({ summary: 'Mark a follow-up step done (steps no other record fulfils)' })
  @ApiCreatedResponse({ description: 'The step is done.', schema: { example: { taskId: 's1.0123456789abcdef0123', status: 'done' } } })
  @ApiNotFoundResponse({ description: 'No such task is asked for today.' })
  @ApiUnprocessableEntityResponse({
    description: '`task-not-open` (already done or waived), `task-fulfilled-by-record`, `date-in-future`.',
  })
  async complete(
    @Param('taskId', IdParamPipe) taskId: string,
    @Body() dto: CompleteTaskDto,
    @CurrentActor() actor: Actor,
    @RequestIds() ids: RequestIdSource,
  ): Promise<WriteResult<{ taskId: string; status: 'done' }>> {
    const studentId = studentOfTask(taskId)!;
    const task = await this.find(studentId, taskId);
    const { position } = await this.commands.execute(
      new StudentWriteCommand(
        studentId,
        { type: 'CompleteTask', data: { studentId, task, on: dto.on, ...(dto.note ? { note: dto.note } : {}) } },
        actor,
        ids.eventIds,
        ids.recover,
      ),
    );
    return new WriteResult({ taskId, status: 'done' as const }, position);
  }

  @Post('waiver')
  @HttpCode(201)
  @Requires('task:waive', { student: 'task:taskId' })
  @ApiOperation({ summary: 'A school leader judges a follow-up step not needed here' })
  @ApiCreatedResponse({ description: 'The step is waived.', schema: { example: { taskId: 's1.0123456789abcdef0123', status: 'waived' } } })
  @ApiNotFoundResponse({ description: 'No such task is asked for today.' })
  @ApiUnprocessableEntityResponse({ description: '`task-not-open` (already done or waived).' })
  async waive(
    @Param('taskId', IdParamPipe) taskId: string,
    @Body() dto: WaiveTaskDto,
    @CurrentActor() actor: Actor,
    @RequestIds() ids: RequestIdSource,
  ): Promise<WriteResult<{ taskId: string; status: 'waived' }>> {
    const studentId = studentOfTask(taskId)!;
    const task = await this.find(studentId, taskId);
    const { position } = await this.commands.execute(
      new StudentWriteCommand(
        studentId,
        { type: 'WaiveTask', data: { studentId, task, reason: dto.reason, on: this.clock.today() } },
        actor,
        ids.eventIds,
        ids.recover,
      ),
    );
    return new WriteResult({ taskId, status: 'waived' as const }, position);
  }

  private find(studentId: string, taskId: string): Promise<TaskAsShown> {
    return this.queries.execute(new FindTaskQuery(studentId, taskId, this.clock.today()));
  }
}
