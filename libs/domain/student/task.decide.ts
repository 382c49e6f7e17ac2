/**
 * Follow-up steps closed by hand (api.md, Read models: completion and waiver). The application
 * passes the task as the tasks read model shows it today; these rules judge it.
 */
import { requireDate, requireNotFuture } from '../shared/dates.js';
import { DomainError } from '../shared/domain-error.js';
import { requireText } from '../shared/require.js';
import type { FollowUpStepCompleted, FollowUpStepWaived } from '../events/index.js';
import type { CompleteTask, StudentContext, TaskAsShown, WaiveTask } from './student.commands.js';
import type { EnrolledStudent } from './student.state.js';
import { onOrToday } from './absence.decide.js';

function requireOpen(task: TaskAsShown, student: EnrolledStudent): void {
  if ((student.closedTaskIds ?? []).includes(task.taskId) || (task.status !== 'due' && task.status !== 'overdue'))
    throw new DomainError('task-not-open', `task ${task.taskId} is ${task.status === 'waived' ? 'waived' : 'already done'}`, 'taskId');
}

/** Only steps no other record fulfils are done by hand: a contact step is done by recording the contact. */
export function completeTask(command: CompleteTask, student: EnrolledStudent, context: StudentContext): FollowUpStepCompleted[] {
  const { task, note } = command.data;
  requireOpen(task, student);
  if (task.fulfilledByRecords)
    throw new DomainError(
      'task-fulfilled-by-record',
      `step ${task.stepId} is done by recording what it asks for (a contact, a meeting, a measure …), not by hand`,
      'taskId',
    );
  const on = requireDate(command.data.on, 'on');
  requireNotFuture(on, context.today, 'on');
  return [
    {
      type: 'FollowUpStepCompleted',
      schemaVersion: 1,
      data: {
        studentId: student.studentId,
        taskId: task.taskId,
        stepId: task.stepId,
        occurrence: task.occurrence,
        on,
        ...(note === undefined || note === '' ? {} : { note }),
      },
    },
  ];
}

export function waiveTask(command: WaiveTask, student: EnrolledStudent, context: StudentContext): FollowUpStepWaived[] {
  const { task } = command.data;
  const reason = requireText(command.data.reason, 'reason');
  requireOpen(task, student);
  const on = onOrToday(command.data.on, context);
  return [
    {
      type: 'FollowUpStepWaived',
      schemaVersion: 1,
      data: { studentId: student.studentId, taskId: task.taskId, stepId: task.stepId, occurrence: task.occurrence, on, reason },
    },
  ];
}
