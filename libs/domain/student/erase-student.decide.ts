import { DomainError } from '../shared/domain-error.js';
import { requireOneOf, requireText } from '../shared/require.js';
import { ERASURE_BASES, type StudentErased } from '../events/index.js';
import type { EraseStudent, StudentContext } from './student.commands.js';
import type { EnrolledStudent } from './student.state.js';

/**
 * Erasure of a student's personal data (api.md, Privacy): recorded once. Whether the student has a
 * case in the archive (then the case is blocked instead) is the application's to check first: it
 * spans the student's case streams.
 */
export function eraseStudent(command: EraseStudent, student: EnrolledStudent, context: StudentContext): StudentErased[] {
  const legalBasis = requireOneOf(command.data.legalBasis, ERASURE_BASES, 'legalBasis');
  const erasureId = requireText(command.data.erasureId, 'erasureId');
  const reason = requireText(command.data.reason, 'reason');
  // The erasure event stays readable after the key is gone: it must not carry the name it erases.
  const named = student.name
    .split(/\s+/)
    .filter((part) => part.length >= 3)
    .some((part) => reason.toLocaleLowerCase('nb').includes(part.toLocaleLowerCase('nb')));
  if (named) throw new DomainError('invalid-field', 'reason must not name the student: it is kept after the erasure', 'reason');
  if (student.erased)
    throw new DomainError('already-erased', `student ${student.studentId} was already erased on ${student.erased.on}`, 'studentId', {
      erasureId: student.erased.erasureId,
    });
  return [
    {
      type: 'StudentErased',
      schemaVersion: 1,
      data: { studentId: student.studentId, erasureId, legalBasis, reason, on: command.data.on ?? context.today },
    },
  ];
}
