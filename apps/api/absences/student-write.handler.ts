import { Inject, NotFoundException } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { studentStream } from '#domain/events/stream-name.js';
import { studentDecider } from '#domain/student/index.js';
import { Clock } from '#application/clock.js';
import { SchoolContexts, studentContextOf } from '#application/school-contexts.js';
import { StreamWriter, type WriteOutcome } from '#application/write/stream-writer.js';
import type { StudentState } from '#domain/student/index.js';
import { StudentWriteCommand } from './student-commands.js';

@CommandHandler(StudentWriteCommand)
export class StudentWriteHandler implements ICommandHandler<StudentWriteCommand, WriteOutcome<StudentState>> {
  constructor(
    @Inject(StreamWriter) private readonly writer: StreamWriter,
    @Inject(SchoolContexts) private readonly schools: SchoolContexts,
    @Inject(Clock) private readonly clock: Clock,
  ) {}

  async execute({ studentId, command, actor, eventIds, recoverIfStored }: StudentWriteCommand): Promise<WriteOutcome<StudentState>> {
    const stream = studentStream(studentId);
    const loaded = await this.writer.load(stream, studentDecider);
    if (loaded.state.status !== 'enrolled') throw new NotFoundException(`student ${studentId} not found`);
    const school = await this.schools.get(loaded.state.schoolId);
    if (!school) throw new NotFoundException(`school ${loaded.state.schoolId} not found`);
    const { calendar } = school;
    return this.writer.execute(
      stream,
      studentDecider,
      command,
      studentContextOf(calendar, this.clock.today()),
      { actor, eventIds, recoverIfStored },
      loaded,
    );
  }
}
