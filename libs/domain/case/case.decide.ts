import { DomainError, NotFoundError } from '../shared/domain-error.js';
import type { CaseEvent } from '../events/index.js';
import type { CaseCommand, CaseContext } from './case.commands.js';
import type { CaseState, OpenedCase } from './case.state.js';
import { blockCase, changePhase, closeCase, openCase, recordDeposit, reopenCase } from './case-lifecycle.decide.js';
import { agreeReturnPlan, holdMeeting, recordContact, recordMapping } from './case-records.decide.js';
import { agreeMeasure, evaluateMeasure } from './measures.decide.js';
import { giveConsent, makeReferral, withdrawConsent } from './consents.decide.js';

/** Throws `case-not-found` (404) unless the stream holds an opened case. */
export function requireCase(state: CaseState, caseId?: string): OpenedCase {
  if (state.status === 'none')
    throw new NotFoundError('case-not-found', caseId ? `case ${caseId} does not exist` : 'the case does not exist', 'caseId');
  return state;
}

export function decideCase(command: CaseCommand, state: CaseState, context: CaseContext): CaseEvent[] {
  if (command.type === 'OpenCase') return openCase(command, state, context);
  const opened = requireCase(state, command.data.caseId);
  if (command.type === 'ReopenCase') return reopenCase(command, opened, context);
  if (command.type === 'RecordDeposit') return recordDeposit(command, opened, context);
  if (command.type === 'BlockCase') return blockCase(command, opened, context);
  // A blocked case is kept as it stands (api.md, Privacy: sperring): nothing is added to it.
  if (opened.blocked) throw new DomainError('case-blocked', `case ${opened.caseId} is blocked`, 'caseId');
  // A closed case is a closed record: everything but reopening and depositing it is refused.
  if (opened.status === 'closed') throw new DomainError('case-closed', `case ${opened.caseId} is closed; reopen it first`, 'caseId');
  switch (command.type) {
    case 'RecordContact':
      return recordContact(command, opened, context);
    case 'HoldMeeting':
      return holdMeeting(command, opened, context);
    case 'RecordMapping':
      return recordMapping(command, opened, context);
    case 'AgreeMeasure':
      return agreeMeasure(command, opened, context);
    case 'EvaluateMeasure':
      return evaluateMeasure(command, opened, context);
    case 'GiveConsent':
      return giveConsent(command, opened, context);
    case 'WithdrawConsent':
      return withdrawConsent(command, opened, context);
    case 'MakeReferral':
      return makeReferral(command, opened, context);
    case 'ChangePhase':
      return changePhase(command, opened, context);
    case 'AgreeReturnPlan':
      return agreeReturnPlan(command, opened, context);
    case 'CloseCase':
      return closeCase(command, opened, context);
  }
}
