/** Decisions about the concern level on the `student-<id>` stream. */
import { requireDate } from '../shared/dates.js';
import { DomainError, NotFoundError } from '../shared/domain-error.js';
import { requireOneOf, requireText } from '../shared/require.js';
import {
  CONCERN_LEVELS,
  MANUAL_CONCERN_LEVELS,
  type ConcernLevelChanged,
  type ConcernOverrideWithdrawn,
  type ConcernRaisedManually,
} from '../events/index.js';
import type { RaiseConcern, RecordConcernLevelChange, StudentContext, WithdrawConcernOverride } from './student.commands.js';
import type { EnrolledStudent } from './student.state.js';
import { onOrToday } from './absence.decide.js';

/**
 * plans.md (common model): "Staff can also raise a level by hand with a reason"; in
 * hemsedal-trafikklys (000) `red` is also "raised by hand". The concern engine reads these
 * events as manual triggers; the level itself is then recorded by RecordConcernLevelChange.
 */
export function raiseConcern(command: RaiseConcern, student: EnrolledStudent, context: StudentContext): ConcernRaisedManually[] {
  const level = requireOneOf(command.data.level, MANUAL_CONCERN_LEVELS, 'level', 'invalid-level');
  const reason = requireText(command.data.reason, 'reason');
  const on = onOrToday(command.data.on, context);
  const { overrideId, until } = command.data;
  if (until !== undefined && requireDate(until, 'until') < on)
    throw new DomainError('invalid-until', `until (${until}) is before the day the level is raised (${on})`, 'until');
  if (overrideId !== undefined && student.manualRaises.some((r) => r.overrideId === overrideId))
    throw new DomainError('duplicate-id', `override ${overrideId} already exists`, 'overrideId');
  return [
    {
      type: 'ConcernRaisedManually',
      schemaVersion: 1,
      data: {
        studentId: student.studentId,
        level,
        reason,
        on,
        ...(overrideId === undefined ? {} : { overrideId }),
        ...(until === undefined ? {} : { until }),
      },
    },
  ];
}

/**
 * api.md (Absence): a withdrawal lets the plan's rules alone decide from `on`. Once only, and
 * not after the override ran out by its own `until`: there is nothing left to withdraw.
 */
export function withdrawConcernOverride(
  command: WithdrawConcernOverride,
  student: EnrolledStudent,
  context: StudentContext,
): ConcernOverrideWithdrawn[] {
  const { overrideId } = command.data;
  const reason = requireText(command.data.reason, 'reason');
  const on = onOrToday(command.data.on, context);
  const raise = student.manualRaises.find((r) => r.overrideId === overrideId);
  if (!raise) throw new NotFoundError('override-not-found', `student ${student.studentId} has no override ${overrideId}`, 'overrideId');
  if (raise.withdrawnOn !== undefined)
    throw new DomainError('override-already-withdrawn', `override ${overrideId} was withdrawn on ${raise.withdrawnOn}`, 'overrideId');
  if (raise.until !== undefined && raise.until < on)
    throw new DomainError('override-expired', `override ${overrideId} held until ${raise.until} and has already run out`, 'overrideId');
  return [{ type: 'ConcernOverrideWithdrawn', schemaVersion: 1, data: { studentId: student.studentId, overrideId, reason, on } }];
}

/** Idempotent: the saga may re-evaluate as often as it likes; only a real change is an event. */
export function recordConcernLevelChange(command: RecordConcernLevelChange, student: EnrolledStudent): ConcernLevelChanged[] {
  const to = requireOneOf(command.data.level, CONCERN_LEVELS, 'level', 'invalid-level');
  const asOf = requireDate(command.data.asOf, 'asOf');
  if (to === student.concernLevel) return [];
  const { cause } = command.data;
  return [
    {
      type: 'ConcernLevelChanged',
      schemaVersion: 1,
      data: {
        studentId: student.studentId,
        from: student.concernLevel,
        to,
        triggers: [...(command.data.triggers ?? [])],
        asOf,
        ...(cause === undefined ? {} : { cause }),
      },
    },
  ];
}
