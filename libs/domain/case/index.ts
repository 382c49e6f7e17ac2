export type {
  OpenCase,
  RecordContact,
  HoldMeeting,
  RecordMapping,
  AgreeMeasure,
  EvaluateMeasure,
  GiveConsent,
  WithdrawConsent,
  MakeReferral,
  ChangePhase,
  AgreeReturnPlan,
  CloseCase,
  ReopenCase,
  RecordDeposit,
  CaseCommand,
  CaseContext,
} from './case.commands.js';
export type {
  CaseState,
  OpenedCase,
  ContactEntry,
  MeetingEntry,
  MappingEntry,
  MeasureEntry,
  EvaluationEntry,
  ConsentEntry,
  ReferralEntry,
  PhaseEntry,
  ReturnPlanEntry,
  ClosureEntry,
} from './case.state.js';
export { initialCaseState } from './case.state.js';
export { decideCase, requireCase } from './case.decide.js';
export { evolveCase } from './case.evolve.js';
export { caseDecider } from './case.decider.js';
export { caseView } from './case.view.js';
export type { CaseView } from './case.view.js';
export { consentValidOn, validConsentFor, REFERRALS_NEEDING_CONSENT } from './consent-rules.js';
export { DEFAULT_MAX_PHASE, FIRST_PHASE, maxPhaseOf, openingPhaseOf, phaseNameOf, requireValidPhase } from './phases.js';
export { isPpt, pptIsResponsibleFor, pptTookPartIn, pptView } from './ppt-share.js';
