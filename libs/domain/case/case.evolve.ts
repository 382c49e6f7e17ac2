import type { CaseEvent } from '../events/index.js';
import type { CaseState, OpenedCase } from './case.state.js';

function withoutCaseId<T extends { caseId: string }>(data: T): Omit<T, 'caseId'> {
  const { caseId: _caseId, ...rest } = data;
  return rest;
}

function evolveOpened(state: OpenedCase, event: Exclude<CaseEvent, { type: 'CaseOpened' }>): OpenedCase {
  switch (event.type) {
    case 'ContactRecorded':
      return { ...state, contacts: [...state.contacts, withoutCaseId(event.data)] };
    case 'MeetingHeld':
      return { ...state, meetings: [...state.meetings, withoutCaseId(event.data)] };
    case 'MappingRecorded':
      return { ...state, mappings: [...state.mappings, withoutCaseId(event.data)] };
    case 'MeasureAgreed':
      return { ...state, measures: [...state.measures, { ...withoutCaseId(event.data), evaluations: [] }] };
    case 'MeasureEvaluated': {
      const { caseId: _c, measureId, ...evaluation } = event.data;
      return {
        ...state,
        measures: state.measures.map((m) => (m.measureId === measureId ? { ...m, evaluations: [...m.evaluations, evaluation] } : m)),
      };
    }
    case 'ConsentGiven':
      return { ...state, consents: [...state.consents, { ...withoutCaseId(event.data), withdrawal: null }] };
    case 'ConsentWithdrawn': {
      const { consentId, at, note } = event.data;
      const withdrawal = note === undefined ? { at } : { at, note };
      return { ...state, consents: state.consents.map((c) => (c.consentId === consentId ? { ...c, withdrawal } : c)) };
    }
    case 'ReferralMade':
      return { ...state, referrals: [...state.referrals, withoutCaseId(event.data)] };
    case 'PhaseChanged':
      return { ...state, phase: event.data.phase, phaseHistory: [...state.phaseHistory, withoutCaseId(event.data)] };
    case 'ReturnPlanAgreed':
      return { ...state, returnPlan: withoutCaseId(event.data) };
    case 'CaseClosed':
      return { ...state, status: 'closed', closure: withoutCaseId(event.data) };
    case 'CaseReopened':
      return { ...state, status: 'open' };
    case 'CaseDeposited':
      return { ...state, deposits: [...state.deposits, withoutCaseId(event.data)] };
    case 'CaseBlocked':
      return { ...state, blocked: withoutCaseId(event.data) };
  }
}

/**
 * Folds one event. Never throws: an event that does not fit (which `decide` would not have
 * produced, e.g. anything before CaseOpened) only advances the revision, so stored history
 * always loads and `revision` always equals the stream's last revision.
 */
export function evolveCase(state: CaseState, event: CaseEvent): CaseState {
  const revision = state.revision + 1;
  if (event.type === 'CaseOpened') {
    if (state.status !== 'none') return { ...state, revision };
    const { caseId, studentId, schoolId, reason, openedOn, phase } = event.data;
    return {
      status: 'open',
      caseId,
      studentId,
      schoolId,
      reason,
      openedOn,
      phase,
      phaseHistory: [],
      contacts: [],
      meetings: [],
      mappings: [],
      measures: [],
      consents: [],
      referrals: [],
      returnPlan: null,
      closure: null,
      deposits: [],
      revision,
    };
  }
  if (state.status === 'none') return { ...state, revision };
  return { ...evolveOpened(state, event), revision };
}
