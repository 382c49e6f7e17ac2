export type {
  EnrolStudent,
  MoveStudent,
  RegisterAbsence,
  CorrectAbsence,
  RetractAbsence,
  ReceiveDocumentation,
  RaiseConcern,
  WithdrawConcernOverride,
  RecordConcernLevelChange,
  RecordStudentContact,
  CompleteTask,
  WaiveTask,
  TaskAsShown,
  StudentCommand,
  StudentContext,
  NonSchoolReasonLike,
} from './student.commands.js';
export type { StudentState, EnrolledStudent, AbsenceRecord, ManualRaise } from './student.state.js';
export { initialStudentState } from './student.state.js';
export { decideStudent, requireEnrolledStudent } from './student.decide.js';
export { evolveStudent, foldStudent, absenceAfter, isAbsenceEvent, registeredAbsence } from './student.evolve.js';
export { studentDecider } from './student.decider.js';
export { validAbsenceFields, applyCorrection, requireSchoolDay, ABSENCE_FIELD_KEYS } from './absence-rules.js';
export { activeAbsences } from './student.queries.js';
export { addStudentFollowUpRecord, emptyStudentFollowUpRecords } from './follow-up-records.js';
export type { StudentFollowUpRecords } from './follow-up-records.js';
