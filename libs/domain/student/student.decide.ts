import { DomainError, NotFoundError } from '../shared/domain-error.js';
import { requireText } from '../shared/require.js';
import { ageOn, requireDate, requireNotFuture } from '../shared/dates.js';
import type { StudentEvent, StudentMoved } from '../events/index.js';
import type { MoveStudent, StudentCommand, StudentContext } from './student.commands.js';
import type { EnrolledStudent, StudentState } from './student.state.js';
import { correctAbsence, receiveDocumentation, registerAbsence, retractAbsence } from './absence.decide.js';
import { raiseConcern, recordConcernLevelChange, withdrawConcernOverride } from './concern.decide.js';
import { recordStudentContact } from './student-contact.decide.js';
import { completeTask, waiveTask } from './task.decide.js';
import { eraseStudent } from './erase-student.decide.js';

/** Throws `student-not-found` (404) unless the stream holds an enrolled student. */
export function requireEnrolledStudent(state: StudentState, studentId?: string): EnrolledStudent {
  if (state.status !== 'enrolled')
    throw new NotFoundError(
      'student-not-found',
      studentId ? `student ${studentId} is not enrolled` : 'the student is not enrolled',
      'studentId',
    );
  return state;
}

/** A move to another group, grade or school (api.md, People and classes). */
function moveStudent(command: MoveStudent, student: EnrolledStudent, context: StudentContext): StudentMoved[] {
  const d = command.data;
  if (typeof d.grade !== 'number' || !Number.isInteger(d.grade) || d.grade < 1 || d.grade > 10)
    throw new DomainError('invalid-grade', `grade must be a whole number 1..10, got ${JSON.stringify(d.grade)}`, 'grade');
  const on = requireDate(d.on, 'on');
  const group = requireText(d.group, 'group');
  const schoolId = requireText(d.schoolId, 'toSchoolId');
  if (schoolId === student.schoolId && group === student.group && d.grade === student.grade)
    throw new DomainError(
      'nothing-to-correct',
      `student ${student.studentId} is already in ${group}, grade ${d.grade}, at ${schoolId}`,
      'group',
    );
  // Moves are dated as they happen or are planned: a new school year's move is made before it starts.
  void context;
  return [
    {
      type: 'StudentMoved',
      schemaVersion: 1,
      data: {
        studentId: student.studentId,
        on,
        schoolId,
        grade: d.grade,
        group,
        from: { schoolId: student.schoolId, grade: student.grade, group: student.group },
      },
    },
  ];
}

/** A date, not after today, and within the ages of grunnskole and a little beyond (3..25 years). */
function requireBirthDate(value: string, today: string): string {
  const date = requireDate(value, 'birthDate');
  requireNotFuture(date, today, 'birthDate');
  const age = ageOn(date, today);
  if (age < 3 || age > 25)
    throw new DomainError('invalid-field', `birthDate ${date} gives an age of ${age} years, not a pupil's`, 'birthDate');
  return date;
}

export function decideStudent(command: StudentCommand, state: StudentState, context: StudentContext): StudentEvent[] {
  if (command.type === 'EnrolStudent') {
    const d = command.data;
    if (state.status === 'enrolled')
      // Names no school: the existing student may belong to another municipality (security finding 3).
      throw new DomainError('student-already-enrolled', `student ${state.studentId} is already enrolled`, 'id');
    if (typeof d.grade !== 'number' || !Number.isInteger(d.grade) || d.grade < 1 || d.grade > 10) {
      throw new DomainError('invalid-grade', `grade must be a whole number 1..10, got ${JSON.stringify(d.grade)}`, 'grade');
    }
    return [
      {
        type: 'StudentEnrolled',
        schemaVersion: 1,
        data: {
          studentId: requireText(d.studentId, 'id'),
          schoolId: requireText(d.schoolId, 'schoolId'),
          name: requireText(d.name, 'name'),
          grade: d.grade,
          group: requireText(d.group, 'group'),
          ...(d.birthDate === undefined ? {} : { birthDate: requireBirthDate(d.birthDate, context.today) }),
        },
      },
    ];
  }
  const student = requireEnrolledStudent(state, command.data.studentId);
  if (command.type === 'EraseStudent') return eraseStudent(command, student, context);
  // An erased student's key is gone: nothing new about them can be recorded (api.md, Privacy).
  if (student.erased)
    throw new DomainError('student-erased', `student ${student.studentId} was erased on ${student.erased.on}`, 'studentId');
  switch (command.type) {
    case 'MoveStudent':
      return moveStudent(command, student, context);
    case 'RegisterAbsence':
      return registerAbsence(command, student, context);
    case 'CorrectAbsence':
      return correctAbsence(command, student, context);
    case 'RetractAbsence':
      return retractAbsence(command, student, context);
    case 'ReceiveDocumentation':
      return receiveDocumentation(command, student, context);
    case 'RaiseConcern':
      return raiseConcern(command, student, context);
    case 'WithdrawConcernOverride':
      return withdrawConcernOverride(command, student, context);
    case 'RecordConcernLevelChange':
      return recordConcernLevelChange(command, student);
    case 'RecordStudentContact':
      return recordStudentContact(command, student, context);
    case 'CompleteTask':
      return completeTask(command, student, context);
    case 'WaiveTask':
      return waiveTask(command, student, context);
  }
}
