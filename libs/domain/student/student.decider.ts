import type { Decider } from '../shared/decider.js';
import type { StudentEvent } from '../events/index.js';
import type { StudentCommand, StudentContext } from './student.commands.js';
import { decideStudent } from './student.decide.js';
import { evolveStudent, foldStudent } from './student.evolve.js';
import { initialStudentState, type StudentState } from './student.state.js';

/** The decider of `student-<id>`. */
export const studentDecider: Decider<StudentCommand, StudentEvent, StudentState, StudentContext> = {
  decide: decideStudent,
  evolve: evolveStudent,
  evolveAll: foldStudent,
  initialState: initialStudentState,
};
