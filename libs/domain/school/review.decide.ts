/** Routine reviews held (plans.md, "Review routines"): a date, participants and minutes. */
import { requireDate, requireNotFuture } from '../shared/dates.js';
import { DomainError } from '../shared/domain-error.js';
import { requireNonEmptyList, requireOneOf, requireText } from '../shared/require.js';
import { businessDate, requireDateOrInstant } from '../shared/dates.js';
import type { AnonymousConsultationRecorded, ReviewHeld } from '../events/school.events.js';
import type { RecordAnonymousConsultation, RecordReview, SchoolContext } from './school.commands.js';
import type { RegisteredSchool } from './school.state.js';

export function recordReview(command: RecordReview, school: RegisteredSchool, context: SchoolContext): ReviewHeld {
  const d = command.data;
  const routine = (context.routines ?? []).find((r) => r.id === d.routineId);
  if (!routine) throw new DomainError('unknown-routine', `the school's plan has no review routine ${d.routineId}`, 'routineId');
  if (routine.scope === 'group' && !d.groupId)
    throw new DomainError('group-required', `routine ${routine.id} is held per group: name the group`, 'groupId');
  if ((school.reviewIds ?? []).includes(d.reviewId))
    throw new DomainError('duplicate-id', `review ${d.reviewId} is already recorded`, 'reviewId');
  const heldOn = requireDate(d.heldOn, 'heldOn');
  requireNotFuture(heldOn, context.today, 'heldOn');
  const participants = requireNonEmptyList<{ name: unknown; role: unknown }>(d.participants, 'participants').map((p, i) => ({
    name: requireText(p.name, `participants[${i}].name`),
    role: requireText(p.role, `participants[${i}].role`),
  }));
  return {
    type: 'ReviewHeld',
    schemaVersion: 1,
    data: {
      schoolId: school.schoolId,
      reviewId: d.reviewId,
      routineId: routine.id,
      heldOn,
      ...(routine.scope === 'group' && d.groupId ? { groupId: d.groupId } : {}),
      participants,
      minutes: requireText(d.minutes, 'minutes'),
      ...(d.studentIds && d.studentIds.length > 0 ? { studentIds: [...new Set(d.studentIds)] } : {}),
    },
  };
}

/**
 * plans.md, "PPT's table": an anonymous consultation (no student named, no consent) counts as
 * consulted at its school level. A barneskole has no ungdomsskole pupils, and the other way round.
 */
export function recordAnonymousConsultation(
  command: RecordAnonymousConsultation,
  school: RegisteredSchool,
  context: SchoolContext,
): AnonymousConsultationRecorded {
  const d = command.data;
  const schoolLevel = requireOneOf(d.schoolLevel, ['barneskole', 'ungdomsskole'] as const, 'schoolLevel');
  if (school.level !== 'kombinert' && school.level !== schoolLevel)
    throw new DomainError('school-level-mismatch', `school ${school.schoolId} is a ${school.level}, not a ${schoolLevel}`, 'schoolLevel');
  const at = businessDate(requireDateOrInstant(d.at, 'at'));
  requireNotFuture(at, context.today, 'at');
  // null as absent: class-validator's @IsOptional lets null through (found by the fuzz suite).
  const note = d.note == null || d.note.trim() === '' ? {} : { note: d.note };
  return {
    type: 'AnonymousConsultationRecorded',
    schemaVersion: 1,
    data: { schoolId: school.schoolId, consultationId: d.consultationId, schoolLevel, at, ...note },
  };
}
