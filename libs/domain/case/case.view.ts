/**
 * GET /cases/:caseId. The fields api.md names (caseId, studentId, schoolId, status, phase,
 * contacts, meetings, measures, consents, referrals, revision) plus what the project adds:
 * reason, openedOn, mappings, returnPlan, closure, deposits. Entries are in the order recorded.
 */
import type {
  CaseState,
  ClosureEntry,
  ConsentEntry,
  ContactEntry,
  DepositEntry,
  MappingEntry,
  MeasureEntry,
  MeetingEntry,
  ReferralEntry,
  ReturnPlanEntry,
} from './case.state.js';
import { requireCase } from './case.decide.js';

export interface CaseView {
  readonly caseId: string;
  readonly studentId: string;
  readonly schoolId: string;
  readonly status: 'open' | 'closed';
  readonly phase: number;
  readonly contacts: readonly ContactEntry[];
  readonly meetings: readonly MeetingEntry[];
  /** Each with its `evaluations`, oldest first. */
  readonly measures: readonly MeasureEntry[];
  /** Each with `withdrawal: { at, note? } | null`. */
  readonly consents: readonly ConsentEntry[];
  readonly referrals: readonly ReferralEntry[];
  /** 0-based revision of the case stream's last event: send it as If-Match. */
  readonly revision: number;
  readonly reason: string | null;
  readonly openedOn: string;
  readonly mappings: readonly MappingEntry[];
  readonly returnPlan: ReturnPlanEntry | null;
  /** The last closing (kept after a reopening), or null. */
  readonly closure: ClosureEntry | null;
  /** The Noark deposits the case went to the archive in (then it is blocked, not erased). */
  readonly deposits: readonly DepositEntry[];
}

/** The case as api.md shows it; throws `case-not-found` for an empty stream. */
export function caseView(state: CaseState): CaseView {
  const c = requireCase(state);
  return {
    caseId: c.caseId,
    studentId: c.studentId,
    schoolId: c.schoolId,
    status: c.status,
    phase: c.phase,
    contacts: c.contacts,
    meetings: c.meetings,
    measures: c.measures,
    consents: c.consents,
    referrals: c.referrals,
    revision: c.revision,
    reason: c.reason,
    openedOn: c.openedOn,
    mappings: c.mappings,
    returnPlan: c.returnPlan,
    deposits: c.deposits,
    closure: c.closure,
  };
}
