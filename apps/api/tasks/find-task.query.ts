import { Inject, NotFoundException } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { TaskAsShown } from '#domain/student/index.js';
import { getStudent } from '#read-models/projections/directory/directory.query.js';
import { findTask } from '#read-models/projections/tasks/tasks.query.js';
import { ReadModels } from '../read/read-models.provider.js';

/** The task a completion or waiver names, as the student's school's plan asks for it today. */
export class FindTaskQuery {
  constructor(
    readonly studentId: string,
    readonly taskId: string,
    readonly today: string,
  ) {}
}

@QueryHandler(FindTaskQuery)
export class FindTaskHandler implements IQueryHandler<FindTaskQuery, TaskAsShown> {
  constructor(@Inject(ReadModels) private readonly models: ReadModels) {}

  async execute({ studentId, taskId, today }: FindTaskQuery): Promise<TaskAsShown> {
    const student = await getStudent(this.models.absence.directory, studentId);
    const found = student && (await findTask(this.models.casesAndStudents, student.schoolId, studentId, taskId, today));
    // A step no longer asked for (the level fell back, the case closed) is no task any more.
    if (!found) throw new NotFoundException(`task ${taskId} is not asked for today`);
    const { task, internals } = found;
    return {
      taskId: task.taskId,
      stepId: task.stepId,
      occurrence: internals.occurrence,
      status: task.status,
      fulfilledByRecords: internals.fulfilledByRecords,
    };
  }
}
