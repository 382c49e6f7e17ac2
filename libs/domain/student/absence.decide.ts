/** Decisions about absence registrations on the `student-<id>` stream. */
import { DomainError, NotFoundError } from '../shared/domain-error.js';
import { dateOrToday } from '../shared/dates.js';
import { requireText } from '../shared/require.js';
import type {
  AbsenceCorrected,
  AbsenceDocumentationReceived,
  AbsenceFields,
  AbsenceRegistered,
  AbsenceRetracted,
} from '../events/index.js';
import type { CorrectAbsence, ReceiveDocumentation, RegisterAbsence, RetractAbsence, StudentContext } from './student.commands.js';
import type { AbsenceRecord, EnrolledStudent } from './student.state.js';
import { applyCorrection, requireSchoolDay, validAbsenceFields } from './absence-rules.js';

/** The business date of a record made now: the command's `on`, else today; never later than today. */
export const onOrToday = (on: string | undefined, context: { today: string }): string => dateOrToday(on, context.today, 'on');

/** A registration that exists and is not retracted (corrections and retractions need one). */
export function requireActiveAbsence(student: EnrolledStudent, absenceId: string): AbsenceRecord {
  // Own entries only: `absences` is a plain object, and an id such as 'constructor' would
  // otherwise find Object.prototype's function and retract or document a registration that does not exist.
  const absence = Object.hasOwn(student.absences, absenceId) ? student.absences[absenceId] : undefined;
  if (!absence) throw new NotFoundError('absence-not-found', `student ${student.studentId} has no absence ${absenceId}`, 'absenceId');
  if (absence.retracted)
    throw new DomainError('absence-retracted', `absence ${absenceId} was retracted and can no longer change`, 'absenceId');
  return absence;
}

/**
 * A day absence is the whole day (api.md, Absence): a `day` on a date that already has a live
 * registration of the student, or any registration on a date that already has a live `day`, is
 * refused (correct or retract the first). Otherwise one day would count twice, or a late arrival
 * would sit on a day the student was away.
 */
function refuseSecondDayAbsence(student: EnrolledStudent, fields: AbsenceFields, exceptId: string): void {
  const other = Object.values(student.absences).find(
    (a) => !a.retracted && a.date === fields.date && a.absenceId !== exceptId && (fields.kind === 'day' || a.kind === 'day'),
  );
  if (other)
    throw new DomainError(
      'duplicate-day-absence',
      other.kind === 'day'
        ? `${fields.date} is already registered as a day absence (${other.absenceId})`
        : `${fields.date} already has a registration (${other.absenceId}, ${other.kind}); a day absence covers the whole day`,
      'date',
      { absenceId: other.absenceId },
    );
}

export function registerAbsence(command: RegisterAbsence, student: EnrolledStudent, context: StudentContext): AbsenceRegistered[] {
  const d = command.data;
  const absenceId = requireText(d.absenceId, 'absenceId');
  if (student.absences[absenceId])
    throw new DomainError('absence-already-registered', `absence ${absenceId} is already registered`, 'absenceId');
  const fields = validAbsenceFields({
    date: d.date,
    kind: d.kind,
    lessons: d.lessons,
    subject: d.subject,
    minutes: d.minutes,
    documented: d.documented ?? false,
    reportedByGuardian: d.reportedByGuardian ?? false,
    reason: d.reason,
  });
  requireSchoolDay(fields.date, context);
  refuseSecondDayAbsence(student, fields, absenceId);
  return [{ type: 'AbsenceRegistered', schemaVersion: 1, data: { studentId: student.studentId, absenceId, ...fields } }];
}

export function correctAbsence(command: CorrectAbsence, student: EnrolledStudent, context: StudentContext): AbsenceCorrected[] {
  const d = command.data;
  const current = requireActiveAbsence(student, d.absenceId);
  const reason = requireText(d.reason, 'reason');
  const on = onOrToday(d.on, context);
  const { absenceId: _id, retracted: _r, ...fields } = current;
  const { next, changes, previous } = applyCorrection(fields, d.changes ?? {});
  if (Object.keys(changes).length === 0)
    throw new DomainError('nothing-to-correct', `the correction changes nothing in absence ${d.absenceId}`);
  // Only a moved date needs the calendar: the original date was checked when registered.
  if (next.date !== current.date) requireSchoolDay(next.date, context);
  refuseSecondDayAbsence(student, next, current.absenceId);
  return [
    {
      type: 'AbsenceCorrected',
      schemaVersion: 1,
      data: { studentId: student.studentId, absenceId: current.absenceId, changes, previous, reason, on },
    },
  ];
}

export function retractAbsence(command: RetractAbsence, student: EnrolledStudent, context: StudentContext): AbsenceRetracted[] {
  const current = requireActiveAbsence(student, command.data.absenceId);
  const reason = requireText(command.data.reason, 'reason');
  const on = onOrToday(command.data.on, context);
  return [{ type: 'AbsenceRetracted', schemaVersion: 1, data: { studentId: student.studentId, absenceId: current.absenceId, reason, on } }];
}

export function receiveDocumentation(
  command: ReceiveDocumentation,
  student: EnrolledStudent,
  context: StudentContext,
): AbsenceDocumentationReceived[] {
  const current = requireActiveAbsence(student, command.data.absenceId);
  if (current.documented) throw new DomainError('already-documented', `absence ${current.absenceId} is already documented`, 'absenceId');
  const on = onOrToday(command.data.on, context);
  const note = command.data.note;
  return [
    {
      type: 'AbsenceDocumentationReceived',
      schemaVersion: 1,
      data: { studentId: student.studentId, absenceId: current.absenceId, on, ...(note !== undefined ? { note } : {}) },
    },
  ];
}
