import type { Decider } from '../shared/decider.js';
import type { SchoolEvent } from '../events/school.events.js';
import type { SchoolCommand, SchoolContext } from './school.commands.js';
import { decideSchool } from './school.decide.js';
import { evolveSchool } from './school.evolve.js';
import { initialSchoolState, type SchoolState } from './school.state.js';

/** The decider of `school-<id>`. */
export const schoolDecider: Decider<SchoolCommand, SchoolEvent, SchoolState, SchoolContext> = {
  decide: decideSchool,
  evolve: evolveSchool,
  initialState: initialSchoolState,
};
