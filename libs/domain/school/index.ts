export type { RegisterSchool, ChangeSchoolCalendar, SchoolCommand, SchoolContext } from './school.commands.js';
export type { SchoolState, RegisteredSchool } from './school.state.js';
export { initialSchoolState } from './school.state.js';
export { decideSchool, requireRegisteredSchool } from './school.decide.js';
export { evolveSchool } from './school.evolve.js';
export { schoolDecider } from './school.decider.js';
export { validSchoolYear } from './school-year.js';
