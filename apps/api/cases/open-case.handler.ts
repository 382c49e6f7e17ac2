import { Inject, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import { CommandBus, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { Actor } from '#event-store/event-store.port.js';
import { studentStream } from '#domain/events/stream-name.js';
import { studentDecider } from '#domain/student/index.js';
import { StreamWriter } from '#application/write/stream-writer.js';
import type { OpenCaseDto } from './case.dto.js';
import { requestIds, type RequestIdSource } from '../common/request-ids.js';
import { caseStream } from '#domain/events/stream-name.js';
import { CaseWriteCommand } from './case-write.handler.js';

/** Finds a student's open case in the read models (the cross-stream rule: one open case per student). */
export interface OpenCaseLookup {
  openCaseOf(studentId: string): Promise<string | null>;
}
export const OPEN_CASE_LOOKUP = Symbol('OPEN_CASE_LOOKUP');

export class OpenCaseCommand {
  constructor(
    readonly dto: OpenCaseDto,
    readonly actor: Actor,
    readonly ids: RequestIdSource = requestIds(undefined),
  ) {}
}

@CommandHandler(OpenCaseCommand)
export class OpenCaseHandler implements ICommandHandler<OpenCaseCommand, { caseId: string; position: number }> {
  constructor(
    @Inject(StreamWriter) private readonly writer: StreamWriter,
    @Inject(CommandBus) private readonly commands: CommandBus,
    @Inject(OPEN_CASE_LOOKUP) private readonly openCases: OpenCaseLookup,
  ) {}

  async execute({ dto, actor, ids }: OpenCaseCommand): Promise<{ caseId: string; position: number }> {
    const caseId = ids.id('caseId');
    // A retried Idempotency-Key whose first run opened the case and died before answering.
    if (ids.recover && ids.eventIds) {
      const stored = await this.writer.findStored(caseStream(caseId), ids.eventIds);
      if (stored) return { caseId, position: stored.position };
    }
    const student = await this.writer.load(studentStream(dto.studentId), studentDecider);
    if (student.state.status !== 'enrolled') throw new NotFoundException(`student ${dto.studentId} not found`);
    // Read-model check, so two racing opens can both pass; the second case is then visible
    // to staff and can be closed. A per-student lock stream would close that gap.
    const open = await this.openCases.openCaseOf(dto.studentId);
    if (open) {
      throw new UnprocessableEntityException({
        message: `student ${dto.studentId} already has an open case`,
        details: { code: 'case-already-open', caseId: open },
      });
    }
    const outcome = await this.commands.execute(
      new CaseWriteCommand(
        caseId,
        {
          type: 'OpenCase',
          data: {
            caseId,
            studentId: dto.studentId,
            schoolId: student.state.schoolId,
            reason: dto.reason,
            openedOn: dto.openedOn,
            ...(dto.phase === undefined ? {} : { phase: dto.phase }),
          },
        },
        actor,
        undefined,
        ids.eventIds,
      ),
    );
    return { caseId, position: outcome.position };
  }
}
