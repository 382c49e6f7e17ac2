import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { Actor } from '#event-store/event-store.port.js';
import { schoolStream } from '#domain/events/stream-name.js';
import { getPlan } from '#domain/plans/index.js';
import { schoolDecider } from '#domain/school/index.js';
import { Clock } from '#application/clock.js';
import { StreamWriter } from '#application/write/stream-writer.js';
import type { RegisterSchoolDto } from './register-school.dto.js';
import { requestIds, type RequestIdSource } from '../common/request-ids.js';

export class RegisterSchoolCommand {
  constructor(
    readonly dto: RegisterSchoolDto,
    readonly actor: Actor,
    readonly ids: RequestIdSource = requestIds(undefined),
  ) {}
}

@CommandHandler(RegisterSchoolCommand)
export class RegisterSchoolHandler implements ICommandHandler<RegisterSchoolCommand, { position: number }> {
  constructor(
    @Inject(StreamWriter) private readonly writer: StreamWriter,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  async execute({ dto, actor, ids }: RegisterSchoolCommand): Promise<{ position: number }> {
    // The DTO admits only built-in plan ids; the school adopts the current version.
    const plan = getPlan(dto.planId)!;
    const { position } = await this.writer.execute(
      schoolStream(dto.id),
      schoolDecider,
      {
        type: 'RegisterSchool',
        data: {
          schoolId: dto.id,
          name: dto.name,
          municipalityId: dto.municipalityId,
          level: dto.level,
          planId: plan.id,
          planVersion: plan.version,
          schoolYear: { start: dto.schoolYear.start, end: dto.schoolYear.end, breaks: dto.schoolYear.breaks ?? [] },
        },
      },
      { today: this.clock.today() },
      { actor, eventIds: ids.eventIds, recoverIfStored: ids.recover },
    );
    return { position };
  }
}
