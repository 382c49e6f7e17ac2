/** Decisions about the concern level on the `student-<id>` stream. */
import { requireDate } from '../shared/dates.js';
import { requireOneOf, requireText } from '../shared/require.js';
import { CONCERN_LEVELS, MANUAL_CONCERN_LEVELS, type ConcernLevelChanged, type ConcernRaisedManually } from '../events/index.js';
import type { RaiseConcern, RecordConcernLevelChange, StudentContext } from './student.commands.js';
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
  return [{ type: 'ConcernRaisedManually', schemaVersion: 1, data: { studentId: student.studentId, level, reason, on } }];
}

/** Idempotent: the saga may re-evaluate as often as it likes; only a real change is an event. */
export function recordConcernLevelChange(command: RecordConcernLevelChange, student: EnrolledStudent): ConcernLevelChanged[] {
  const to = requireOneOf(command.data.level, CONCERN_LEVELS, 'level', 'invalid-level');
  const asOf = requireDate(command.data.asOf, 'asOf');
  if (to === student.concernLevel) return [];
  return [
    {
      type: 'ConcernLevelChanged',
      schemaVersion: 1,
      data: { studentId: student.studentId, from: student.concernLevel, to, triggers: [...(command.data.triggers ?? [])], asOf },
    },
  ];
}
