import { Inject, NotFoundException } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { Actor } from '#event-store/event-store.port.js';
import { studentStream } from '#domain/events/stream-name.js';
import { studentDecider } from '#domain/student/index.js';
import { Clock } from '#application/clock.js';
import { SchoolContexts } from '#application/school-contexts.js';
import { StreamWriter } from '#application/write/stream-writer.js';
import type { EnrolStudentDto } from './enrol-student.dto.js';
import { requestIds, type RequestIdSource } from '../common/request-ids.js';

export class EnrolStudentCommand {
  constructor(
    readonly schoolId: string,
    readonly dto: EnrolStudentDto,
    readonly actor: Actor,
    readonly ids: RequestIdSource = requestIds(undefined),
  ) {}
}

@CommandHandler(EnrolStudentCommand)
export class EnrolStudentHandler implements ICommandHandler<EnrolStudentCommand, { position: number }> {
  constructor(
    @Inject(StreamWriter) private readonly writer: StreamWriter,
    @Inject(SchoolContexts) private readonly schools: SchoolContexts,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  async execute({ schoolId, dto, actor, ids }: EnrolStudentCommand): Promise<{ position: number }> {
    const school = await this.schools.get(schoolId);
    if (!school) throw new NotFoundException(`school ${schoolId} not found`);
    const { position } = await this.writer.execute(
      studentStream(dto.id),
      studentDecider,
      {
        type: 'EnrolStudent',
        data: {
          studentId: dto.id,
          schoolId,
          name: dto.name,
          grade: dto.grade,
          group: dto.group,
          ...(dto.birthDate === undefined ? {} : { birthDate: dto.birthDate }),
        },
      },
      { today: this.clock.today(), isSchoolDay: (date) => school.calendar.isSchoolDay(date) },
      { actor, eventIds: ids.eventIds, recoverIfStored: ids.recover },
    );
    return { position };
  }
}
