/** Contacts outside a case on the `student-<id>` stream (api.md, Absence: POST /students/:studentId/contacts). */
import { requireDateOrInstant, requireNotFuture, businessDate } from '../shared/dates.js';
import { DomainError } from '../shared/domain-error.js';
import { requireOneOf, requireText } from '../shared/require.js';
import { CONTACT_CHANNELS, CONTACT_PARTIES, type StudentContactRecorded } from '../events/index.js';
import type { RecordStudentContact, StudentContext } from './student.commands.js';
import type { EnrolledStudent } from './student.state.js';
import { requireActiveAbsence } from './absence.decide.js';

/**
 * Vindafjord/Etne (plans.md): "kontakt heim same dag" for unreported absence, and the example
 * plan's contact for single lessons, are closed by a call home; no case is needed for that.
 */
export function recordStudentContact(
  command: RecordStudentContact,
  student: EnrolledStudent,
  context: StudentContext,
): StudentContactRecorded[] {
  const d = command.data;
  const party = requireOneOf(d.with, CONTACT_PARTIES, 'with');
  const channel = requireOneOf(d.channel, CONTACT_CHANNELS, 'channel');
  const at = requireDateOrInstant(d.at, 'at');
  requireNotFuture(businessDate(at), context.today, 'at');
  const summary = requireText(d.summary, 'summary');
  if ((student.contactIds ?? []).includes(d.contactId))
    throw new DomainError('contact-already-recorded', `contact ${d.contactId} is already recorded`, 'contactId');
  // The absences it is about must be the student's own, live registrations.
  const absenceIds = d.absenceIds === undefined ? undefined : [...new Set(d.absenceIds)];
  for (const id of absenceIds ?? []) requireActiveAbsence(student, id);
  return [
    {
      type: 'StudentContactRecorded',
      schemaVersion: 1,
      data: {
        studentId: student.studentId,
        contactId: d.contactId,
        with: party,
        channel,
        at,
        summary,
        ...(absenceIds === undefined ? {} : { absenceIds }),
      },
    },
  ];
}
