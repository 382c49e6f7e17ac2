import type { Decider } from '../shared/decider.js';
import type { CaseEvent } from '../events/index.js';
import type { CaseCommand, CaseContext } from './case.commands.js';
import { decideCase } from './case.decide.js';
import { evolveCase } from './case.evolve.js';
import { initialCaseState, type CaseState } from './case.state.js';

/** The decider of `case-<id>`. */
export const caseDecider: Decider<CaseCommand, CaseEvent, CaseState, CaseContext> = {
  decide: decideCase,
  evolve: evolveCase,
  initialState: initialCaseState,
};
